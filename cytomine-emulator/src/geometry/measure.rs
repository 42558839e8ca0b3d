//! Measures with `geo`'s algorithms: area, length, centroid and bounding box.

use geo::{Area, BoundingRect, Centroid, LineString, LinesIter};

use super::Geometry;

impl Geometry {
    /// Area of the polygons (holes subtracted); 0 for points and lines.
    /// Ring orientation does not matter.
    ///
    /// ```
    /// use cytomine_emulator::geometry::parse_wkt;
    /// let g = parse_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))").unwrap();
    /// assert_eq!(g.area(), 96.0);
    /// ```
    pub fn area(&self) -> f64 {
        self.polygons().iter().map(|p| p.unsigned_area()).sum()
    }

    /// Length of the lines plus the perimeter (every ring) of the polygons.
    pub fn length(&self) -> f64 {
        length(&self.0)
    }

    /// The centroid, as JTS computes it: area-weighted over the polygons
    /// when there is any area, else length-weighted over the segments (of
    /// lines and rings), else the mean of all points. `(NaN, NaN)` when the
    /// geometry is empty.
    pub fn centroid(&self) -> (f64, f64) {
        self.0
            .centroid()
            .map_or((f64::NAN, f64::NAN), |c| (c.x(), c.y()))
    }

    /// `(minx, miny, maxx, maxy)` over every coordinate; `None` when empty.
    pub fn bbox(&self) -> Option<(f64, f64, f64, f64)> {
        let r = self.0.bounding_rect()?;
        Some((r.min().x, r.min().y, r.max().x, r.max().y))
    }
}

fn length(geometry: &geo::Geometry<f64>) -> f64 {
    use geo::Geometry as G;
    match geometry {
        G::Line(l) => l.dx().hypot(l.dy()),
        G::LineString(l) => path_length(l),
        G::MultiLineString(m) => m.0.iter().map(path_length).sum(),
        G::Polygon(p) => super::rings(p).map(path_length).sum(),
        G::MultiPolygon(m) => m.0.iter().flat_map(super::rings).map(path_length).sum(),
        G::Rect(r) => 2.0 * (r.width() + r.height()),
        G::Triangle(t) => path_length(t.to_polygon().exterior()),
        G::GeometryCollection(c) => c.0.iter().map(length).sum(),
        G::Point(_) | G::MultiPoint(_) => 0.0,
    }
}

fn path_length(path: &LineString<f64>) -> f64 {
    path.lines_iter().map(|l| l.dx().hypot(l.dy())).sum()
}

#[cfg(test)]
mod tests {
    use super::super::parse_wkt;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    fn check(text: &str, area: f64, length: f64, centroid: (f64, f64)) {
        let g = parse_wkt(text).unwrap();
        assert!(close(g.area(), area), "{text}: area {}", g.area());
        assert!(close(g.length(), length), "{text}: length {}", g.length());
        let c = g.centroid();
        assert!(
            close(c.0, centroid.0) && close(c.1, centroid.1),
            "{text}: centroid {c:?}"
        );
    }

    #[test]
    fn polygons() {
        check(
            "POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))",
            400.0,
            80.0,
            (10.0, 10.0),
        );
        // Same square, counter-clockwise.
        check(
            "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0))",
            400.0,
            80.0,
            (10.0, 10.0),
        );
        check(
            "POLYGON ((0 0, 4 0, 0 3, 0 0))",
            6.0,
            12.0,
            (4.0 / 3.0, 1.0),
        );
        // 10x10 square with a 2x2 hole in its corner: centroid moves away from the hole.
        let a = 100.0 - 4.0;
        let cx = (100.0 * 5.0 - 4.0 * 1.0) / a;
        check(
            "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (0 0, 2 0, 2 2, 0 2, 0 0))",
            a,
            48.0,
            (cx, cx),
        );
        check(
            "MULTIPOLYGON (((0 0, 0 2, 2 2, 2 0, 0 0)), ((10 0, 10 2, 12 2, 12 0, 10 0)))",
            8.0,
            16.0,
            (6.0, 1.0),
        );
        // Far from the origin: precision holds.
        check(
            "POLYGON ((1000000 1000000, 1000000 1000001, 1000001 1000001, 1000001 1000000, 1000000 1000000))",
            1.0,
            4.0,
            (1000000.5, 1000000.5),
        );
    }

    #[test]
    fn lines_and_points() {
        check("LINESTRING (0 0, 3 4)", 0.0, 5.0, (1.5, 2.0));
        check("LINESTRING (0 0, 10 0, 10 30)", 0.0, 40.0, (8.75, 11.25));
        check(
            "MULTILINESTRING ((0 0, 2 0), (0 10, 0 12))",
            0.0,
            4.0,
            (0.5, 5.5),
        );
        check("POINT (3 4)", 0.0, 0.0, (3.0, 4.0));
        check("MULTIPOINT ((0 0), (2 0), (4 6))", 0.0, 0.0, (2.0, 2.0));
        // Polygons dominate lines and points in a collection.
        check(
            "GEOMETRYCOLLECTION (POINT (100 100), POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0)))",
            4.0,
            8.0,
            (1.0, 1.0),
        );
        // A zero-area polygon falls back to its boundary.
        check("POLYGON ((0 0, 4 0, 2 0, 0 0))", 0.0, 8.0, (2.0, 0.0));
    }

    #[test]
    fn bbox_and_empty() {
        let g = parse_wkt("POLYGON ((1 -2, 5 7, -3 4, 1 -2))").unwrap();
        assert_eq!(g.bbox(), Some((-3.0, -2.0, 5.0, 7.0)));
        for text in ["POLYGON EMPTY", "GEOMETRYCOLLECTION (LINESTRING EMPTY)"] {
            let g = parse_wkt(text).unwrap();
            assert_eq!(g.bbox(), None);
            assert_eq!(g.area(), 0.0);
            assert_eq!(g.length(), 0.0);
            assert!(g.centroid().0.is_nan());
        }
    }
}
