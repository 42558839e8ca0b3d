//! The rendering pipeline: plan, pixels, adjustments, overlay, encoding.

use super::adjust::Steps;
use super::decode::{checked_info, decode, window};
use super::encode::encode;
use super::mask::rasterize;
use super::plan::Plan;
use super::synthetic::{render_synthetic, Slide};
use super::{Adjust, Format, ImagingError, Overlay, Region, Source};
use image::DynamicImage;

/// Largest side of a [`demo_image`]; larger requests are clamped to it.
pub const DEMO_MAX_SIDE: u32 = 8192;

/// Renders a window of `src` as an encoded image.
///
/// - `region`: the window in full-resolution pixels, origin top-left (None =
///   the whole image). It is clamped to the image; an empty result is an error.
/// - `max_size`: the output's longer side is at most this (None = native);
///   the window is scaled down, never up, keeping its aspect ratio.
/// - `adjust`: applied to the pixels (not to a [`Overlay::Mask`]).
/// - `overlay`: see [`Overlay`]. With [`Overlay::AlphaMask`], a JPEG or TIFF
///   request is encoded as PNG, since only PNG and WebP carry the mask here.
///
/// Encoded sources above 40,000 pixels per side or 400 megapixels are
/// refused, and so is an output that large.
///
/// ```
/// use cytomine_emulator::imaging::{probe, render, Adjust, Format, Overlay, Region, Source};
/// let slide = Source::Synthetic { width: 100_000, height: 50_000, seed: 1 };
/// let window = Region { x: 1_000, y: 2_000, w: 800, h: 600 };
/// let jpg = render(&slide, Some(window), Some(256), Format::Jpeg, &Adjust::default(), Overlay::None).unwrap();
/// let info = probe(&jpg).unwrap();
/// assert_eq!((info.width, info.height), (256, 192));
/// ```
pub fn render(
    src: &Source,
    region: Option<Region>,
    max_size: Option<u32>,
    out: Format,
    adjust: &Adjust,
    overlay: Overlay,
) -> Result<Vec<u8>, ImagingError> {
    let steps = Steps::new(adjust)?;
    let (plan, full_height) = plan_for(src, region, max_size)?;
    match overlay {
        // A mask needs no pixels, so nothing is decoded.
        Overlay::Mask(geometry) => {
            let mask = rasterize(geometry, &plan, full_height);
            encode(DynamicImage::ImageLuma8(mask), out)
        }
        Overlay::AlphaMask(geometry) => {
            let mut rgba = source_pixels(src, &plan)?.to_rgba8();
            steps.apply(&mut rgba);
            let mask = rasterize(geometry, &plan, full_height);
            for (px, m) in rgba.pixels_mut().zip(mask.pixels()) {
                if m.0[0] == 0 {
                    px.0[3] = 0;
                }
            }
            let out = if out == Format::Webp {
                Format::Webp
            } else {
                Format::Png
            };
            encode(DynamicImage::ImageRgba8(rgba), out)
        }
        Overlay::None => {
            let pixels = source_pixels(src, &plan)?;
            let mut rgba = pixels.to_rgba8();
            steps.apply(&mut rgba);
            let rgba = DynamicImage::ImageRgba8(rgba);
            let image = if pixels.color().has_alpha() {
                rgba
            } else {
                DynamicImage::ImageRgb8(rgba.to_rgb8())
            };
            encode(image, out)
        }
    }
}

/// The plan for the source's size, and the source's full height (to turn
/// Cytomine's bottom-up y into rows).
fn plan_for(
    src: &Source,
    region: Option<Region>,
    max_size: Option<u32>,
) -> Result<(Plan, u32), ImagingError> {
    let (width, height) = match *src {
        Source::Encoded(bytes) => {
            let info = checked_info(bytes)?;
            (info.width, info.height)
        }
        Source::Synthetic { width, height, .. } => (width, height),
    };
    Ok((Plan::new(width, height, region, max_size)?, height))
}

/// The planned window of the source at the planned size.
fn source_pixels(src: &Source, plan: &Plan) -> Result<DynamicImage, ImagingError> {
    Ok(match *src {
        // Probing again costs a few header bytes.
        Source::Encoded(bytes) => window(&decode(bytes, &checked_info(bytes)?)?, plan),
        Source::Synthetic {
            width,
            height,
            seed,
        } => DynamicImage::ImageRgb8(render_synthetic(&Slide::new(width, height, seed), plan)),
    })
}

/// A deterministic demo slide, encoded: stained tissue blobs with nuclei on
/// a light gradient, the same bytes for the same arguments. Sizes are
/// clamped to `1..=DEMO_MAX_SIDE`.
///
/// ```
/// use cytomine_emulator::imaging::{demo_image, probe, Format};
/// let a = demo_image(64, 48, Format::Png, 3);
/// assert_eq!(a, demo_image(64, 48, Format::Png, 3));
/// assert_ne!(a, demo_image(64, 48, Format::Png, 4));
/// assert_eq!(probe(&a).map(|i| (i.width, i.height)), Some((64, 48)));
/// ```
pub fn demo_image(width: u32, height: u32, format: Format, seed: u64) -> Vec<u8> {
    let width = width.clamp(1, DEMO_MAX_SIDE);
    let height = height.clamp(1, DEMO_MAX_SIDE);
    let src = Source::Synthetic {
        width,
        height,
        seed,
    };
    // Cannot fail: the size is valid and there are no adjustments.
    render(&src, None, None, format, &Adjust::default(), Overlay::None).unwrap_or_default()
}
