//! WKT writer in JTS's format: `POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))`, numbers as
//! JTS's `OrdinateFormat` writes them (docs/protocol.md §3.11).

use geo::{Coord, LineString, Polygon};

use super::Geometry;

impl Geometry {
    /// Writes the geometry as WKT the way JTS's `WKTWriter` does: a space after the type
    /// name, `", "` between items, integers without `.0`, no exponent, at most 16 digits
    /// after the point.
    ///
    /// ```
    /// use cytomine_emulator::geometry::parse_wkt;
    /// let g = parse_wkt("multipoint(1 1,2.5 2)").unwrap();
    /// assert_eq!(g.to_wkt(), "MULTIPOINT ((1 1), (2.5 2))");
    /// ```
    pub fn to_wkt(&self) -> String {
        let mut out = String::new();
        write_geometry(&mut out, &self.0);
        out
    }
}

fn write_geometry(out: &mut String, geometry: &geo::Geometry<f64>) {
    use geo::Geometry as G;
    match geometry {
        G::Point(p) => tagged(out, "POINT", false, |o| write_list(o, &[p.0], write_coord)),
        G::Line(l) => tagged(out, "LINESTRING", false, |o| {
            write_list(o, &[l.start, l.end], write_coord)
        }),
        G::LineString(l) => tagged(out, "LINESTRING", l.0.is_empty(), |o| write_coords(o, l)),
        G::Polygon(p) => tagged(out, "POLYGON", polygon_empty(p), |o| write_polygon(o, p)),
        G::Rect(r) => write_geometry(out, &G::Polygon(r.to_polygon())),
        G::Triangle(t) => write_geometry(out, &G::Polygon(t.to_polygon())),
        G::MultiPoint(m) => tagged(out, "MULTIPOINT", m.0.is_empty(), |o| {
            write_list(o, &m.0, |o, p| write_list(o, &[p.0], write_coord))
        }),
        G::MultiLineString(m) => tagged(out, "MULTILINESTRING", m.0.is_empty(), |o| {
            write_list(o, &m.0, write_coords)
        }),
        G::MultiPolygon(m) => tagged(out, "MULTIPOLYGON", m.0.is_empty(), |o| {
            write_list(o, &m.0, write_polygon)
        }),
        G::GeometryCollection(c) => tagged(out, "GEOMETRYCOLLECTION", c.0.is_empty(), |o| {
            write_list(o, &c.0, write_geometry)
        }),
    }
}

fn polygon_empty(polygon: &Polygon<f64>) -> bool {
    polygon.exterior().0.is_empty()
}

/// `NAME EMPTY`, or `NAME ` followed by what `body` writes.
fn tagged(out: &mut String, name: &str, empty: bool, body: impl FnOnce(&mut String)) {
    out.push_str(name);
    if empty {
        out.push_str(" EMPTY");
    } else {
        out.push(' ');
        body(out);
    }
}

fn write_polygon(out: &mut String, polygon: &Polygon<f64>) {
    let rings: Vec<&LineString<f64>> = super::rings(polygon).collect();
    write_list(out, &rings, |o, r| write_coords(o, r));
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

fn write_coords(out: &mut String, line: &LineString<f64>) {
    write_list(out, &line.0, write_coord);
}

fn write_coord(out: &mut String, coord: &Coord<f64>) {
    out.push_str(&format_ordinate(coord.x));
    out.push(' ');
    out.push_str(&format_ordinate(coord.y));
}

/// One number as JTS 1.19's `OrdinateFormat` writes it (`DecimalFormat("0")`, at most 16
/// fraction digits, half-even rounding, never an exponent): the shortest round-trip
/// decimal, rounded to 16 fraction digits when it has more; `-0` stays `-0`.
pub(crate) fn format_ordinate(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Inf" } else { "-Inf" }.into();
    }
    let shortest = format!("{v}");
    let fraction_digits = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    if fraction_digits <= 16 {
        return shortest;
    }
    let rounded = format!("{v:.16}");
    rounded
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::parse_wkt;
    use super::format_ordinate;

    /// JTS 1.19 `io/OrdinateFormat.java` (locationtech/jts tag 1.19.0): `DecimalFormat("0")`,
    /// `Locale.US`, 16 fraction digits, HALF_EVEN.
    #[test]
    fn numbers_as_jts_writes_them() {
        for (v, text) in [
            (10.0, "10"),
            (20.25, "20.25"),
            (20.000001, "20.000001"),
            (0.123_456_789_012_345_67, "0.1234567890123457"),
            (1e-20, "0"),
            (-0.0, "-0"),
            (1e3, "1000"),
            (1e21, "1000000000000000000000"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Inf"),
            (f64::NEG_INFINITY, "-Inf"),
        ] {
            assert_eq!(format_ordinate(v), text, "{v}");
        }
    }

    #[test]
    fn writes_jts_spacing() {
        let cases = [
            ("point(1 1)", "POINT (1 1)"),
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
                "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING EMPTY)",
                "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING EMPTY)",
            ),
            ("GEOMETRYCOLLECTION EMPTY", "GEOMETRYCOLLECTION EMPTY"),
            ("polygon z empty", "POLYGON EMPTY"),
            ("multipolygon empty", "MULTIPOLYGON EMPTY"),
            (
                "POLYGON((10.0 10.5,20.25 10,20 20,10 20.000001,10.0 10.5))",
                "POLYGON ((10 10.5, 20.25 10, 20 20, 10 20.000001, 10 10.5))",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_wkt(input).unwrap().to_wkt(), expected, "{input}");
        }
    }

    /// Up to 16 fraction digits, what is written reads back to the same value (beyond, JTS
    /// rounds: `0.30000000000000004` is written `0.3`).
    #[test]
    fn round_trips_exactly() {
        for text in [
            "POINT (123456.789 0.1)",
            "POLYGON ((0.1 0.2, 0.3000000000000001 7, 1e-7 1, 0.1 0.2))",
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
