//! The output plan: which full-resolution window is rendered, at what size,
//! and how output pixels map back to full-resolution coordinates.

use super::{ImagingError, Region, MAX_PIXELS, MAX_SIDE};

/// A window clamped to its image and the size it is rendered at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Plan {
    /// The clamped, non-empty window.
    pub region: Region,
    /// Output width, `1..=region.w`.
    pub out_w: u32,
    /// Output height, `1..=region.h`.
    pub out_h: u32,
}

impl Plan {
    /// Clamps `region` (None = whole image) to a `width` x `height` image and
    /// scales it down so that its longer side is at most `max_size`.
    pub fn new(
        width: u32,
        height: u32,
        region: Option<Region>,
        max_size: Option<u32>,
    ) -> Result<Plan, ImagingError> {
        if width == 0 || height == 0 {
            return Err(ImagingError::new(format!(
                "image size {width}x{height} is empty"
            )));
        }
        let region = match region {
            None => Region {
                x: 0,
                y: 0,
                w: width,
                h: height,
            },
            Some(r) => clamp(r, width, height)?,
        };
        let (out_w, out_h) = output_size(region.w, region.h, max_size)?;
        if out_w > MAX_SIDE || out_h > MAX_SIDE || u64::from(out_w) * u64::from(out_h) > MAX_PIXELS
        {
            return Err(ImagingError::new(format!(
                "output {out_w}x{out_h} is too large (at most {MAX_SIDE} per side and {MAX_PIXELS} pixels); pass a max size"
            )));
        }
        Ok(Plan {
            region,
            out_w,
            out_h,
        })
    }

    /// Full-resolution x (from the left) of the centre of output column `ox`.
    pub fn source_x(&self, ox: u32) -> f64 {
        f64::from(self.region.x)
            + (f64::from(ox) + 0.5) * f64::from(self.region.w) / f64::from(self.out_w)
    }

    /// Full-resolution y (from the top) of the centre of output row `oy`.
    pub fn source_y(&self, oy: u32) -> f64 {
        f64::from(self.region.y)
            + (f64::from(oy) + 0.5) * f64::from(self.region.h) / f64::from(self.out_h)
    }

    /// True when the output has the window's own size (no scaling).
    pub fn is_native(&self) -> bool {
        self.out_w == self.region.w && self.out_h == self.region.h
    }
}

fn clamp(region: Region, width: u32, height: u32) -> Result<Region, ImagingError> {
    let x0 = region.x.min(width);
    let y0 = region.y.min(height);
    let x1 = region.x.saturating_add(region.w).min(width);
    let y1 = region.y.saturating_add(region.h).min(height);
    if x1 <= x0 || y1 <= y0 {
        return Err(ImagingError::new(format!(
            "region {}x{} at ({}, {}) is empty within the {width}x{height} image",
            region.w, region.h, region.x, region.y
        )));
    }
    Ok(Region {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

/// Scales `(w, h)` down (never up) so that the longer side is `max_size`;
/// the shorter becomes `round(short * max / long)`, at least 1.
pub(crate) fn output_size(
    w: u32,
    h: u32,
    max_size: Option<u32>,
) -> Result<(u32, u32), ImagingError> {
    let Some(max) = max_size else {
        return Ok((w, h));
    };
    if max == 0 {
        return Err(ImagingError::new("max size must be at least 1"));
    }
    let long = w.max(h);
    if long <= max {
        return Ok((w, h));
    }
    let short = w.min(h);
    // Exact integer rounding of short * max / long, half up.
    let scaled =
        (2 * u128::from(short) * u128::from(max) + u128::from(long)) / (2 * u128::from(long));
    let scaled = u32::try_from(scaled.max(1)).unwrap_or(max);
    Ok(if w >= h { (max, scaled) } else { (scaled, max) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_size_keeps_the_aspect_ratio() {
        let cases = [
            ((1000, 500), Some(100), (100, 50)),
            ((500, 1000), Some(100), (50, 100)),
            ((300, 200), Some(64), (64, 43)), // 42.67 -> 43
            ((200, 300), Some(64), (43, 64)),
            ((1000, 1), Some(10), (10, 1)),      // 0.01 -> at least 1
            ((1000, 15), Some(100), (100, 2)),   // 1.5 -> 2 (half up)
            ((256, 256), Some(512), (256, 256)), // never scaled up
            ((256, 256), Some(256), (256, 256)),
            ((256, 256), None, (256, 256)),
            ((100_000, 80_000), Some(512), (512, 410)), // 409.6 -> 410
            (
                (u32::MAX, u32::MAX - 1),
                Some(u32::MAX - 1),
                (u32::MAX - 1, u32::MAX - 2),
            ),
        ];
        for ((w, h), max, expected) in cases {
            assert_eq!(
                output_size(w, h, max).unwrap(),
                expected,
                "{w}x{h} max {max:?}"
            );
        }
        assert!(output_size(10, 10, Some(0)).is_err());
    }

    #[test]
    fn output_size_for_many_max_sizes() {
        for (w, h) in [(1234u32, 567u32), (567, 1234), (999, 1000), (3, 4000)] {
            for max in 1..=1300u32 {
                let (ow, oh) = output_size(w, h, Some(max)).unwrap();
                let (long, short) = if w >= h { (ow, oh) } else { (oh, ow) };
                assert_eq!(long, max.min(w.max(h)), "{w}x{h} max {max}");
                let ideal = f64::from(w.min(h)) * f64::from(long) / f64::from(w.max(h));
                assert!(short >= 1 && (f64::from(short) - ideal.max(1.0)).abs() <= 0.5 + 1e-9);
            }
        }
    }

    #[test]
    fn regions_are_clamped_or_refused() {
        let r = |x, y, w, h| Some(Region { x, y, w, h });
        let p = Plan::new(100, 50, r(90, 40, 30, 30), None).unwrap();
        assert_eq!(
            p.region,
            Region {
                x: 90,
                y: 40,
                w: 10,
                h: 10
            }
        );
        let p = Plan::new(100, 50, r(0, 0, u32::MAX, u32::MAX), None).unwrap();
        assert_eq!(
            p.region,
            Region {
                x: 0,
                y: 0,
                w: 100,
                h: 50
            }
        );
        for bad in [
            r(100, 0, 5, 5),
            r(0, 50, 5, 5),
            r(10, 10, 0, 5),
            r(u32::MAX, 0, 1, 1),
        ] {
            let err = Plan::new(100, 50, bad, None).unwrap_err();
            assert!(err.message().contains("empty"), "{err}");
        }
        assert!(Plan::new(0, 50, None, None).is_err());
        assert!(
            Plan::new(100_000, 100_000, None, None).is_err(),
            "too large without max size"
        );
        assert!(Plan::new(100_000, 100_000, None, Some(1024)).is_ok());
    }

    #[test]
    fn output_pixels_map_to_source_centres() {
        let p = Plan::new(
            1000,
            1000,
            Some(Region {
                x: 100,
                y: 200,
                w: 400,
                h: 200,
            }),
            Some(100),
        )
        .unwrap();
        assert_eq!((p.out_w, p.out_h), (100, 50));
        assert_eq!(p.source_x(0), 102.0);
        assert_eq!(p.source_y(49), 398.0);
        assert!(!p.is_native());
    }
}
