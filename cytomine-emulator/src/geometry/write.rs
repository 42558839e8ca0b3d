//! WKT writer in JTS's spacing: `POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))`.

use super::{Coord, Geometry};
use std::fmt::Write;

impl Geometry {
    /// Writes the geometry as WKT the way JTS does: a space after the type
    /// name, `", "` between items, integers without `.0`, no exponent.
    ///
    /// ```
    /// use cytomine_emulator::geometry::parse_wkt;
    /// let g = parse_wkt("multipoint(1 1,2.5 2)").unwrap();
    /// assert_eq!(g.to_wkt(), "MULTIPOINT ((1 1), (2.5 2))");
    /// ```
    pub fn to_wkt(&self) -> String {
        let mut out = String::new();
        write_geometry(&mut out, self);
        out
    }
}

fn write_geometry(out: &mut String, geometry: &Geometry) {
    out.push_str(type_name(geometry));
    if geometry.is_empty() && !matches!(geometry, Geometry::Collection(items) if !items.is_empty())
    {
        out.push_str(" EMPTY");
        return;
    }
    out.push(' ');
    match geometry {
        Geometry::Point(c) => write_list(out, std::slice::from_ref(c), write_coord),
        Geometry::LineString(line) => write_coords(out, line),
        Geometry::Polygon(rings) | Geometry::MultiLineString(rings) => {
            write_list(out, rings, |o, r| write_coords(o, r))
        }
        Geometry::MultiPoint(points) => write_list(out, points, |o, c| {
            write_list(o, std::slice::from_ref(c), write_coord)
        }),
        Geometry::MultiPolygon(polys) => write_list(out, polys, |o, p| {
            write_list(o, p, |o, r| write_coords(o, r))
        }),
        Geometry::Collection(items) => write_list(out, items, write_geometry),
    }
}

fn type_name(geometry: &Geometry) -> &'static str {
    match geometry {
        Geometry::Point(_) => "POINT",
        Geometry::LineString(_) => "LINESTRING",
        Geometry::Polygon(_) => "POLYGON",
        Geometry::MultiPoint(_) => "MULTIPOINT",
        Geometry::MultiLineString(_) => "MULTILINESTRING",
        Geometry::MultiPolygon(_) => "MULTIPOLYGON",
        Geometry::Collection(_) => "GEOMETRYCOLLECTION",
    }
}

/// `(a, b, c)` with each item written by `item`.
fn write_list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('(');
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item(out, it);
    }
    out.push(')');
}

fn write_coords(out: &mut String, coords: &[Coord]) {
    write_list(out, coords, write_coord);
}

fn write_coord(out: &mut String, coord: &Coord) {
    write_number(out, coord.x);
    out.push(' ');
    write_number(out, coord.y);
}

/// Shortest text that reads back to the same value; `-0` is written `0`.
fn write_number(out: &mut String, v: f64) {
    let v = if v == 0.0 { 0.0 } else { v };
    // Writing into a String cannot fail.
    let _ = write!(out, "{v}");
}

#[cfg(test)]
mod tests {
    use super::super::parse_wkt;

    #[test]
    fn writes_jts_spacing() {
        let cases = [
            ("point(1 1)", "POINT (1 1)"),
            ("POINT (-0 0.25)", "POINT (0 0.25)"),
            ("POINT (1e3 1.5e-3)", "POINT (1000 0.0015)"),
            ("linestring(0 0,10 10.5)", "LINESTRING (0 0, 10 10.5)"),
            (
                "POLYGON((0 0,0 20,20 20,20 0,0 0))",
                "POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))",
            ),
            (
                "POLYGON((0 0,0 9,9 9,9 0,0 0),(1 1,1 2,2 2,1 1))",
                "POLYGON ((0 0, 0 9, 9 9, 9 0, 0 0), (1 1, 1 2, 2 2, 1 1))",
            ),
            ("MULTIPOINT(1 1,2 2)", "MULTIPOINT ((1 1), (2 2))"),
            (
                "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
                "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
            ),
            (
                "MULTIPOLYGON(((0 0,0 1,1 1,0 0)),((5 5,5 6,6 6,5 5)))",
                "MULTIPOLYGON (((0 0, 0 1, 1 1, 0 0)), ((5 5, 5 6, 6 6, 5 5)))",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(1 2),POINT EMPTY)",
                "GEOMETRYCOLLECTION (POINT (1 2), POINT EMPTY)",
            ),
            ("GEOMETRYCOLLECTION EMPTY", "GEOMETRYCOLLECTION EMPTY"),
            ("point empty", "POINT EMPTY"),
            ("polygon z empty", "POLYGON EMPTY"),
            ("multipolygon empty", "MULTIPOLYGON EMPTY"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_wkt(input).unwrap().to_wkt(), expected, "{input}");
        }
    }

    #[test]
    fn round_trips_exactly() {
        for text in [
            "POINT (123456.789 0.1)",
            "POLYGON ((0.1 0.2, 0.30000000000000004 7, 1e-7 1, 0.1 0.2))",
            "MULTILINESTRING ((-1.5 2, 3 -4), (5 6, 7 8, 9 10))",
            "GEOMETRYCOLLECTION (MULTIPOINT ((1 2)), POLYGON EMPTY, LINESTRING (0 0, 1 1))",
        ] {
            let g = parse_wkt(text).unwrap();
            let again = parse_wkt(&g.to_wkt()).unwrap();
            assert_eq!(g, again, "{text}");
            assert_eq!(again.to_wkt(), g.to_wkt());
        }
    }
}
