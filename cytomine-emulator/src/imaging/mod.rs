//! Image production for the emulator: header probing, thumbnails, windows,
//! crops, masks and deterministic demo slides.
//!
//! Everything here is pure (no IO). [`render`] takes a [`Source`] (encoded
//! bytes, or a synthetic slide that is never materialised), an optional
//! window in full-resolution pixel coordinates (origin top-left), a maximum
//! output size, pixel [`Adjust`]ments and an optional geometry [`Overlay`],
//! and returns encoded bytes.
//!
//! ```
//! use cytomine_emulator::imaging::{demo_image, probe, render, Adjust, Format, Overlay, Source};
//! let png = demo_image(300, 200, Format::Png, 7);
//! let info = probe(&png).unwrap();
//! assert_eq!((info.width, info.height, info.format), (300, 200, Format::Png));
//! let thumb = render(&Source::Encoded(&png), None, Some(64), Format::Jpeg,
//!                    &Adjust::default(), Overlay::None).unwrap();
//! let t = probe(&thumb).unwrap();
//! assert_eq!((t.width, t.height), (64, 43));
//! ```

mod adjust;
mod decode;
mod encode;
mod mask;
mod plan;
mod probe;
mod render;
#[cfg(test)]
mod render_tests;
#[cfg(test)]
mod robustness_tests;
mod synthetic;

pub use probe::probe;
pub use render::{demo_image, render, DEMO_MAX_SIDE};

use crate::geometry::Geometry;
use std::fmt;

/// Largest width or height of an image this module will decode or produce.
pub const MAX_SIDE: u32 = 40_000;
/// Largest pixel count of an image this module will decode or produce.
pub const MAX_PIXELS: u64 = 400_000_000;

/// An encoded image format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PNG (lossless, alpha).
    Png,
    /// JPEG (lossy, no alpha).
    Jpeg,
    /// WebP (written lossless, alpha).
    Webp,
    /// TIFF (lossless).
    Tiff,
}

impl Format {
    /// The format for a file extension (`png`, `jpg`, `jpeg`, `webp`, `tif`,
    /// `tiff`; any case, with or without a leading dot).
    ///
    /// ```
    /// use cytomine_emulator::imaging::Format;
    /// assert_eq!(Format::from_extension("JPG"), Some(Format::Jpeg));
    /// assert_eq!(Format::from_extension("gif"), None);
    /// ```
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.strip_prefix('.').unwrap_or(ext).to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "webp" => Some(Format::Webp),
            "tif" | "tiff" => Some(Format::Tiff),
            _ => None,
        }
    }

    /// The MIME type, e.g. `image/png`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Webp => "image/webp",
            Format::Tiff => "image/tiff",
        }
    }

    /// The usual file extension, without a dot: `png`, `jpg`, `webp`, `tiff`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Webp => "webp",
            Format::Tiff => "tiff",
        }
    }
}

/// What [`probe`] reads from an image's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The container format.
    pub format: Format,
    /// Samples per pixel (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha;
    /// palette PNGs report 3).
    pub channels: u8,
    /// Bits per sample as stored (8 for WebP).
    pub bit_depth: u8,
}

/// Where the pixels come from.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// An encoded PNG, JPEG, TIFF or WebP file.
    Encoded(&'a [u8]),
    /// A procedural slide of this size: any pixel can be computed alone, so
    /// huge slides cost only the pixels rendered.
    Synthetic {
        /// Full-resolution width.
        width: u32,
        /// Full-resolution height.
        height: u32,
        /// Picks the slide's layout; the same seed gives the same pixels.
        seed: u64,
    },
}

/// Pixel adjustments, applied in this order: contrast, gamma, inverse,
/// colormap, bits.
#[derive(Default, Clone, Debug)]
pub struct Adjust {
    /// Multiplies each channel's distance to mid-grey (1 = unchanged; must be
    /// finite and >= 0).
    pub contrast: Option<f64>,
    /// Maps each channel `v` in [0, 1] to `v^gamma` (1 = unchanged; must be
    /// finite and > 0).
    pub gamma: Option<f64>,
    /// Inverts every channel.
    pub inverse: bool,
    /// `grey`/`gray`, `jet` or `viridis`, applied to the luminance (any
    /// case); other names are ignored.
    pub colormap: Option<String>,
    /// Quantises each channel to this many bits (1..=16; 8 or more leaves
    /// 8-bit output unchanged).
    pub bits: Option<u8>,
}

/// A window in full-resolution pixel coordinates, origin at the top-left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

/// A geometry drawn over the output. Geometry coordinates are Cytomine's:
/// full-resolution pixels, origin at the bottom-left, y up.
#[derive(Clone, Copy, Debug)]
pub enum Overlay<'a> {
    /// The pixels as they are.
    None,
    /// A binary greyscale image: white inside the geometry, black outside.
    Mask(&'a Geometry),
    /// The pixels, fully transparent outside the geometry. Only PNG and
    /// WebP carry alpha: a JPEG or TIFF request is encoded as PNG.
    AlphaMask(&'a Geometry),
}

/// Why an image could not be probed, decoded, rendered or encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagingError(String);

impl ImagingError {
    pub(crate) fn new(message: impl Into<String>) -> ImagingError {
        ImagingError(message.into())
    }

    /// The message, e.g. `region 10x0 at (5, 5) is empty`.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ImagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImagingError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        for (ext, f) in [
            ("png", Format::Png),
            ("PNG", Format::Png),
            (".jpg", Format::Jpeg),
            ("JpEg", Format::Jpeg),
            ("webp", Format::Webp),
            ("tif", Format::Tiff),
            ("TIFF", Format::Tiff),
        ] {
            assert_eq!(Format::from_extension(ext), Some(f), "{ext}");
            assert_eq!(Format::from_extension(f.extension()), Some(f));
            assert!(f.mime().starts_with("image/"));
        }
        for ext in ["", "gif", "svs", "pngx", "."] {
            assert_eq!(Format::from_extension(ext), None, "{ext}");
        }
        assert_eq!(Format::Jpeg.mime(), "image/jpeg");
    }
}
