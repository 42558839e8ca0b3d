//! Reading WKT with the `wkt` crate, plus the structural rules JTS's `WKTReader` enforces
//! and the `wkt` crate does not (closed rings of 4 points or more, lines of 2 points or more).

use std::fmt;
use std::str::FromStr;

use wkt::Wkt;

use super::Geometry;

/// Why a WKT text was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WktError(String);

impl fmt::Display for WktError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WktError {}

/// Parses WKT (keywords in any case, any spacing, Z and M ordinates dropped) into a
/// [`Geometry`], refusing what JTS refuses: an unclosed ring, a ring of fewer than 4
/// points, a line of 1 point. `POINT EMPTY` has no `geo` equivalent and is refused too.
///
/// ```
/// use cytomine_emulator::geometry::parse_wkt;
/// assert!(parse_wkt("POLYGON ((0 0, 10 0, 10 10, 0 0))").is_ok());
/// assert!(parse_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10))").is_err(), "not closed");
/// assert!(parse_wkt("POLYGON ((0 0, 1 1").is_err());
/// ```
pub fn parse_wkt(text: &str) -> Result<Geometry, WktError> {
    let wkt = read_jts(text)?;
    geo::Geometry::try_from(wkt)
        .map(Geometry)
        .map_err(|e| WktError(e.to_string()))
}

/// The `wkt` crate's reading of `text`, checked against JTS's structural rules.
pub(crate) fn read_jts(text: &str) -> Result<Wkt<f64>, WktError> {
    let wkt = Wkt::<f64>::from_str(text).map_err(|e| WktError(e.to_string()))?;
    check(&wkt)?;
    Ok(wkt)
}

/// The type name as JTS writes it (`POLYGON`, `MULTIPOINT`, ...).
pub(crate) fn type_name(wkt: &Wkt<f64>) -> &'static str {
    match wkt {
        Wkt::Point(_) => "POINT",
        Wkt::LineString(_) => "LINESTRING",
        Wkt::Polygon(_) => "POLYGON",
        Wkt::MultiPoint(_) => "MULTIPOINT",
        Wkt::MultiLineString(_) => "MULTILINESTRING",
        Wkt::MultiPolygon(_) => "MULTIPOLYGON",
        Wkt::GeometryCollection(_) => "GEOMETRYCOLLECTION",
    }
}

/// True when `wkt` holds no coordinate.
pub(crate) fn is_empty(wkt: &Wkt<f64>) -> bool {
    match wkt {
        Wkt::Point(p) => p.coord().is_none(),
        Wkt::LineString(l) => l.coords().is_empty(),
        Wkt::Polygon(p) => p.rings().iter().all(|r| r.coords().is_empty()),
        Wkt::MultiPoint(m) => m.points().iter().all(|p| p.coord().is_none()),
        Wkt::MultiLineString(m) => m.line_strings().iter().all(|l| l.coords().is_empty()),
        Wkt::MultiPolygon(m) => m
            .polygons()
            .iter()
            .flat_map(|p| p.rings())
            .all(|r| r.coords().is_empty()),
        Wkt::GeometryCollection(c) => c.geometries().iter().all(is_empty),
    }
}

fn check(wkt: &Wkt<f64>) -> Result<(), WktError> {
    match wkt {
        Wkt::Point(_) | Wkt::MultiPoint(_) => Ok(()),
        Wkt::LineString(l) => check_line(l),
        Wkt::MultiLineString(m) => m.line_strings().iter().try_for_each(check_line),
        Wkt::Polygon(p) => check_polygon(p),
        Wkt::MultiPolygon(m) => m.polygons().iter().try_for_each(check_polygon),
        Wkt::GeometryCollection(c) => c.geometries().iter().try_for_each(check),
    }
}

/// JTS: "Invalid number of points in LineString (found 1 - must be 0 or >= 2)".
fn check_line(line: &wkt::types::LineString<f64>) -> Result<(), WktError> {
    match line.coords().len() {
        1 => Err(WktError("a line has 0 points or 2 points or more".into())),
        _ => Ok(()),
    }
}

/// JTS: "Points of LinearRing do not form a closed linestring" and "Invalid number of
/// points in LinearRing (found n - must be 0 or >= 4)".
fn check_polygon(polygon: &wkt::types::Polygon<f64>) -> Result<(), WktError> {
    for ring in polygon.rings() {
        let coords = ring.coords();
        let (Some(first), Some(last)) = (coords.first(), coords.last()) else {
            continue;
        };
        if (first.x, first.y) != (last.x, last.y) {
            return Err(WktError("a ring is not closed".into()));
        }
        if coords.len() < 4 {
            return Err(WktError("a ring has fewer than 4 points".into()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jts_structure_rules() {
        for bad in [
            "POLYGON ((0 0, 10 0, 10 10, 0 10))",
            "POLYGON ((0 0, 10 0, 0 0))",
            "LINESTRING (1 1)",
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1)))",
            "GEOMETRYCOLLECTION (LINESTRING (1 1))",
            "POLYGON ((0 0, 1 1",
            "CIRCLE (1 1)",
            "",
        ] {
            assert!(read_jts(bad).is_err(), "{bad}");
        }
        for good in [
            "polygon((1 1,5 1,5 5,1 5,1 1))",
            "POLYGON EMPTY",
            "POINT EMPTY",
            "LINESTRING (0 0, 1 1)",
            "POINT Z (1 2 3)",
        ] {
            assert!(read_jts(good).is_ok(), "{good}");
        }
        assert!(is_empty(&read_jts("POLYGON EMPTY").unwrap()));
        assert_eq!(
            type_name(&read_jts("multipoint((1 2))").unwrap()),
            "MULTIPOINT"
        );
    }
}
