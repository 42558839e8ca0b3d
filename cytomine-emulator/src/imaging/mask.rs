//! Rasterising a geometry over the output grid, for masks and alpha masks.

use super::plan::Plan;
use crate::geometry::Geometry;
use image::{GrayImage, Luma};

/// Which output pixels lie inside the geometry: 255 inside, 0 outside.
///
/// A pixel is inside when its centre, mapped to full-resolution Cytomine
/// coordinates (y up from the bottom of an image `image_height` tall), is
/// inside a polygon by the even-odd rule, exactly as
/// [`Geometry::contains_point`] decides. Rows are filled by scanline, so the
/// cost is rows x edges plus pixels, not pixels x edges.
pub(crate) fn rasterize(geometry: &Geometry, plan: &Plan, image_height: u32) -> GrayImage {
    let polygons = geometry.polygons();
    let xs: Vec<f64> = (0..plan.out_w).map(|ox| plan.source_x(ox)).collect();
    let mut out = GrayImage::new(plan.out_w, plan.out_h);
    let mut crossings = Vec::new();
    for (oy, mut row) in (0..plan.out_h).zip(out.rows_mut()) {
        let y = f64::from(image_height) - plan.source_y(oy);
        let mut inside = vec![false; xs.len()];
        for polygon in &polygons {
            row_crossings(polygon, y, &mut crossings);
            fill_odd_spans(&crossings, &xs, &mut inside);
        }
        for (px, hit) in (&mut row).zip(inside) {
            *px = Luma([if hit { 255 } else { 0 }]);
        }
    }
    out
}

/// The sorted x positions where the rings' edges cross the line at height
/// `y`, with the same half-open rule as the point-in-polygon test.
fn row_crossings(polygon: &geo::Polygon<f64>, y: f64, out: &mut Vec<f64>) {
    out.clear();
    for line in crate::geometry::rings(polygon).flat_map(|r| r.lines()) {
        let (a, b) = (line.start, line.end);
        if (a.y > y) != (b.y > y) {
            out.push(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
        }
    }
    out.sort_by(f64::total_cmp);
}

/// Marks the columns whose `x` has an odd number of crossings at or before
/// it (equivalently, an odd number strictly after it).
fn fill_odd_spans(crossings: &[f64], xs: &[f64], inside: &mut [bool]) {
    let mut passed = 0;
    for (x, hit) in xs.iter().zip(inside.iter_mut()) {
        while passed < crossings.len() && crossings[passed] <= *x {
            passed += 1;
        }
        if passed % 2 == 1 {
            *hit = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::parse_wkt;
    use crate::imaging::Region;

    #[test]
    fn triangle_mask_matches_contains_point() {
        let tri = parse_wkt("POLYGON ((0 0, 100 0, 0 100, 0 0))").unwrap();
        let plan = Plan::new(100, 100, None, None).unwrap();
        let mask = rasterize(&tri, &plan, 100);
        // Bottom-left of the picture is inside: Cytomine's y points up.
        assert_eq!(mask.get_pixel(5, 90).0, [255]);
        assert_eq!(mask.get_pixel(5, 5).0, [0]);
        assert_eq!(mask.get_pixel(90, 5).0, [0]);
        assert_eq!(mask.get_pixel(95, 90).0, [0]);
        assert_eq!(
            mask.get_pixel(50, 48).0,
            [0],
            "centre (50.5, 51.5) is just outside"
        );
        assert_eq!(mask.get_pixel(48, 50).0, [255]);
        let mut white = 0;
        for (x, y, px) in mask.enumerate_pixels() {
            let inside = tri.contains_point(f64::from(x) + 0.5, 100.0 - (f64::from(y) + 0.5));
            assert_eq!(px.0[0] == 255, inside, "pixel {x},{y}");
            white += u32::from(inside);
        }
        // Half the square; centres on the hypotenuse may fall either way.
        assert!((4950..=5050).contains(&white), "{white}");
    }

    #[test]
    fn scaled_window_mask_with_hole_and_multipolygon() {
        let g = parse_wkt(
            "MULTIPOLYGON (((100 100, 900 100, 900 900, 100 900, 100 100), (300 300, 700 300, 700 700, 300 700, 300 300)), ((950 950, 990 950, 990 990, 950 950)))",
        )
        .unwrap();
        let plan = Plan::new(
            1000,
            1000,
            Some(Region {
                x: 50,
                y: 0,
                w: 950,
                h: 500,
            }),
            Some(97),
        )
        .unwrap();
        let mask = rasterize(&g, &plan, 1000);
        assert_eq!(mask.dimensions(), (plan.out_w, plan.out_h));
        for (x, y, px) in mask.enumerate_pixels() {
            let inside = g.contains_point(plan.source_x(x), 1000.0 - plan.source_y(y));
            assert_eq!(px.0[0] == 255, inside, "pixel {x},{y}");
        }
        let count = mask.pixels().filter(|p| p.0[0] == 255).count();
        assert!(count > 0 && count < (plan.out_w * plan.out_h) as usize);
    }

    #[test]
    fn lines_and_points_mask_nothing() {
        let plan = Plan::new(10, 10, None, None).unwrap();
        for text in ["LINESTRING (0 0, 10 10)", "POINT (5 5)", "POLYGON EMPTY"] {
            let mask = rasterize(&parse_wkt(text).unwrap(), &plan, 10);
            assert!(mask.pixels().all(|p| p.0[0] == 0), "{text}");
        }
    }
}
