//! Measures: area, length, centroid and bounding box.

use super::{Coord, Geometry};

impl Geometry {
    /// Area of the polygons (shoelace formula, holes subtracted); 0 for
    /// points and lines. Ring orientation does not matter.
    ///
    /// ```
    /// use cytomine_emulator::geometry::parse_wkt;
    /// let g = parse_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))").unwrap();
    /// assert_eq!(g.area(), 96.0);
    /// ```
    pub fn area(&self) -> f64 {
        self.polygons()
            .iter()
            .map(|rings| polygon_area(rings))
            .sum()
    }

    /// Length of the lines plus the perimeter (every ring) of the polygons.
    pub fn length(&self) -> f64 {
        let lines: f64 = self.lines().iter().map(|l| path_length(l)).sum();
        let rings: f64 = self
            .polygons()
            .iter()
            .flat_map(|rings| rings.iter())
            .map(|r| path_length(r))
            .sum();
        lines + rings
    }

    /// The centroid, as JTS computes it: area-weighted over the polygons
    /// when there is any area, else length-weighted over the segments (of
    /// lines and rings), else the mean of all points. `(NaN, NaN)` when the
    /// geometry is empty.
    pub fn centroid(&self) -> (f64, f64) {
        if let Some(c) = area_centroid(&self.polygons()) {
            return c;
        }
        let mut paths: Vec<&[Coord]> = self.lines();
        for rings in self.polygons() {
            paths.extend(rings.iter().map(Vec::as_slice));
        }
        if let Some(c) = length_centroid(&paths) {
            return c;
        }
        let coords = self.coords();
        if coords.is_empty() {
            return (f64::NAN, f64::NAN);
        }
        let n = coords.len() as f64;
        let sx: f64 = coords.iter().map(|c| c.x).sum();
        let sy: f64 = coords.iter().map(|c| c.y).sum();
        (sx / n, sy / n)
    }

    /// `(minx, miny, maxx, maxy)` over every coordinate; `None` when empty.
    pub fn bbox(&self) -> Option<(f64, f64, f64, f64)> {
        let coords = self.coords();
        let first = coords.first()?;
        let init = (first.x, first.y, first.x, first.y);
        Some(coords.iter().fold(init, |(a, b, c, d), p| {
            (a.min(p.x), b.min(p.y), c.max(p.x), d.max(p.y))
        }))
    }
}

/// Signed shoelace sum (twice the signed area), relative to `origin` for precision.
fn signed_double_area(ring: &[Coord], origin: Coord) -> f64 {
    ring.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        })
        .sum()
}

fn polygon_area(rings: &[Vec<Coord>]) -> f64 {
    let Some(origin) = rings.first().and_then(|r| r.first()).copied() else {
        return 0.0;
    };
    let mut iter = rings
        .iter()
        .map(|r| signed_double_area(r, origin).abs() / 2.0);
    let shell = iter.next().unwrap_or(0.0);
    shell - iter.sum::<f64>()
}

fn path_length(path: &[Coord]) -> f64 {
    path.windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

/// Area-weighted centroid; holes count negatively. `None` without area.
fn area_centroid(polygons: &[&[Vec<Coord>]]) -> Option<(f64, f64)> {
    let origin = polygons
        .iter()
        .flat_map(|p| p.iter())
        .flatten()
        .next()
        .copied()?;
    let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for rings in polygons {
        for (i, ring) in rings.iter().enumerate() {
            let (a, x, y) = ring_moments(ring, origin);
            // Shell counts positively, holes negatively, whatever their orientation.
            let sign = if (i == 0) == (a >= 0.0) { 1.0 } else { -1.0 };
            area += sign * a;
            cx += sign * x;
            cy += sign * y;
        }
    }
    if area.abs() <= f64::EPSILON * 1e3 || !area.is_finite() {
        return None;
    }
    Some((origin.x + cx / (3.0 * area), origin.y + cy / (3.0 * area)))
}

/// Twice the signed area of a ring and its first moments (times 6 / 2),
/// relative to `origin`.
fn ring_moments(ring: &[Coord], origin: Coord) -> (f64, f64, f64) {
    let (mut a, mut x, mut y) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let (px, py) = (w[0].x - origin.x, w[0].y - origin.y);
        let (qx, qy) = (w[1].x - origin.x, w[1].y - origin.y);
        let cross = px * qy - qx * py;
        a += cross;
        x += (px + qx) * cross;
        y += (py + qy) * cross;
    }
    (a, x, y)
}

/// Length-weighted mean of segment midpoints. `None` without length.
fn length_centroid(paths: &[&[Coord]]) -> Option<(f64, f64)> {
    let (mut total, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for path in paths {
        for w in path.windows(2) {
            let len = (w[1].x - w[0].x).hypot(w[1].y - w[0].y);
            total += len;
            cx += len * (w[0].x + w[1].x) / 2.0;
            cy += len * (w[0].y + w[1].y) / 2.0;
        }
    }
    (total > 0.0 && total.is_finite()).then(|| (cx / total, cy / total))
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
        for text in [
            "POINT EMPTY",
            "POLYGON EMPTY",
            "GEOMETRYCOLLECTION (LINESTRING EMPTY)",
        ] {
            let g = parse_wkt(text).unwrap();
            assert_eq!(g.bbox(), None);
            assert_eq!(g.area(), 0.0);
            assert_eq!(g.length(), 0.0);
            assert!(g.centroid().0.is_nan());
        }
    }
}
