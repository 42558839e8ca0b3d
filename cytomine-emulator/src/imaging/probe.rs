//! Header probing for PNG, JPEG, TIFF (classic and BigTIFF) and WebP. Only
//! the few bytes that hold the size are read, so a huge file costs nothing.

use super::{Format, ImageInfo};

/// Reads the size, format, channel count and bit depth from the header of an
/// encoded image. `None` when the bytes are not a recognised, well-formed
/// header or when the size is zero.
///
/// ```
/// use cytomine_emulator::imaging::probe;
/// assert!(probe(b"not an image").is_none());
/// ```
pub fn probe(bytes: &[u8]) -> Option<ImageInfo> {
    let info = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        probe_png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        probe_jpeg(bytes)
    } else if bytes.starts_with(b"II") || bytes.starts_with(b"MM") {
        probe_tiff(bytes)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        probe_webp(bytes)
    } else {
        None
    }?;
    (info.width > 0 && info.height > 0).then_some(info)
}

fn be16(bytes: &[u8], at: usize) -> Option<u32> {
    let s = bytes.get(at..at + 2)?;
    Some(u32::from(u16::from_be_bytes([s[0], s[1]])))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn le24(bytes: &[u8], at: usize) -> Option<u32> {
    let s = bytes.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

fn probe_png(bytes: &[u8]) -> Option<ImageInfo> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let channels = match *bytes.get(25)? {
        0 => 1,
        2 | 3 => 3,
        4 => 2,
        6 => 4,
        _ => return None,
    };
    Some(ImageInfo {
        width: be32(bytes, 16)?,
        height: be32(bytes, 20)?,
        format: Format::Png,
        channels,
        bit_depth: *bytes.get(24)?,
    })
}

/// Walks the marker segments up to the first start-of-frame.
fn probe_jpeg(bytes: &[u8]) -> Option<ImageInfo> {
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            0xFF => at += 1, // fill byte
            0x01 | 0xD0..=0xD7 => at += 2,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let seg = at + 4;
                return Some(ImageInfo {
                    bit_depth: *bytes.get(seg)?,
                    height: be16(bytes, seg + 1)?,
                    width: be16(bytes, seg + 3)?,
                    channels: *bytes.get(seg + 5)?,
                    format: Format::Jpeg,
                });
            }
            0xD9 | 0xDA => return None, // end of image or scan before any frame
            _ => at += 2 + be16(bytes, at + 2)? as usize,
        }
    }
}

/// Reads the first image file directory (classic TIFF or BigTIFF).
fn probe_tiff(bytes: &[u8]) -> Option<ImageInfo> {
    let r = TiffReader {
        bytes,
        le: bytes.starts_with(b"II"),
    };
    let (big, ifd) = match r.uint(2, 2)? {
        42 => (false, r.uint(4, 4)?),
        43 => (true, r.uint(8, 8)?),
        _ => return None,
    };
    let ifd = usize::try_from(ifd).ok()?;
    let (count, first, entry_len) = if big {
        (r.uint(ifd, 8)?, ifd.checked_add(8)?, 20)
    } else {
        (r.uint(ifd, 2)?, ifd.checked_add(2)?, 12)
    };
    let (mut width, mut height, mut bits, mut samples) = (None, None, 1, 1);
    for i in 0..usize::try_from(count).ok()?.min(4096) {
        let e = first.checked_add(i.checked_mul(entry_len)?)?;
        let tag = r.uint(e, 2)?;
        let value = r.entry_first_value(e, big)?;
        match tag {
            256 => width = Some(value),
            257 => height = Some(value),
            258 => bits = value,
            277 => samples = value,
            _ => {}
        }
    }
    Some(ImageInfo {
        width: u32::try_from(width?).ok()?,
        height: u32::try_from(height?).ok()?,
        format: Format::Tiff,
        channels: u8::try_from(samples).ok()?,
        bit_depth: u8::try_from(bits).ok()?,
    })
}

struct TiffReader<'a> {
    bytes: &'a [u8],
    le: bool,
}

impl TiffReader<'_> {
    /// An unsigned integer of `len` bytes (1, 2, 4 or 8) at `at`.
    fn uint(&self, at: usize, len: usize) -> Option<u64> {
        let s = self.bytes.get(at..at.checked_add(len)?)?;
        let fold = |acc: u64, byte: &u8| acc << 8 | u64::from(*byte);
        Some(if self.le {
            s.iter().rev().fold(0, fold)
        } else {
            s.iter().fold(0, fold)
        })
    }

    /// The first value of the directory entry at `e` (inline or at its offset).
    fn entry_first_value(&self, e: usize, big: bool) -> Option<u64> {
        let size = match self.uint(e + 2, 2)? {
            1 | 2 | 6 | 7 => 1, // BYTE, ASCII, SBYTE, UNDEFINED
            3 | 8 => 2,         // SHORT, SSHORT
            4 | 9 | 13 => 4,    // LONG, SLONG, IFD
            16 | 17 => 8,       // LONG8, SLONG8 (BigTIFF)
            _ => return Some(0),
        };
        let (count, field, field_len) = if big {
            (self.uint(e + 4, 8)?, e + 12, 8)
        } else {
            (self.uint(e + 4, 4)?, e + 8, 4)
        };
        let total = count.checked_mul(size as u64)?;
        let at = if total <= field_len as u64 {
            field
        } else {
            usize::try_from(self.uint(field, field_len)?).ok()?
        };
        self.uint(at, size)
    }
}

fn probe_webp(bytes: &[u8]) -> Option<ImageInfo> {
    let (width, height, alpha) = match bytes.get(12..16)? {
        b"VP8X" => (
            le24(bytes, 24)? + 1,
            le24(bytes, 27)? + 1,
            bytes.get(20)? & 0x10 != 0,
        ),
        b"VP8L" => {
            if *bytes.get(20)? != 0x2F {
                return None;
            }
            let bits = u32::from_le_bytes(bytes.get(21..25)?.try_into().ok()?);
            (
                (bits & 0x3FFF) + 1,
                ((bits >> 14) & 0x3FFF) + 1,
                (bits >> 28) & 1 == 1,
            )
        }
        b"VP8 " => {
            if bytes.get(23..26)? != [0x9D, 0x01, 0x2A] {
                return None;
            }
            let w = u32::from(u16::from_le_bytes([*bytes.get(26)?, *bytes.get(27)?]));
            let h = u32::from(u16::from_le_bytes([*bytes.get(28)?, *bytes.get(29)?]));
            (w & 0x3FFF, h & 0x3FFF, false)
        }
        _ => return None,
    };
    Some(ImageInfo {
        width,
        height,
        format: Format::Webp,
        channels: if alpha { 4 } else { 3 },
        bit_depth: 8,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{DynamicImage, ImageFormat};
    use std::io::Cursor;

    fn encode(img: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    /// The image crate's encoder for each probed format.
    fn written_as(format: Format) -> ImageFormat {
        match format {
            Format::Png => ImageFormat::Png,
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Webp => ImageFormat::WebP,
            Format::Tiff => ImageFormat::Tiff,
        }
    }

    /// An image of the given width and height, as `DynamicImage::new_*` make them.
    type Blank = fn(u32, u32) -> DynamicImage;

    #[test]
    fn probes_images_written_by_the_image_crate() {
        let cases: [(Blank, u32, u32, Format, u8, u8); 12] = [
            (DynamicImage::new_rgb8, 37, 21, Format::Png, 3, 8),
            (DynamicImage::new_rgba8, 5, 300, Format::Png, 4, 8),
            (DynamicImage::new_luma8, 64, 2, Format::Png, 1, 8),
            (DynamicImage::new_luma16, 3, 3, Format::Png, 1, 16),
            (DynamicImage::new_luma_a8, 7, 9, Format::Png, 2, 8),
            (DynamicImage::new_rgb8, 333, 17, Format::Jpeg, 3, 8),
            (DynamicImage::new_luma8, 8, 1000, Format::Jpeg, 1, 8),
            (DynamicImage::new_rgb8, 40, 30, Format::Tiff, 3, 8),
            (DynamicImage::new_rgba8, 1, 70000, Format::Tiff, 4, 8),
            (DynamicImage::new_rgb16, 12, 13, Format::Tiff, 3, 16),
            (DynamicImage::new_rgb8, 300, 200, Format::Webp, 3, 8),
            (DynamicImage::new_rgba8, 16383, 2, Format::Webp, 4, 8),
        ];
        for (blank, width, height, format, channels, bit_depth) in cases {
            let written = written_as(format);
            let info = probe(&encode(blank(width, height), written)).unwrap();
            let expected = ImageInfo {
                width,
                height,
                format,
                channels,
                bit_depth,
            };
            assert_eq!(info, expected, "{written:?}");
        }
    }

    #[test]
    fn probes_big_endian_and_bigtiff_headers() {
        // MM, classic: width 300 (SHORT), height 70000 (LONG), bits 16, samples 1.
        let mut mm = b"MM\x00\x2a\x00\x00\x00\x08\x00\x04".to_vec();
        for (tag, typ, value) in [
            (256u16, 3u16, 300u32 << 16),
            (257, 4, 70000),
            (258, 3, 16 << 16),
            (277, 3, 1 << 16),
        ] {
            mm.extend(tag.to_be_bytes());
            mm.extend(typ.to_be_bytes());
            mm.extend(1u32.to_be_bytes());
            mm.extend(value.to_be_bytes());
        }
        let info = probe(&mm).unwrap();
        assert_eq!(
            (info.width, info.height, info.bit_depth, info.channels),
            (300, 70000, 16, 1)
        );

        // II, BigTIFF: width and height as LONG8.
        let mut big = b"II\x2b\x00\x08\x00\x00\x00".to_vec();
        big.extend(16u64.to_le_bytes());
        big.extend(2u64.to_le_bytes());
        for (tag, value) in [(256u16, 5_000_000_000u64), (257, 123)] {
            big.extend(tag.to_le_bytes());
            big.extend(16u16.to_le_bytes());
            big.extend(1u64.to_le_bytes());
            big.extend(value.to_le_bytes());
        }
        assert!(probe(&big).is_none(), "a width beyond u32 is refused");
        let at = 16 + 8 + 12;
        big[at..at + 8].copy_from_slice(&100_000u64.to_le_bytes());
        let info = probe(&big).unwrap();
        assert_eq!(
            (info.width, info.height, info.format),
            (100_000, 123, Format::Tiff)
        );
    }

    #[test]
    fn is_fast_on_a_huge_buffer() {
        let png = encode(DynamicImage::new_rgb8(10, 10), ImageFormat::Png);
        let mut bytes = vec![0xABu8; 200 * 1024 * 1024];
        bytes[..png.len()].copy_from_slice(&png);
        let start = std::time::Instant::now();
        assert_eq!(probe(&bytes).map(|i| i.width), Some(10));
        assert!(start.elapsed().as_millis() < 50);
    }

    #[test]
    fn refuses_garbage_and_truncations() {
        assert!(probe(b"").is_none());
        assert!(probe(b"GIF89a....").is_none());
        assert!(probe(&[0xFF, 0xD8, 0xFF]).is_none());
        assert!(probe(b"II\x2a\x00\xff\xff\xff\xff").is_none());
        assert!(probe(b"RIFF\0\0\0\0WEBPVP8 ").is_none());
        for format in [Format::Png, Format::Jpeg, Format::Tiff, Format::Webp] {
            let written = written_as(format);
            let full = encode(DynamicImage::new_rgb8(9, 9), written);
            assert!(probe(&full).is_some());
            for cut in 0..full.len().min(40) {
                // Never panics; short prefixes cannot hold a whole header.
                let _ = probe(&full[..cut]);
            }
            assert!(probe(&full[..8]).is_none(), "{written:?}");
        }
    }
}
