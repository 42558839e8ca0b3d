//! A valid uncompressed RGB TIFF of any size, written by hand and streamed to disk.
//!
//! Layout: the 8-byte header, one IFD of 10 entries, the three `BitsPerSample` values, then
//! one strip of pixels. The pixels are a cheap pattern, written a row at a time.

use std::io::{BufWriter, Write};
use std::path::Path;

const ENTRIES: u16 = 10;
const IFD_AT: u32 = 8;
const BITS_AT: u32 = IFD_AT + 2 + ENTRIES as u32 * 12 + 4;
const PIXELS_AT: u32 = BITS_AT + 6;

/// The header and IFD of a `width`×`height` RGB, 8-bit, uncompressed, single-strip TIFF
/// (little-endian); the pixels follow it directly.
pub fn header(width: u32, height: u32) -> Vec<u8> {
    let strip = u64::from(width) * u64::from(height) * 3;
    let strip = u32::try_from(strip).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(PIXELS_AT as usize);
    out.extend_from_slice(b"II\x2a\x00");
    out.extend_from_slice(&IFD_AT.to_le_bytes());
    out.extend_from_slice(&ENTRIES.to_le_bytes());
    let short = 3u16;
    let long = 4u16;
    let entries: [(u16, u16, u32, u32); ENTRIES as usize] = [
        (256, long, 1, width),     // ImageWidth
        (257, long, 1, height),    // ImageLength
        (258, short, 3, BITS_AT),  // BitsPerSample (offset to 8,8,8)
        (259, short, 1, 1),        // Compression: none
        (262, short, 1, 2),        // PhotometricInterpretation: RGB
        (273, long, 1, PIXELS_AT), // StripOffsets
        (277, short, 1, 3),        // SamplesPerPixel
        (278, long, 1, height),    // RowsPerStrip
        (279, long, 1, strip),     // StripByteCounts
        (284, short, 1, 1),        // PlanarConfiguration: chunky
    ];
    for (tag, kind, count, value) in entries {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    for _ in 0..3 {
        out.extend_from_slice(&8u16.to_le_bytes());
    }
    out
}

/// The file size of a `width`×`height` image written by [`write()`].
pub fn file_size(width: u32, height: u32) -> u64 {
    u64::from(PIXELS_AT) + u64::from(width) * u64::from(height) * 3
}

/// A `width`×`height` whose file is close to `bytes` (at least 1×1, 4,096 pixels wide).
pub fn dimensions_for(bytes: u64) -> (u32, u32) {
    let width = 4096u32;
    let height = (bytes / (u64::from(width) * 3)).clamp(1, u64::from(u32::MAX));
    (width, height as u32)
}

/// Writes the TIFF to `path`, one row at a time (memory bounded by one row).
pub fn write(path: &Path, width: u32, height: u32) -> std::io::Result<u64> {
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    file.write_all(&header(width, height))?;
    let mut row = vec![0u8; width as usize * 3];
    for y in 0..height {
        for (x, px) in row.chunks_exact_mut(3).enumerate() {
            let x = x as u32;
            px.copy_from_slice(&[(x ^ y) as u8, (x / 16) as u8, (y / 16) as u8]);
        }
        file.write_all(&row)?;
    }
    file.flush()?;
    Ok(file_size(width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_emulator_probes_the_header_and_the_file_has_the_announced_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.tif");
        let written = write(&path, 300, 70).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len() as u64, written);
        let info = cytomine_emulator::imaging::probe(&bytes).unwrap();
        assert_eq!((info.width, info.height, info.channels), (300, 70, 3));
        let (w, h) = dimensions_for(200_000_000);
        assert!(file_size(w, h) <= 200_000_000 && file_size(w, h + 1) > 200_000_000);
    }
}
