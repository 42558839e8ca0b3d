//! Decoding encoded sources, guarded against decode bombs, and cutting the
//! planned window out of them at the planned size.

use super::plan::Plan;
use super::{probe, Format, ImageInfo, ImagingError, MAX_PIXELS, MAX_SIDE};
use image::{imageops, DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Reads the header of an encoded source and refuses sizes above the limits.
pub(crate) fn checked_info(bytes: &[u8]) -> Result<ImageInfo, ImagingError> {
    let info = probe(bytes).ok_or_else(|| {
        ImagingError::new("the source is not a readable PNG, JPEG, TIFF or WebP image")
    })?;
    let pixels = u64::from(info.width) * u64::from(info.height);
    if info.width > MAX_SIDE || info.height > MAX_SIDE || pixels > MAX_PIXELS {
        return Err(ImagingError::new(format!(
            "the {}x{} source is too large to render (at most {MAX_SIDE} per side and {MAX_PIXELS} pixels)",
            info.width, info.height
        )));
    }
    Ok(info)
}

/// Decodes the whole image, with the decoder itself bounded by the limits.
pub(crate) fn decode(bytes: &[u8], info: &ImageInfo) -> Result<DynamicImage, ImagingError> {
    let format = match info.format {
        Format::Png => ImageFormat::Png,
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Webp => ImageFormat::WebP,
        Format::Tiff => ImageFormat::Tiff,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Room for the largest allowed image at 4 channels of 16 bits.
    limits.max_alloc = Some(MAX_PIXELS * 8);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| {
        ImagingError::new(format!(
            "cannot decode the {} source: {e}",
            info.format.extension()
        ))
    })?;
    if (image.width(), image.height()) != (info.width, info.height) {
        return Err(ImagingError::new(format!(
            "the source header says {}x{} but its data is {}x{}",
            info.width,
            info.height,
            image.width(),
            image.height()
        )));
    }
    Ok(image)
}

/// The planned window of `image` at the planned size, in the image's own
/// pixel type (so no full-size conversion happens).
pub(crate) fn window(image: &DynamicImage, plan: &Plan) -> DynamicImage {
    let r = plan.region;
    // `imageops::thumbnail` bounds its subpixel by a trait the image crate
    // does not export, so each concrete buffer type is spelled out.
    macro_rules! crop_scale {
        ($buf:expr) => {{
            let view = imageops::crop_imm($buf, r.x, r.y, r.w, r.h);
            if plan.is_native() {
                view.to_image()
            } else {
                imageops::thumbnail(&*view, plan.out_w, plan.out_h)
            }
        }};
    }
    macro_rules! per_variant {
        ($($variant:ident),*) => {
            match image {
                $(DynamicImage::$variant(buf) => DynamicImage::$variant(crop_scale!(buf)),)*
                other => {
                    let converted = other.to_rgba32f();
                    DynamicImage::ImageRgba32F(crop_scale!(&converted))
                }
            }
        };
    }
    per_variant!(
        ImageLuma8,
        ImageLumaA8,
        ImageRgb8,
        ImageRgba8,
        ImageLuma16,
        ImageLumaA16,
        ImageRgb16,
        ImageRgba16,
        ImageRgb32F,
        ImageRgba32F
    )
}

#[cfg(test)]
mod tests {
    use super::super::Region;
    use super::*;
    use image::{GenericImageView, Rgb, RgbImage};

    fn png(img: DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn windows_keep_pixels_and_type() {
        let img = RgbImage::from_fn(40, 20, |x, y| Rgb([x as u8 * 5, y as u8 * 10, 7]));
        let bytes = png(DynamicImage::ImageRgb8(img));
        let info = checked_info(&bytes).unwrap();
        let decoded = decode(&bytes, &info).unwrap();
        let plan = Plan::new(
            40,
            20,
            Some(Region {
                x: 10,
                y: 5,
                w: 4,
                h: 3,
            }),
            None,
        )
        .unwrap();
        let w = window(&decoded, &plan);
        assert!(matches!(w, DynamicImage::ImageRgb8(_)));
        assert_eq!(w.dimensions(), (4, 3));
        assert_eq!(w.get_pixel(0, 0).0, [50, 50, 7, 255]);
        assert_eq!(w.get_pixel(3, 2).0, [65, 70, 7, 255]);
        let plan = Plan::new(40, 20, None, Some(10)).unwrap();
        assert_eq!(window(&decoded, &plan).dimensions(), (10, 5));
    }

    #[test]
    fn refuses_bombs_by_header() {
        // A PNG header claiming 50000 x 50000: refused before any decoding.
        let mut bytes = png(DynamicImage::new_rgb8(1, 1));
        bytes[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        let err = checked_info(&bytes).unwrap_err();
        assert!(err.message().contains("too large"), "{err}");
        // 30000 x 20000 is under the side limit but over 400 megapixels.
        bytes[16..20].copy_from_slice(&30_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        assert!(checked_info(&bytes).is_err());
        assert!(checked_info(b"garbage").is_err());
    }

    #[test]
    fn corrupt_data_is_an_error() {
        let bytes = png(DynamicImage::new_rgb8(64, 64));
        let info = checked_info(&bytes).unwrap();
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() / 2);
        assert!(decode(&cut, &info).is_err());
        let mut flipped = bytes;
        let n = flipped.len();
        for b in &mut flipped[40..n - 12] {
            *b ^= 0x5A;
        }
        assert!(decode(&flipped, &info).is_err());
    }
}
