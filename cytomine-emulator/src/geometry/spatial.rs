//! Spatial predicates: point in polygon (even-odd) and box intersection.

use geo::{Coord, Intersects, LineString, Polygon, Rect};

use super::Geometry;

impl Geometry {
    /// True when `(x, y)` lies inside a polygon of the geometry, by the
    /// even-odd rule over each polygon's rings (so holes are outside), the
    /// rule the masks are rasterised with. Points and lines contain nothing.
    /// Points on an edge may go either way.
    ///
    /// ```
    /// use cytomine_emulator::geometry::parse_wkt;
    /// let g = parse_wkt("POLYGON ((0 0, 10 0, 0 10, 0 0))").unwrap();
    /// assert!(g.contains_point(2.0, 2.0));
    /// assert!(!g.contains_point(8.0, 8.0));
    /// ```
    pub fn contains_point(&self, x: f64, y: f64) -> bool {
        self.polygons().iter().any(|p| polygon_contains(p, x, y))
    }

    /// True when the geometry touches the box `(minx, miny, maxx, maxy)`
    /// (edges included), by `geo`'s `Intersects`.
    /// A box with NaN or min > max intersects nothing.
    pub fn intersects_bbox(&self, bbox: (f64, f64, f64, f64)) -> bool {
        let (minx, miny, maxx, maxy) = bbox;
        if !(minx <= maxx && miny <= maxy) {
            return false;
        }
        let rect = Rect::new(Coord { x: minx, y: miny }, Coord { x: maxx, y: maxy });
        self.0.intersects(&rect)
    }
}

/// The rings of a polygon: its shell, then its holes.
pub(crate) fn rings(polygon: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(polygon.exterior()).chain(polygon.interiors())
}

/// Even-odd crossing test over all rings of one polygon.
fn polygon_contains(polygon: &Polygon<f64>, x: f64, y: f64) -> bool {
    let mut inside = false;
    for line in rings(polygon).flat_map(|r| r.lines()) {
        let (a, b) = (line.start, line.end);
        if (a.y > y) != (b.y > y) {
            let t = (y - a.y) / (b.y - a.y);
            if x < a.x + t * (b.x - a.x) {
                inside = !inside;
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::super::parse_wkt;

    #[test]
    fn point_in_polygon_with_holes() {
        let g = parse_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))")
            .unwrap();
        assert!(g.contains_point(1.0, 1.0));
        assert!(g.contains_point(9.0, 5.0));
        assert!(!g.contains_point(5.0, 5.0), "inside the hole");
        assert!(!g.contains_point(11.0, 5.0));
        assert!(!g.contains_point(-1.0, 5.0));
        assert!(!g.contains_point(f64::NAN, 5.0));
        let multi =
            parse_wkt("MULTIPOLYGON (((0 0, 0 1, 1 1, 1 0, 0 0)), ((5 5, 5 6, 6 6, 6 5, 5 5)))")
                .unwrap();
        assert!(multi.contains_point(0.5, 0.5) && multi.contains_point(5.5, 5.5));
        assert!(!multi.contains_point(3.0, 3.0));
        assert!(!parse_wkt("LINESTRING (0 0, 10 10)")
            .unwrap()
            .contains_point(5.0, 5.0));
    }

    #[test]
    fn bbox_intersection() {
        let tri = parse_wkt("POLYGON ((0 0, 10 0, 0 10, 0 0))").unwrap();
        assert!(tri.intersects_bbox((1.0, 1.0, 2.0, 2.0)), "box inside");
        assert!(tri.intersects_bbox((-5.0, -5.0, 20.0, 20.0)), "box around");
        assert!(
            tri.intersects_bbox((4.0, 4.0, 6.0, 6.0)),
            "crosses the hypotenuse"
        );
        assert!(
            tri.intersects_bbox((10.0, 0.0, 11.0, 1.0)),
            "touches a vertex"
        );
        assert!(
            !tri.intersects_bbox((6.0, 6.0, 9.0, 9.0)),
            "in the bbox, beyond the hypotenuse"
        );
        assert!(!tri.intersects_bbox((20.0, 20.0, 30.0, 30.0)));
        assert!(!tri.intersects_bbox((5.0, 5.0, 1.0, 1.0)), "inverted box");
        assert!(!tri.intersects_bbox((f64::NAN, 0.0, 1.0, 1.0)));

        let holed = parse_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))")
            .unwrap();
        assert!(
            !holed.intersects_bbox((4.0, 4.0, 6.0, 6.0)),
            "box inside the hole"
        );

        let line = parse_wkt("LINESTRING (0 0, 10 10)").unwrap();
        assert!(line.intersects_bbox((4.0, 4.0, 6.0, 6.0)));
        assert!(!line.intersects_bbox((6.0, 0.0, 9.0, 3.0)));
        let pts = parse_wkt("MULTIPOINT ((0 0), (10 10))").unwrap();
        assert!(!pts.intersects_bbox((4.0, 4.0, 6.0, 6.0)));
        assert!(pts.intersects_bbox((9.0, 9.0, 10.0, 10.0)));
        assert!(!parse_wkt("POLYGON EMPTY")
            .unwrap()
            .intersects_bbox((0.0, 0.0, 1.0, 1.0)));
    }
}
