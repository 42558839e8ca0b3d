//! A small WKT geometry engine: parsing, writing in JTS's spacing, and the
//! measures the emulator needs for annotations (area, length, centroid,
//! bounding box, bbox intersection and point-in-polygon for masks).
//!
//! Coordinates are Cytomine's: origin at the bottom-left of the image, y up.
//! No external geometry crate is used.
//!
//! ```
//! use cytomine_emulator::geometry::parse_wkt;
//! let g = parse_wkt("polygon((0 0,0 20,20 20,20 0,0 0))").unwrap();
//! assert_eq!(g.to_wkt(), "POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))");
//! assert_eq!(g.area(), 400.0);
//! ```

mod measure;
mod parse;
#[cfg(test)]
mod parse_tests;
mod spatial;
mod write;

pub use parse::{parse_wkt, WktError};

/// One 2-D position. Any Z or M ordinate of the WKT text is dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coord {
    /// Horizontal position (pixels from the left edge).
    pub x: f64,
    /// Vertical position (pixels from the bottom edge).
    pub y: f64,
}

impl Coord {
    /// Builds a coordinate.
    pub fn new(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }
}

/// A geometry as written in WKT.
///
/// `POINT EMPTY` is represented as a `Point` whose ordinates are NaN (as in
/// WKB); the parser never produces NaN otherwise. Every other empty geometry
/// is its variant with an empty vector.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// `POINT (x y)`.
    Point(Coord),
    /// `LINESTRING (x y, ...)`: empty, or two points or more.
    LineString(Vec<Coord>),
    /// `POLYGON ((shell), (hole), ...)`: each ring closed, with 4 points or more.
    Polygon(Vec<Vec<Coord>>),
    /// `MULTIPOINT ((x y), ...)`.
    MultiPoint(Vec<Coord>),
    /// `MULTILINESTRING ((...), ...)`.
    MultiLineString(Vec<Vec<Coord>>),
    /// `MULTIPOLYGON (((...)), ...)`.
    MultiPolygon(Vec<Vec<Vec<Coord>>>),
    /// `GEOMETRYCOLLECTION (...)`.
    Collection(Vec<Geometry>),
}

impl Geometry {
    /// The `POINT EMPTY` value.
    pub fn empty_point() -> Geometry {
        Geometry::Point(Coord::new(f64::NAN, f64::NAN))
    }

    /// True when the geometry has no coordinate at all (`... EMPTY`, or a
    /// collection of empty geometries).
    pub fn is_empty(&self) -> bool {
        match self {
            Geometry::Point(c) => c.x.is_nan() || c.y.is_nan(),
            Geometry::LineString(v) | Geometry::MultiPoint(v) => v.is_empty(),
            Geometry::Polygon(rings) | Geometry::MultiLineString(rings) => {
                rings.iter().all(Vec::is_empty)
            }
            Geometry::MultiPolygon(polys) => polys.iter().flatten().all(Vec::is_empty),
            Geometry::Collection(items) => items.iter().all(Geometry::is_empty),
        }
    }

    /// Every polygon of this geometry (its rings), collections included.
    pub(crate) fn polygons(&self) -> Vec<&[Vec<Coord>]> {
        let mut out = Vec::new();
        self.collect_polygons(&mut out);
        out
    }

    fn collect_polygons<'a>(&'a self, out: &mut Vec<&'a [Vec<Coord>]>) {
        match self {
            Geometry::Polygon(rings) => out.push(rings),
            Geometry::MultiPolygon(polys) => out.extend(polys.iter().map(Vec::as_slice)),
            Geometry::Collection(items) => items.iter().for_each(|g| g.collect_polygons(out)),
            _ => {}
        }
    }

    /// Every line (open paths, not polygon rings) of this geometry.
    pub(crate) fn lines(&self) -> Vec<&[Coord]> {
        let mut out = Vec::new();
        self.collect_lines(&mut out);
        out
    }

    fn collect_lines<'a>(&'a self, out: &mut Vec<&'a [Coord]>) {
        match self {
            Geometry::LineString(line) => out.push(line),
            Geometry::MultiLineString(lines) => out.extend(lines.iter().map(Vec::as_slice)),
            Geometry::Collection(items) => items.iter().for_each(|g| g.collect_lines(out)),
            _ => {}
        }
    }

    /// Every isolated point of this geometry (not the vertices of lines or polygons).
    pub(crate) fn points(&self) -> Vec<Coord> {
        match self {
            Geometry::Point(c) if !c.x.is_nan() && !c.y.is_nan() => vec![*c],
            Geometry::MultiPoint(v) => v.clone(),
            Geometry::Collection(items) => items.iter().flat_map(Geometry::points).collect(),
            _ => Vec::new(),
        }
    }

    /// Every coordinate of this geometry, in order.
    pub(crate) fn coords(&self) -> Vec<Coord> {
        let mut out = self.points();
        for line in self.lines() {
            out.extend_from_slice(line);
        }
        for rings in self.polygons() {
            rings.iter().for_each(|r| out.extend_from_slice(r));
        }
        out
    }
}
