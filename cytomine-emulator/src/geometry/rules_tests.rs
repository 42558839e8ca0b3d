//! The add and update pipelines against the reference outputs of JTS 1.19.0 running the
//! steps of `core/src/main/java/be/cytomine/service/ontology/UserAnnotationService.java`
//! (cytomine/cytomine 0165ef76), image 100 × 80 unless stated.

use super::{shape, Stage};
use crate::geometry::parse_wkt;

const IMAGE: Option<(f64, f64)> = Some((100.0, 80.0));

fn add(location: &str) -> Result<String, String> {
    shape(location, IMAGE, Stage::Add).map(|s| s.location)
}

/// Same area and envelope as `expected` (the overlay's vertex order is JTS's own).
fn same_shape(got: &str, expected: &str) {
    let (g, e) = (parse_wkt(got).unwrap(), parse_wkt(expected).unwrap());
    assert!((g.area() - e.area()).abs() < 1e-9, "{got} vs {expected}");
    assert_eq!(g.bbox(), e.bbox(), "{got} vs {expected}");
}

#[test]
fn invalid_and_unclosed_are_refused() {
    for bad in [
        "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))",
        "POLYGON((0 0,10 0,10 10,0 10))",
        "not wkt",
    ] {
        assert_eq!(
            add(bad).unwrap_err(),
            "Annotation location is not valid",
            "{bad}"
        );
    }
}

#[test]
fn kept_shapes_are_written_as_jts_writes_them() {
    assert_eq!(
        add("POLYGON((10.0 10.5,20.25 10,20 20,10 20.000001,10.0 10.5))").unwrap(),
        "POLYGON ((10 10.5, 20.25 10, 20 20, 10 20.000001, 10 10.5))"
    );
    assert_eq!(add("POINT(5 5)").unwrap(), "POINT (5 5)");
    assert_eq!(
        add("polygon((1 1,5 1,5 5,1 5,1 1))").unwrap(),
        "POLYGON ((1 1, 5 1, 5 5, 1 5, 1 1))"
    );
}

#[test]
fn overflowing_shapes_are_clipped() {
    let right = add("POLYGON((90 70, 120 70, 120 100, 90 100, 90 70))").unwrap();
    assert_eq!(
        right, "POLYGON ((90 80, 100 80, 100 70, 90 70, 90 80))",
        "clockwise, as JTS"
    );
    same_shape(&right, "POLYGON ((100 70, 90 70, 90 80, 100 80, 100 70))");
    let around = add("POLYGON((-10 -10, 20 -10, 20 20, -10 20, -10 -10))").unwrap();
    same_shape(&around, "POLYGON ((20 20, 20 0, 0 0, 0 20, 20 20))");
    // UserAnnotationServiceTests.addUserAnnotationOutOfBounds: overflowing on all sides.
    same_shape(
        &add("POLYGON((-5 -5, 105 -5, 105 85, -5 85, -5 -5))").unwrap(),
        "POLYGON ((0 80, 100 80, 100 0, 0 0, 0 80))",
    );
    assert_eq!(
        add("LINESTRING(10 10, 200 10)").unwrap(),
        "LINESTRING (10 10, 100 10)"
    );
    same_shape(
        &add("MULTIPOLYGON(((1 1,5 1,5 5,1 5,1 1)),((90 70,110 70,110 90,90 90,90 70)))").unwrap(),
        "MULTIPOLYGON (((1 1, 1 5, 5 5, 5 1, 1 1)), ((100 70, 90 70, 90 80, 100 80, 100 70)))",
    );
}

#[test]
fn outside_tiny_and_unstorable_shapes_are_refused() {
    for (location, message) in [
        (
            "POLYGON((200 10, 300 10, 300 20, 200 20, 200 10))",
            "Cannot extract boundaries for POLYGON EMPTY",
        ),
        (
            "POLYGON((10 100, 20 100, 20 120, 10 120, 10 100))",
            "Cannot extract boundaries for POLYGON EMPTY",
        ),
        (
            "POLYGON EMPTY",
            "Cannot extract boundaries for POLYGON EMPTY",
        ),
        ("POINT(500 5)", "Cannot extract boundaries for POINT EMPTY"),
        (
            "POLYGON((10 10, 10.5 10, 10.5 20, 10 20, 10 10))",
            "Annotation dimension not valid",
        ),
        (
            "POLYGON((10 10, 10.999 10, 10.999 20, 10 20, 10 10))",
            "Annotation dimension not valid",
        ),
        (
            "MULTILINESTRING((1 1, 50 50),(2 2, 60 3))",
            "MultiLineString is not a valid geometry type!",
        ),
    ] {
        assert_eq!(add(location).unwrap_err(), message, "{location}");
    }
    assert!(
        add("POLYGON((10 10, 11 10, 11 20, 10 20, 10 10))").is_ok(),
        "width 1 passes"
    );
}

/// A circle as the harness's `Pipeline.circle` builds it: `n` vertices plus the closing
/// point, coordinates rounded to 0.01, centred on `(r + 10, r + 10)`.
fn circle(n: usize, r: f64) -> String {
    let c = r + 10.0;
    let mut points: Vec<String> = (0..n)
        .map(|i| {
            let a = 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            let round = |v: f64| (v * 100.0).round() / 100.0;
            format!("{} {}", round(c + r * a.cos()), round(c + r * a.sin()))
        })
        .collect();
    points.push(points[0].clone());
    format!("POLYGON (({}))", points.join(", "))
}

fn points_of(location: &str) -> usize {
    location.matches(',').count() + 1
}

#[test]
fn simplification_follows_the_point_count() {
    for (n, r) in [(99, 40.0), (150, 40.0), (199, 4000.0)] {
        let size = Some((2.0 * r + 20.0, 2.0 * r + 20.0));
        let shaped = shape(&circle(n, r), size, Stage::Add).unwrap();
        assert_eq!(points_of(&shaped.location), n + 1, "{n} kept");
        assert_eq!(shaped.compression, 0.0);
    }
    // JTS's counts and tolerances (the loop overshoots: 301 -> 33 points for r 40).
    for (n, r, points, rate) in [
        (300, 40.0, 33, 0.25),
        (300, 400.0, 129, 0.25),
        (300, 4000.0, 173, 1.0),
        (200, 4000.0, 129, 2.0),
        (1000, 4000.0, 489, 0.25),
    ] {
        let side = 2.0 * r + 20.0;
        let shaped = shape(&circle(n, r), Some((side, side)), Stage::Add).unwrap();
        let kept = points_of(&shaped.location);
        assert!(kept < n + 1, "{n}/{r}: {kept} points");
        let g = parse_wkt(&shaped.location).unwrap();
        use geo::Validation;
        assert!(g.as_geo().is_valid(), "{n}/{r}: valid");
        let (x0, y0, x1, y1) = g.bbox().unwrap();
        assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= side && y1 <= side);
        assert_eq!((kept, shaped.compression), (points, rate), "{n}/{r}");
    }
}

#[test]
fn update_differs_from_add() {
    let update = |location: &str, compression: f64| {
        shape(location, IMAGE, Stage::Update { compression }).map(|s| s.location)
    };
    // Douglas-Peucker at geometryCompression (default 0) removes collinear vertices.
    assert_eq!(
        update("POLYGON((10 10, 15 10, 20 10, 20 20, 10 20, 10 10))", 0.0).unwrap(),
        "POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))"
    );
    assert_eq!(
        update("POLYGON((200 10, 300 10, 300 20, 200 20, 200 10))", 0.0).unwrap_err(),
        "POLYGON EMPTY is an empty geometry!"
    );
    assert!(
        update("POLYGON((10 10, 10.5 10, 10.5 20, 10 20, 10 10))", 0.0).is_ok(),
        "no dimension check"
    );
    assert_eq!(
        update("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))", 0.0).unwrap_err(),
        "Annotation location is not valid"
    );
}
