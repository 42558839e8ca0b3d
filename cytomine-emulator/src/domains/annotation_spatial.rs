//! The spatial filters of the annotation listing on real geometries, as the server's PostGIS
//! query computes them (docs/protocol.md §3.11 "Spatial filters"): `bbox`/`bboxAnnotation` keep
//! the annotations whose geometry intersects the area (touching counts, `ST_Intersects`);
//! `baseAnnotation` with `maxDistanceBaseAnnotation` keeps those within that distance of the base
//! geometry (`ST_Distance`, 0 when they intersect). WKT is read with the `wkt` crate into `geo`
//! types.

use geo::{Distance, Euclidean, Geometry, Intersects, Rect};
use wkt::TryFromWkt;

use crate::http::fail::Fail;

/// A geometry of the spatial filters.
pub(super) type Shape = Geometry<f64>;

/// `text` read as WKT (keywords in any case), if it is valid WKT.
pub(super) fn parse(text: &str) -> Option<Shape> {
    Geometry::try_from_wkt_str(text.trim()).ok()
}

/// The area of `bbox`: a WKT polygon when the text starts with `POLYGON`, else the rectangle of
/// `minX,minY,maxX,maxY` (the server's `GeometryUtils.createBoundingBox`). Anything else is the
/// server's 400.
pub(super) fn bbox(text: &str) -> Result<Shape, Fail> {
    let refused = || {
        Fail::bad(format!(
            "Geometry cannot be parsed for annotation search request:{text}"
        ))
    };
    if text.starts_with("POLYGON") {
        return parse(text).ok_or_else(refused);
    }
    let numbers: Option<Vec<f64>> = text.split(',').map(|s| s.trim().parse().ok()).collect();
    match numbers.as_deref() {
        Some(&[min_x, min_y, max_x, max_y, ..]) => Ok(Geometry::Polygon(
            Rect::new((min_x, min_y), (max_x, max_y)).to_polygon(),
        )),
        _ => Err(refused()),
    }
}

/// Whether two geometries share at least one point (`ST_Intersects`).
pub(super) fn intersects(first: &Shape, second: &Shape) -> bool {
    first.intersects(second)
}

/// The smallest distance between two geometries, 0 when they intersect (`ST_Distance`).
pub(super) fn distance(first: &Shape, second: &Shape) -> f64 {
    if first.intersects(second) {
        0.0
    } else {
        Euclidean.distance(first, second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(wkt: &str) -> Shape {
        parse(wkt).expect("valid WKT")
    }

    #[test]
    fn a_box_touching_a_triangle_s_corner_intersects_but_one_inside_its_bounding_box_does_not() {
        let triangle = shape("POLYGON ((0 0, 100 0, 0 100, 0 0))");
        // Inside the triangle's bounding box, beyond its hypotenuse.
        assert!(!intersects(&triangle, &bbox("80,80,90,90").unwrap()));
        // Touching the corner (100 0) only.
        assert!(intersects(&triangle, &bbox("100,-10,110,0").unwrap()));
        assert!(intersects(
            &triangle,
            &bbox("POLYGON ((1 1, 5 1, 5 5, 1 1))").unwrap()
        ));
    }

    #[test]
    fn distance_is_measured_between_geometries_and_is_zero_inside() {
        let triangle = shape("POLYGON ((0 0, 100 0, 0 100, 0 0))");
        let point = shape("POINT (60 60)");
        assert!((distance(&triangle, &point) - 10.0 * 2f64.sqrt()).abs() < 1e-9);
        assert_eq!(distance(&triangle, &shape("POINT (10 10)")), 0.0);
    }

    #[test]
    fn an_unparsable_bbox_is_the_server_s_400() {
        for text in ["1,2,3", "POLYGON ((1 1, 2 2", "a,b,c,d"] {
            let fail = bbox(text).unwrap_err();
            assert_eq!(
                fail.kind(),
                crate::http::fail::FailKind::WrongArgument,
                "{text}"
            );
        }
    }
}
