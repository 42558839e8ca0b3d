//! What the server does to an annotation's `location` on add and update
//! (`core/.../service/ontology/UserAnnotationService.java` add and update,
//! docs/protocol.md §3.11): parse, validate, clip to the image, check the dimensions (add
//! only), simplify, refuse what cannot be stored, and write the WKT back as JTS does.

use geo::dimensions::Dimensions;
use geo::orient::{Direction, Orient};
use geo::{
    BooleanOps, BoundingRect, Coord, CoordsIter, HasDimensions, Intersects, LineString,
    MultiLineString, MultiPoint, MultiPolygon, Polygon, Rect, Validation,
};

use super::read::{is_empty, read_jts, type_name};
use super::{simplify, Geometry};

/// The server's default `ANNOTATION_MAX_POINTS` (`core/src/main/resources/application.yml`).
const MAX_POINTS: f64 = 200.0;

const NOT_VALID: &str = "Annotation location is not valid";

/// Which pipeline runs: the add (`POST`) or the update (`PUT`) one.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Stage {
    /// Create: dimension check, simplification by point count.
    Add,
    /// Update: no dimension check, Douglas-Peucker at the body's `geometryCompression`.
    Update {
        /// The tolerance (`geometryCompression`, default 0).
        compression: f64,
    },
}

/// A location as the server stores it.
#[derive(Clone, Debug)]
pub(crate) struct Shaped {
    /// The geometry stored.
    pub(crate) geometry: Geometry,
    /// `location`: the geometry written as JTS writes it.
    pub(crate) location: String,
    /// `geometryCompression`: the simplification tolerance used.
    pub(crate) compression: f64,
}

/// Runs the server's pipeline on `location` for an image of `size` (the abstract image's
/// width and height; no clipping when unknown). The error is the server's 400 message.
pub(crate) fn shape(
    location: &str,
    size: Option<(f64, f64)>,
    stage: Stage,
) -> Result<Shaped, String> {
    let wkt = read_jts(location).map_err(|_| NOT_VALID.to_owned())?;
    if is_empty(&wkt) {
        return Err(empty_error(type_name(&wkt), stage));
    }
    let parsed: geo::Geometry<f64> = wkt.try_into().map_err(|_| NOT_VALID.to_owned())?;
    if !parsed.is_valid() {
        return Err(NOT_VALID.into());
    }
    let clipped = clip(&parsed, size);
    if clipped.coords_count() == 0 {
        return Err(empty_error(empty_name(&parsed), stage));
    }
    let (simplified, compression) = match stage {
        Stage::Add => {
            check_dimensions(&clipped)?;
            simplify::for_add(&clipped, MAX_POINTS)
        }
        Stage::Update { compression } => (
            simplify::douglas_peucker(&clipped, compression),
            compression,
        ),
    };
    check_type(&simplified)?;
    let geometry = Geometry(simplified);
    Ok(Shaped {
        location: geometry.to_wkt(),
        geometry,
        compression,
    })
}

/// Add: `GeometryUtils.getGeometryBoundaries` fails on an empty geometry; update: the
/// repair step refuses it.
fn empty_error(name: &str, stage: Stage) -> String {
    match stage {
        Stage::Add => format!("Cannot extract boundaries for {name} EMPTY"),
        Stage::Update { .. } => format!("{name} EMPTY is an empty geometry!"),
    }
}

/// The type of an empty overlay result in JTS (`OverlayOp.createEmptyResult`): by the
/// input's dimension.
fn empty_name(input: &geo::Geometry<f64>) -> &'static str {
    match input.dimensions() {
        Dimensions::TwoDimensional => "POLYGON",
        Dimensions::OneDimensional => "LINESTRING",
        _ => "POINT",
    }
}

/// Clipping to `[0, min(maxX, W)] × [0, min(maxY, H)]` when the envelope goes past
/// `[0, W] × [0, H]`, with `geo`'s boolean operations. A geometry wholly on the negative
/// side comes out empty here, where JTS's old overlay leaves a degenerate line or point.
fn clip(geometry: &geo::Geometry<f64>, size: Option<(f64, f64)>) -> geo::Geometry<f64> {
    let (Some((width, height)), Some(envelope)) = (size, geometry.bounding_rect()) else {
        return geometry.clone();
    };
    let (min, max) = (envelope.min(), envelope.max());
    if !(min.x < 0.0 || min.y < 0.0 || max.x > width || max.y > height) {
        return geometry.clone();
    }
    let corner = Coord {
        x: max.x.min(width),
        y: max.y.min(height),
    };
    let bounds = Rect::new(Coord { x: 0.0, y: 0.0 }, corner).to_polygon();
    use geo::Geometry as G;
    match geometry {
        G::Point(p) if bounds.intersects(p) => G::Point(*p),
        G::Point(_) => G::MultiPoint(MultiPoint(Vec::new())),
        G::MultiPoint(m) => {
            let kept: Vec<_> =
                m.0.iter()
                    .filter(|p| bounds.intersects(*p))
                    .copied()
                    .collect();
            match kept.as_slice() {
                [one] => G::Point(*one),
                _ => G::MultiPoint(MultiPoint(kept)),
            }
        }
        G::Line(_) | G::LineString(_) | G::MultiLineString(_) => {
            let lines = MultiLineString(lines_of(geometry));
            let mut kept = bounds.clip(&lines, false);
            match kept.0.len() {
                1 => G::LineString(kept.0.remove(0)),
                _ => G::MultiLineString(kept),
            }
        }
        G::Polygon(_) | G::MultiPolygon(_) | G::Rect(_) | G::Triangle(_) => {
            let area = MultiPolygon(polygons_of(geometry));
            // JTS's overlay writes shells clockwise.
            let mut kept = bounds.intersection(&area).orient(Direction::Reversed);
            match kept.0.len() {
                1 => G::Polygon(kept.0.remove(0)),
                _ => G::MultiPolygon(kept),
            }
        }
        G::GeometryCollection(_) => geometry.clone(),
    }
}

fn lines_of(geometry: &geo::Geometry<f64>) -> Vec<LineString<f64>> {
    match geometry {
        geo::Geometry::Line(l) => vec![LineString(vec![l.start, l.end])],
        geo::Geometry::LineString(l) => vec![l.clone()],
        geo::Geometry::MultiLineString(m) => m.0.clone(),
        _ => Vec::new(),
    }
}

fn polygons_of(geometry: &geo::Geometry<f64>) -> Vec<Polygon<f64>> {
    match geometry {
        geo::Geometry::Polygon(p) => vec![p.clone()],
        geo::Geometry::MultiPolygon(m) => m.0.clone(),
        geo::Geometry::Rect(r) => vec![r.to_polygon()],
        geo::Geometry::Triangle(t) => vec![t.to_polygon()],
        _ => Vec::new(),
    }
}

/// `Annotation dimension not valid` (add only): after clipping, any type but a line whose
/// envelope is under 1 wide or high; a single point passes (the server gives it 100×100).
fn check_dimensions(geometry: &geo::Geometry<f64>) -> Result<(), String> {
    if matches!(geometry, geo::Geometry::LineString(_)) || geometry.coords_count() == 1 {
        return Ok(());
    }
    match geometry.bounding_rect() {
        Some(r) if r.width() >= 1.0 && r.height() >= 1.0 => Ok(()),
        _ => Err("Annotation dimension not valid".into()),
    }
}

/// `ValidateGeometryService`: multilines and collections cannot be stored.
fn check_type(geometry: &geo::Geometry<f64>) -> Result<(), String> {
    let name = match geometry {
        geo::Geometry::MultiLineString(_) => "MultiLineString",
        geo::Geometry::GeometryCollection(_) => "GeometryCollection",
        _ => return Ok(()),
    };
    Err(format!("{name} is not a valid geometry type!"))
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
