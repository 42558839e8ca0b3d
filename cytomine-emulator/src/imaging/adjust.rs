//! Pixel adjustments: contrast, gamma, inverse, colormap and bit depth.

use super::{Adjust, ImagingError};
use image::RgbaImage;

/// A colormap applied to the luminance.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Colormap {
    Grey,
    Jet,
    Viridis,
}

/// Viridis, sampled at 0, 1/4, 1/2, 3/4 and 1.
const VIRIDIS: [[f64; 3]; 5] = [
    [68.0, 1.0, 84.0],
    [59.0, 82.0, 139.0],
    [33.0, 145.0, 140.0],
    [94.0, 201.0, 98.0],
    [253.0, 231.0, 37.0],
];

impl Colormap {
    fn from_name(name: &str) -> Option<Colormap> {
        match name.trim().to_ascii_lowercase().as_str() {
            "grey" | "gray" => Some(Colormap::Grey),
            "jet" => Some(Colormap::Jet),
            "viridis" => Some(Colormap::Viridis),
            _ => None,
        }
    }

    /// The colour for intensity `t` in [0, 1].
    fn colour(self, t: f64) -> [u8; 3] {
        let rgb = match self {
            Colormap::Grey => [t * 255.0; 3],
            Colormap::Jet => {
                let band = |centre: f64| (1.5 - (4.0 * t - centre).abs()).clamp(0.0, 1.0) * 255.0;
                [band(3.0), band(2.0), band(1.0)]
            }
            Colormap::Viridis => {
                let pos = t * 4.0;
                let i = (pos.floor() as usize).min(3);
                let f = pos - i as f64;
                let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
                [0, 1, 2].map(|k| a[k] + (b[k] - a[k]) * f)
            }
        };
        rgb.map(|c| c.round().clamp(0.0, 255.0) as u8)
    }
}

/// Validated adjustments, compiled into lookup tables.
pub(crate) struct Steps {
    /// Contrast, gamma and inverse, per channel value.
    tone: [u8; 256],
    /// Colormap per luminance value.
    colormap: Option<[[u8; 3]; 256]>,
    /// Bit-depth quantisation per channel value.
    quantise: Option<[u8; 256]>,
}

impl Steps {
    /// Checks the parameters (finite contrast >= 0, finite gamma > 0, bits
    /// >= 1) and builds the tables. Unknown colormap names are ignored.
    pub fn new(adjust: &Adjust) -> Result<Steps, ImagingError> {
        let contrast = adjust.contrast.unwrap_or(1.0);
        if !(contrast.is_finite() && contrast >= 0.0) {
            return Err(ImagingError::new(format!(
                "contrast {contrast} must be a finite number >= 0"
            )));
        }
        let gamma = adjust.gamma.unwrap_or(1.0);
        if !(gamma.is_finite() && gamma > 0.0) {
            return Err(ImagingError::new(format!(
                "gamma {gamma} must be a finite number > 0"
            )));
        }
        let tone = table(|v| {
            let mut f = ((v - 0.5) * contrast + 0.5).clamp(0.0, 1.0);
            f = f.powf(gamma);
            if adjust.inverse {
                f = 1.0 - f;
            }
            f
        });
        let colormap = adjust
            .colormap
            .as_deref()
            .and_then(Colormap::from_name)
            .map(|map| std::array::from_fn(|l| map.colour(l as f64 / 255.0)));
        let quantise = match adjust.bits {
            Some(0) => return Err(ImagingError::new("bits must be at least 1")),
            Some(bits @ 1..=7) => {
                let top = f64::from((1u32 << bits) - 1);
                Some(table(|v| (v * top).round() / top))
            }
            _ => None,
        };
        Ok(Steps {
            tone,
            colormap,
            quantise,
        })
    }

    /// Applies the steps to every pixel's colour; alpha is left alone.
    pub fn apply(&self, image: &mut RgbaImage) {
        for px in image.pixels_mut() {
            let [r, g, b, _] = &mut px.0;
            for c in [&mut *r, &mut *g, &mut *b] {
                *c = self.tone[usize::from(*c)];
            }
            if let Some(map) = &self.colormap {
                let luma =
                    (0.299 * f64::from(*r) + 0.587 * f64::from(*g) + 0.114 * f64::from(*b)).round();
                [*r, *g, *b] = map[(luma as usize).min(255)];
            }
            if let Some(q) = &self.quantise {
                for c in [r, g, b] {
                    *c = q[usize::from(*c)];
                }
            }
        }
    }
}

/// A 256-entry table of `f(v / 255) * 255`, for `f` mapping [0, 1] to [0, 1].
fn table(f: impl Fn(f64) -> f64) -> [u8; 256] {
    std::array::from_fn(|v| (f(v as f64 / 255.0) * 255.0).round().clamp(0.0, 255.0) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    fn one(adjust: Adjust, rgb: [u8; 3]) -> [u8; 4] {
        let mut img = RgbaImage::from_pixel(1, 1, Rgba([rgb[0], rgb[1], rgb[2], 77]));
        Steps::new(&adjust).unwrap().apply(&mut img);
        img.get_pixel(0, 0).0
    }

    #[test]
    fn identity_by_default() {
        for v in [0u8, 1, 100, 128, 254, 255] {
            assert_eq!(
                one(Adjust::default(), [v, 255 - v, v / 2]),
                [v, 255 - v, v / 2, 77]
            );
        }
    }

    #[test]
    fn each_step_changes_pixels() {
        let contrast = |v| Adjust {
            contrast: Some(v),
            ..Adjust::default()
        };
        let gamma = |v| Adjust {
            gamma: Some(v),
            ..Adjust::default()
        };
        let bits = |v| Adjust {
            bits: Some(v),
            ..Adjust::default()
        };
        let inverse = Adjust {
            inverse: true,
            ..Adjust::default()
        };
        let cases = [
            (contrast(1.5), [30, 100, 200], [0, 86, 236]),
            (contrast(0.0), [0, 50, 255], [128, 128, 128]),
            (gamma(2.0), [0, 128, 255], [0, 64, 255]),
            (inverse, [0, 100, 255], [255, 155, 0]),
            (bits(1), [10, 127, 128], [0, 0, 255]),
            (bits(2), [40, 100, 200], [0, 85, 170]),
            (bits(8), [3, 4, 5], [3, 4, 5]),
            (bits(12), [3, 4, 5], [3, 4, 5]),
            (bits(16), [3, 4, 5], [3, 4, 5]),
            (bits(200), [3, 4, 5], [3, 4, 5]),
        ];
        for (adjust, rgb, [r, g, b]) in cases {
            let shown = format!("{adjust:?}");
            assert_eq!(one(adjust, rgb), [r, g, b, 77], "{shown} on {rgb:?}");
        }
    }

    #[test]
    fn colormaps() {
        let map = |name: &str, rgb| {
            one(
                Adjust {
                    colormap: Some(name.into()),
                    ..Adjust::default()
                },
                rgb,
            )
        };
        assert_eq!(map("grey", [255, 0, 0]), [76, 76, 76, 77]);
        assert_eq!(map("GRAY", [10, 10, 10]), [10, 10, 10, 77]);
        assert_eq!(map("jet", [0, 0, 0]), [0, 0, 128, 77]);
        assert_eq!(map("jet", [255, 255, 255]), [128, 0, 0, 77]);
        assert_eq!(map("Viridis", [0, 0, 0]), [68, 1, 84, 77]);
        assert_eq!(map("viridis", [255, 255, 255]), [253, 231, 37, 77]);
        assert_eq!(map("no-such-map", [1, 2, 3]), [1, 2, 3, 77]);
        // Inverse comes before the colormap.
        let both = Adjust {
            inverse: true,
            colormap: Some("jet".into()),
            ..Adjust::default()
        };
        assert_eq!(one(both, [255, 255, 255]), [0, 0, 128, 77]);
    }

    #[test]
    fn refuses_bad_numbers() {
        for adjust in [
            Adjust {
                contrast: Some(f64::NAN),
                ..Adjust::default()
            },
            Adjust {
                contrast: Some(-1.0),
                ..Adjust::default()
            },
            Adjust {
                contrast: Some(f64::INFINITY),
                ..Adjust::default()
            },
            Adjust {
                gamma: Some(0.0),
                ..Adjust::default()
            },
            Adjust {
                gamma: Some(f64::NAN),
                ..Adjust::default()
            },
            Adjust {
                gamma: Some(-2.0),
                ..Adjust::default()
            },
            Adjust {
                bits: Some(0),
                ..Adjust::default()
            },
        ] {
            assert!(Steps::new(&adjust).is_err(), "{adjust:?}");
        }
    }
}
