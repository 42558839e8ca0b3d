//! A procedural slide: stained tissue blobs on a light background, with
//! nuclei at full resolution. Each pixel is a pure function of its position,
//! the slide size and the seed, so any window of any size is cheap.

use super::plan::Plan;
use image::{Rgb, RgbImage};

/// Cell size, in full-resolution pixels, of the nucleus grid.
const CELL: f64 = 24.0;

/// One tissue blob, in coordinates normalised by the slide's longer side.
struct Blob {
    cx: f64,
    cy: f64,
    radius: f64,
    /// 0 = pink (eosin), 1 = purple (haematoxylin).
    stain: f64,
}

/// The layout of a slide, derived from its seed.
pub(crate) struct Slide {
    width: f64,
    height: f64,
    scale: f64,
    seed: u64,
    blobs: Vec<Blob>,
}

/// SplitMix64: a tiny, good-enough deterministic mixer.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) from a hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

impl Slide {
    /// The slide of this size and seed.
    pub fn new(width: u32, height: u32, seed: u64) -> Slide {
        let (width, height) = (f64::from(width), f64::from(height));
        let scale = width.max(height).max(1.0);
        let mut state = mix(seed);
        let mut next = || {
            state = mix(state);
            unit(state)
        };
        let count = 5 + (next() * 6.0) as usize;
        let blobs = (0..count)
            .map(|_| Blob {
                cx: (0.15 + 0.7 * next()) * width / scale,
                cy: (0.15 + 0.7 * next()) * height / scale,
                radius: (0.06 + 0.14 * next()) * width.min(height) / scale,
                stain: next(),
            })
            .collect();
        Slide {
            width,
            height,
            scale,
            seed,
            blobs,
        }
    }

    /// The colour at full-resolution position `(x, y)` (origin top-left).
    pub fn pixel(&self, x: f64, y: f64) -> [u8; 3] {
        let (u, v) = (x / self.scale, y / self.scale);
        // Background: a soft diagonal gradient.
        let g = (x / self.width + y / self.height) / 2.0;
        let mut rgb = [242.0 - 12.0 * g, 238.0 - 6.0 * g, 246.0 - 14.0 * g];
        let (mut tissue, mut stain) = (0.0f64, 0.0);
        for b in &self.blobs {
            let d2 = ((u - b.cx).powi(2) + (v - b.cy).powi(2)) / (b.radius * b.radius);
            let wobble = 1.0 + 0.15 * ((u * 37.0 + b.cx * 11.0).sin() * (v * 29.0).cos());
            let density = (-(d2 * wobble).powi(2)).exp();
            if density > tissue {
                tissue = density;
                stain = b.stain;
            }
        }
        let tint = [
            230.0 - 110.0 * stain,
            140.0 - 80.0 * stain,
            190.0 - 30.0 * stain,
        ];
        let nucleus = tissue * self.nucleus(x, y);
        let dark = [70.0, 40.0, 120.0];
        for ((c, t), d) in rgb.iter_mut().zip(tint).zip(dark) {
            *c += (t - *c) * tissue;
            *c += (d - *c) * nucleus;
        }
        rgb.map(|c| c.clamp(0.0, 255.0).round() as u8)
    }

    /// How much of a nucleus covers `(x, y)`: one per grid cell, at a hashed
    /// place and size, 0 outside, up to 1 at its centre.
    fn nucleus(&self, x: f64, y: f64) -> f64 {
        let (cx, cy) = ((x / CELL).floor(), (y / CELL).floor());
        let h = mix(self.seed ^ mix((cx as i64 as u64) ^ mix(cy as i64 as u64)));
        let nx = (cx + 0.25 + 0.5 * unit(h)) * CELL;
        let ny = (cy + 0.25 + 0.5 * unit(mix(h))) * CELL;
        let r = 3.0 + 4.0 * unit(mix(h ^ 1));
        let d = ((x - nx).powi(2) + (y - ny).powi(2)).sqrt() / r;
        (1.0 - d * d).clamp(0.0, 1.0).sqrt()
    }
}

/// Renders the planned window of the slide, sampling each output pixel at
/// its centre in full-resolution coordinates.
pub(crate) fn render_synthetic(slide: &Slide, plan: &Plan) -> RgbImage {
    let xs: Vec<f64> = (0..plan.out_w).map(|ox| plan.source_x(ox)).collect();
    let mut out = RgbImage::new(plan.out_w, plan.out_h);
    for (oy, row) in (0..plan.out_h).zip(out.rows_mut()) {
        let y = plan.source_y(oy);
        for (px, &x) in row.zip(&xs) {
            *px = Rgb(slide.pixel(x, y));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::Region;

    #[test]
    fn pixels_are_deterministic_and_depend_on_the_seed() {
        let a = Slide::new(2000, 1000, 1);
        let b = Slide::new(2000, 1000, 1);
        let c = Slide::new(2000, 1000, 2);
        let mut differ = 0;
        for i in 0..200 {
            let (x, y) = (f64::from(i * 10) + 0.5, f64::from(i * 5) + 0.5);
            assert_eq!(a.pixel(x, y), b.pixel(x, y));
            differ += usize::from(a.pixel(x, y) != c.pixel(x, y));
        }
        assert!(differ > 20, "{differ}");
    }

    #[test]
    fn slides_have_tissue_and_background() {
        let slide = Slide::new(100_000, 80_000, 9);
        let plan = Plan::new(100_000, 80_000, None, Some(200)).unwrap();
        let img = render_synthetic(&slide, &plan);
        assert_eq!(img.dimensions(), (200, 160));
        let background = img
            .pixels()
            .filter(|p| p.0.iter().all(|&c| c > 215))
            .count();
        let tissue = img.pixels().filter(|p| p.0[1] < 150).count();
        assert!(background > 1000 && tissue > 1000, "{background} {tissue}");
    }

    #[test]
    fn a_window_samples_the_same_positions_as_the_whole() {
        let slide = Slide::new(300, 200, 4);
        let whole = render_synthetic(&slide, &Plan::new(300, 200, None, None).unwrap());
        let region = Region {
            x: 120,
            y: 50,
            w: 30,
            h: 20,
        };
        let part = render_synthetic(&slide, &Plan::new(300, 200, Some(region), None).unwrap());
        for (x, y, px) in part.enumerate_pixels() {
            assert_eq!(px, whole.get_pixel(x + 120, y + 50));
        }
    }
}
