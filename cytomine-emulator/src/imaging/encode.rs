//! Encoding the rendered pixels into the requested format.

use super::{Format, ImagingError};
use image::{DynamicImage, ImageFormat};
use std::io::Cursor;

/// Encodes `image` as `format`. JPEG takes only 8-bit grey or RGB, so other
/// layouts are flattened to RGB (alpha dropped); WebP is written lossless.
pub(crate) fn encode(image: DynamicImage, format: Format) -> Result<Vec<u8>, ImagingError> {
    let (image, image_format) = match format {
        Format::Png => (image, ImageFormat::Png),
        Format::Webp => (image, ImageFormat::WebP),
        Format::Tiff => (image, ImageFormat::Tiff),
        Format::Jpeg => match image {
            DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => (image, ImageFormat::Jpeg),
            other => (DynamicImage::ImageRgb8(other.to_rgb8()), ImageFormat::Jpeg),
        },
    };
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, image_format)
        .map_err(|e| ImagingError::new(format!("cannot encode {}: {e}", format.extension())))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::super::probe;
    use super::*;

    #[test]
    fn encodes_every_format_and_layout() {
        for format in [Format::Png, Format::Jpeg, Format::Webp, Format::Tiff] {
            for img in [
                DynamicImage::new_luma8(5, 4),
                DynamicImage::new_rgb8(5, 4),
                DynamicImage::new_rgba8(5, 4),
            ] {
                let alpha = img.color().has_alpha();
                let bytes = encode(img, format).unwrap();
                let info = probe(&bytes).unwrap();
                assert_eq!((info.format, info.width, info.height), (format, 5, 4));
                if format == Format::Jpeg {
                    assert!(info.channels == 1 || info.channels == 3);
                } else if alpha {
                    assert_eq!(info.channels, 4, "{format:?}");
                }
            }
        }
    }
}
