//! Spatial predicates: point in polygon (even-odd) and box intersection.

use super::{Coord, Geometry};

impl Geometry {
    /// True when `(x, y)` lies inside a polygon of the geometry, by the
    /// even-odd rule over each polygon's rings (so holes are outside).
    /// Points and lines contain nothing. Points on an edge may go either way.
    ///
    /// ```
    /// use cytomine_emulator::geometry::parse_wkt;
    /// let g = parse_wkt("POLYGON ((0 0, 10 0, 0 10, 0 0))").unwrap();
    /// assert!(g.contains_point(2.0, 2.0));
    /// assert!(!g.contains_point(8.0, 8.0));
    /// ```
    pub fn contains_point(&self, x: f64, y: f64) -> bool {
        self.polygons()
            .iter()
            .any(|rings| polygon_contains(rings, x, y))
    }

    /// True when the geometry touches the box `(minx, miny, maxx, maxy)`
    /// (edges included): the bounding boxes must overlap, then a point lies
    /// in the box, a segment crosses it, or the box lies inside a polygon.
    /// A box with NaN or min > max intersects nothing.
    pub fn intersects_bbox(&self, bbox: (f64, f64, f64, f64)) -> bool {
        let (minx, miny, maxx, maxy) = bbox;
        if !(minx <= maxx && miny <= maxy) {
            return false;
        }
        let Some((gx0, gy0, gx1, gy1)) = self.bbox() else {
            return false;
        };
        if gx1 < minx || gx0 > maxx || gy1 < miny || gy0 > maxy {
            return false;
        }
        let rect = Rect {
            minx,
            miny,
            maxx,
            maxy,
        };
        if self.points().iter().any(|p| rect.contains(*p)) {
            return true;
        }
        let mut paths = self.lines();
        let polygons = self.polygons();
        paths.extend(polygons.iter().flat_map(|p| p.iter().map(Vec::as_slice)));
        if paths
            .iter()
            .any(|path| path.windows(2).any(|w| rect.meets_segment(w[0], w[1])))
        {
            return true;
        }
        // No edge touches the box: it is either wholly inside a polygon or outside.
        self.contains_point(minx, miny)
    }
}

/// Even-odd crossing test over all rings of one polygon.
pub(crate) fn polygon_contains(rings: &[Vec<Coord>], x: f64, y: f64) -> bool {
    let mut inside = false;
    for ring in rings {
        for w in ring.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.y > y) != (b.y > y) {
                let t = (y - a.y) / (b.y - a.y);
                if x < a.x + t * (b.x - a.x) {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

struct Rect {
    minx: f64,
    miny: f64,
    maxx: f64,
    maxy: f64,
}

impl Rect {
    fn contains(&self, point: Coord) -> bool {
        point.x >= self.minx && point.x <= self.maxx && point.y >= self.miny && point.y <= self.maxy
    }

    /// Segment / rectangle intersection by Liang–Barsky clipping.
    fn meets_segment(&self, start: Coord, end: Coord) -> bool {
        let (dx, dy) = (end.x - start.x, end.y - start.y);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        let edges = [
            (-dx, start.x - self.minx),
            (dx, self.maxx - start.x),
            (-dy, start.y - self.miny),
            (dy, self.maxy - start.y),
        ];
        for (p, q) in edges {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
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
        assert!(!parse_wkt("POINT EMPTY")
            .unwrap()
            .intersects_bbox((0.0, 0.0, 1.0, 1.0)));
    }
}
