//! End-to-end tests of [`render`] and [`demo_image`]: sizes, windows, masks,
//! adjustments, source layouts and refusals.

use super::*;
use crate::geometry::parse_wkt;
use image::{DynamicImage, GenericImageView};
use std::time::Instant;

fn decode_any(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

fn plain(
    src: &Source,
    region: Option<Region>,
    max: Option<u32>,
    out: Format,
) -> Result<Vec<u8>, ImagingError> {
    render(src, region, max, out, &Adjust::default(), Overlay::None)
}

#[test]
fn sizes_and_aspect_for_many_max_sizes() {
    let png = demo_image(300, 200, Format::Png, 9);
    let encoded = Source::Encoded(&png);
    let synthetic = Source::Synthetic {
        width: 30_000,
        height: 20_000,
        seed: 9,
    };
    for max in [1u32, 2, 3, 7, 50, 64, 99, 150, 299, 300, 301, 1000] {
        let info = probe(&plain(&encoded, None, Some(max), Format::Png).unwrap()).unwrap();
        let long = max.min(300);
        let short = ((200.0 * f64::from(long) / 300.0).round() as u32).max(1);
        assert_eq!((info.width, info.height), (long, short), "max {max}");
        let info = probe(&plain(&synthetic, None, Some(max), Format::Jpeg).unwrap()).unwrap();
        let short = ((20_000.0 * f64::from(max) / 30_000.0).round() as u32).max(1);
        assert_eq!(
            (info.width, info.height),
            (max, short),
            "synthetic max {max}"
        );
    }
    // A tall window: its height becomes the long side.
    let tall = Some(Region {
        x: 10,
        y: 0,
        w: 50,
        h: 200,
    });
    let info = probe(&plain(&encoded, tall, Some(40), Format::Webp).unwrap()).unwrap();
    assert_eq!(
        (info.width, info.height, info.format),
        (10, 40, Format::Webp)
    );
    let info = probe(&plain(&encoded, tall, None, Format::Tiff).unwrap()).unwrap();
    assert_eq!(
        (info.width, info.height, info.format),
        (50, 200, Format::Tiff)
    );
}

#[test]
fn windows_of_a_synthetic_slide_agree_with_its_demo_image() {
    let png = demo_image(120, 90, Format::Png, 5);
    let full = decode_any(&png);
    let window = Region {
        x: 30,
        y: 20,
        w: 40,
        h: 25,
    };
    let synthetic = Source::Synthetic {
        width: 120,
        height: 90,
        seed: 5,
    };
    for src in [synthetic, Source::Encoded(&png)] {
        let part = decode_any(&plain(&src, Some(window), None, Format::Png).unwrap());
        assert_eq!(part.dimensions(), (40, 25));
        for (x, y, px) in part.pixels() {
            assert_eq!(px, full.get_pixel(x + 30, y + 20), "pixel {x},{y}");
        }
    }
}

#[test]
fn demo_images_have_structure_and_depend_on_the_seed() {
    let a = decode_any(&demo_image(256, 256, Format::Png, 1)).to_rgb8();
    let b = decode_any(&demo_image(256, 256, Format::Png, 2)).to_rgb8();
    assert_ne!(a, b);
    let lumas: Vec<u32> = a
        .pixels()
        .map(|p| p.0.iter().map(|&c| u32::from(c)).sum())
        .collect();
    let (min, max) = (lumas.iter().min().unwrap(), lumas.iter().max().unwrap());
    assert!(max - min > 300, "visible contrast: {min}..{max}");
    for format in [Format::Png, Format::Jpeg, Format::Webp, Format::Tiff] {
        let bytes = demo_image(33, 17, format, 0);
        let info = probe(&bytes).unwrap();
        assert_eq!((info.format, info.width, info.height), (format, 33, 17));
        assert_eq!(decode_any(&bytes).dimensions(), (33, 17));
    }
    assert_eq!(
        probe(&demo_image(0, 0, Format::Png, 0)).map(|i| (i.width, i.height)),
        Some((1, 1))
    );
}

#[test]
fn mask_and_alpha_mask_follow_a_triangle() {
    // In Cytomine coordinates the triangle fills the bottom-left half.
    let tri = parse_wkt("POLYGON ((0 0, 200 0, 0 200, 0 0))").unwrap();
    let png = demo_image(200, 200, Format::Png, 3);
    let src = Source::Encoded(&png);
    let mask = render(
        &src,
        None,
        Some(100),
        Format::Png,
        &Adjust::default(),
        Overlay::Mask(&tri),
    )
    .unwrap();
    let mask = decode_any(&mask);
    assert!(matches!(mask, DynamicImage::ImageLuma8(_)));
    assert_eq!(mask.dimensions(), (100, 100));
    assert_eq!(mask.get_pixel(10, 90).0[0], 255, "bottom-left inside");
    assert_eq!(mask.get_pixel(90, 10).0[0], 0, "top-right outside");
    assert_eq!(
        mask.get_pixel(5, 20).0[0],
        255,
        "near the top-left: x 11, y 159 is inside"
    );
    assert_eq!(
        mask.get_pixel(95, 80).0[0],
        0,
        "near the bottom-right: x 191, y 39 is outside"
    );

    let alpha = render(
        &src,
        None,
        Some(100),
        Format::Jpeg,
        &Adjust::default(),
        Overlay::AlphaMask(&tri),
    )
    .unwrap();
    assert_eq!(
        probe(&alpha).map(|i| (i.format, i.channels)),
        Some((Format::Png, 4)),
        "JPEG falls back to PNG"
    );
    let alpha = decode_any(&alpha);
    let thumb = decode_any(&plain(&src, None, Some(100), Format::Png).unwrap());
    for (x, y, px) in alpha.pixels() {
        let inside = mask.get_pixel(x, y).0[0] == 255;
        assert_eq!(px.0[3], if inside { 255 } else { 0 }, "pixel {x},{y}");
        if inside {
            assert_eq!(px.0[..3], thumb.get_pixel(x, y).0[..3]);
        }
    }
    let webp = render(
        &src,
        None,
        Some(50),
        Format::Webp,
        &Adjust::default(),
        Overlay::AlphaMask(&tri),
    )
    .unwrap();
    assert_eq!(
        probe(&webp).map(|i| (i.format, i.channels)),
        Some((Format::Webp, 4))
    );
}

#[test]
fn adjustments_change_the_pixels() {
    let src = Source::Synthetic {
        width: 5000,
        height: 4000,
        seed: 11,
    };
    let base = decode_any(&plain(&src, None, Some(64), Format::Png).unwrap()).to_rgb8();
    let inverse = Adjust {
        inverse: true,
        ..Adjust::default()
    };
    let inv = render(&src, None, Some(64), Format::Png, &inverse, Overlay::None).unwrap();
    let inv = decode_any(&inv).to_rgb8();
    for (a, b) in base.pixels().zip(inv.pixels()) {
        assert_eq!(a.0.map(|c| 255 - c), b.0);
    }
    let grey = Adjust {
        colormap: Some("grey".into()),
        ..Adjust::default()
    };
    let g = decode_any(&render(&src, None, Some(64), Format::Png, &grey, Overlay::None).unwrap())
        .to_rgb8();
    assert!(g.pixels().all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2]));
    assert_ne!(g, base);
    let bad = Adjust {
        gamma: Some(f64::NAN),
        ..Adjust::default()
    };
    assert!(render(&src, None, Some(64), Format::Png, &bad, Overlay::None).is_err());
}

#[test]
fn huge_synthetic_thumbnail_is_fast() {
    let src = Source::Synthetic {
        width: 100_000,
        height: 100_000,
        seed: 42,
    };
    let start = Instant::now();
    let bytes = plain(&src, None, Some(512), Format::Jpeg).unwrap();
    let elapsed = start.elapsed();
    assert_eq!(probe(&bytes).map(|i| (i.width, i.height)), Some((512, 512)));
    assert!(elapsed.as_secs_f64() < 3.0, "took {elapsed:?}");
}

#[test]
fn alpha_and_sixteen_bit_sources() {
    let mut buf = Vec::new();
    let rgba =
        image::RgbaImage::from_fn(20, 10, |x, _| image::Rgba([200, 100, 50, (x * 12) as u8]));
    DynamicImage::ImageRgba8(rgba)
        .write_to(&mut std::io::Cursor::new(&mut buf), image::ImageFormat::Png)
        .unwrap();
    let out = plain(&Source::Encoded(&buf), None, None, Format::Png).unwrap();
    assert_eq!(
        decode_any(&out).get_pixel(5, 5).0,
        [200, 100, 50, 60],
        "alpha kept"
    );
    let jpg = plain(&Source::Encoded(&buf), None, None, Format::Jpeg).unwrap();
    assert_eq!(probe(&jpg).map(|i| i.channels), Some(3));

    let mut buf16 = Vec::new();
    let grey = image::ImageBuffer::<image::Luma<u16>, _>::from_fn(30, 30, |x, _| {
        image::Luma([x as u16 * 2000])
    });
    DynamicImage::ImageLuma16(grey)
        .write_to(
            &mut std::io::Cursor::new(&mut buf16),
            image::ImageFormat::Tiff,
        )
        .unwrap();
    let out = decode_any(&plain(&Source::Encoded(&buf16), None, Some(15), Format::Png).unwrap());
    assert_eq!(out.dimensions(), (15, 15));
    assert!(out.get_pixel(14, 0).0[0] > out.get_pixel(0, 0).0[0]);
}

#[test]
fn bad_requests_are_errors() {
    let png = demo_image(50, 50, Format::Png, 0);
    let src = Source::Encoded(&png);
    let empty = Some(Region {
        x: 60,
        y: 0,
        w: 10,
        h: 10,
    });
    assert!(plain(&src, empty, None, Format::Png)
        .unwrap_err()
        .message()
        .contains("empty"));
    assert!(plain(&src, None, Some(0), Format::Png).is_err());
    assert!(plain(&Source::Encoded(b"nope"), None, None, Format::Png).is_err());
    assert!(plain(&Source::Encoded(&[]), None, None, Format::Png).is_err());
    let zero = Source::Synthetic {
        width: 0,
        height: 10,
        seed: 0,
    };
    assert!(plain(&zero, None, Some(10), Format::Png).is_err());
    let huge = Source::Synthetic {
        width: 100_000,
        height: 100_000,
        seed: 0,
    };
    assert!(plain(&huge, None, None, Format::Png)
        .unwrap_err()
        .message()
        .contains("too large"));
    let truncated = &png[..png.len() / 2];
    assert!(plain(&Source::Encoded(truncated), None, None, Format::Png).is_err());
}
