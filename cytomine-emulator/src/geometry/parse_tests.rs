//! Tests of the WKT reader: every geometry type, flexible spelling, EMPTY,
//! and each rejection with its position.

use super::{parse_wkt, Coord, Geometry};

fn c(x: f64, y: f64) -> Coord {
    Coord::new(x, y)
}

fn square() -> Vec<Coord> {
    vec![c(0., 0.), c(0., 20.), c(20., 20.), c(20., 0.), c(0., 0.)]
}

#[test]
fn parses_every_type() {
    assert_eq!(
        parse_wkt("POINT (1 2)").unwrap(),
        Geometry::Point(c(1., 2.))
    );
    assert_eq!(
        parse_wkt("LINESTRING (0 0, 1.5 -2e1)").unwrap(),
        Geometry::LineString(vec![c(0., 0.), c(1.5, -20.)])
    );
    assert_eq!(
        parse_wkt("POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))").unwrap(),
        Geometry::Polygon(vec![square()])
    );
    assert_eq!(
        parse_wkt("MULTIPOINT ((1 1), (2 2))").unwrap(),
        Geometry::MultiPoint(vec![c(1., 1.), c(2., 2.)])
    );
    assert_eq!(
        parse_wkt("MULTIPOINT (1 1, 2 2)").unwrap(),
        Geometry::MultiPoint(vec![c(1., 1.), c(2., 2.)])
    );
    assert_eq!(
        parse_wkt("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))").unwrap(),
        Geometry::MultiLineString(vec![vec![c(0., 0.), c(1., 1.)], vec![c(2., 2.), c(3., 3.)]])
    );
    assert_eq!(
        parse_wkt(
            "MULTIPOLYGON (((0 0, 0 20, 20 20, 20 0, 0 0)), ((0 0, 0 20, 20 20, 20 0, 0 0)))"
        )
        .unwrap(),
        Geometry::MultiPolygon(vec![vec![square()], vec![square()]])
    );
    assert_eq!(
        parse_wkt("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))").unwrap(),
        Geometry::Collection(vec![
            Geometry::Point(c(1., 2.)),
            Geometry::LineString(vec![c(0., 0.), c(1., 1.)])
        ])
    );
}

#[test]
fn keywords_and_whitespace_are_flexible() {
    let expected = Geometry::Polygon(vec![square()]);
    for text in [
        "polygon((0 0,0 20,20 20,20 0,0 0))",
        "  Polygon\n(\t( 0  0 ,0 20, 20 20 , 20 0,0 0 ) )  ",
        "POLYGON Z ((0 0 5, 0 20 5, 20 20 5, 20 0 5, 0 0 5))",
        "POLYGON M ((0 0 1, 0 20 1, 20 20 1, 20 0 1, 0 0 1))",
        "POLYGON ZM ((0 0 1 2, 0 20 1 2, 20 20 1 2, 20 0 1 2, 0 0 1 2))",
        "POLYGON ((0 0 7, 0 20 7, 20 20 7, 20 0 7, 0 0 7))",
        "POLYGON ((0.0 0e0, +0 2e1, 20. 20, 20 .0, 0 0))",
    ] {
        assert_eq!(parse_wkt(text).unwrap(), expected, "{text}");
    }
}

#[test]
fn empty_geometries() {
    assert!(parse_wkt("POINT EMPTY").unwrap().is_empty());
    assert_eq!(
        parse_wkt("linestring empty").unwrap(),
        Geometry::LineString(vec![])
    );
    assert_eq!(
        parse_wkt("POLYGON Z EMPTY").unwrap(),
        Geometry::Polygon(vec![])
    );
    assert_eq!(
        parse_wkt("MULTIPOLYGON EMPTY").unwrap(),
        Geometry::MultiPolygon(vec![])
    );
    assert_eq!(
        parse_wkt("GEOMETRYCOLLECTION (POINT EMPTY, POLYGON EMPTY)").map(|g| g.is_empty()),
        Ok(true)
    );
}

#[test]
fn rejections_name_the_position() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "geometry type"),
        ("CIRCLE (1 2)", 0, "geometry type"),
        ("  FOO BAR", 2, "geometry type"),
        ("POINT (1 2", 10, "expected ')'"),
        ("POINT 1 2)", 6, "expected '('"),
        ("POINT ZZ (1 2)", 6, "'(' or EMPTY"),
        ("POINT (1 2))", 11, "after the geometry"),
        ("POINT (1 2) x", 12, "after the geometry"),
        ("POINT (1)", 8, "expected a number"),
        ("POINT (NaN 1)", 7, "expected a number"),
        ("POINT (inf 1)", 7, "expected a number"),
        ("POINT (1e999 1)", 7, "not finite"),
        ("POINT (1 2 3 4 5)", 15, "expected ')'"),
        ("POLYGON ((0 0, 1 1, 1 0, 0 1))", 9, "closed"),
        ("POLYGON ((0 0, 1 1, 0 0))", 9, "at least 4"),
        ("POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0)", 38, "',' or ')'"),
        ("POLYGON (0 0, 0 20, 20 20, 20 0, 0 0)", 9, "expected '('"),
        ("LINESTRING (1 1)", 11, "at least 2"),
        ("LINESTRING (1 1,, 2 2)", 16, "expected a number"),
        ("POINT (1 2 )extra", 12, "after the geometry"),
        ("POINT (1-2 3)", 7, "expected a number"),
    ];
    for (text, pos, needle) in cases {
        let err = parse_wkt(text).unwrap_err();
        assert_eq!(err.position(), *pos, "{text}: {err}");
        assert!(err.to_string().contains(needle), "{text}: {err}");
        assert!(err.to_string().contains(&format!("position {pos}")));
    }
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let text = "GEOMETRYCOLLECTION (".repeat(10_000);
    let err = parse_wkt(&text).unwrap_err();
    assert!(err.message().contains("nested too deeply"));
    let ok = format!(
        "{}POINT (1 1){}",
        "GEOMETRYCOLLECTION (".repeat(5),
        ")".repeat(5)
    );
    assert!(parse_wkt(&ok).is_ok());
}

#[test]
fn non_ascii_text_never_panics() {
    for text in [
        "POINT (1 2)é",
        "ÉPOINT (1 2)",
        "POINT (1 ²)",
        "POLYGON ((0 0, 0 1, 1 1, 0 0)) 😀",
    ] {
        assert!(parse_wkt(text).is_err(), "{text}");
    }
}
