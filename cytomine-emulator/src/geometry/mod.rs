//! Annotation geometries on the field's crates: [`wkt`] reads the text, [`geo`] holds the
//! shape and computes validity, clipping, simplification and the measures; the writer
//! formats WKT the way JTS (the server's geometry library) does.
//!
//! Coordinates are Cytomine's: origin at the bottom-left of the image, y up.
//!
//! ```
//! use cytomine_emulator::geometry::parse_wkt;
//! let g = parse_wkt("polygon((0 0,0 20,20 20,20 0,0 0))").unwrap();
//! assert_eq!(g.to_wkt(), "POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))");
//! assert_eq!(g.area(), 400.0);
//! ```

mod measure;
mod read;
pub(crate) mod rules;
mod simplify;
mod spatial;
mod write;

pub use read::{parse_wkt, WktError};
pub(crate) use spatial::rings;

/// A parsed geometry: a [`geo::Geometry`] read from WKT.
///
/// `POINT EMPTY` (and a collection holding it) has no `geo` equivalent and is not read;
/// every other empty geometry is its type with no coordinate.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry(geo::Geometry<f64>);

impl Geometry {
    /// Wraps a `geo` geometry.
    pub fn from_geo(geometry: geo::Geometry<f64>) -> Geometry {
        Geometry(geometry)
    }

    /// The `geo` geometry.
    pub fn as_geo(&self) -> &geo::Geometry<f64> {
        &self.0
    }

    /// True when the geometry has no coordinate at all (`... EMPTY`, or a
    /// collection of empty geometries).
    pub fn is_empty(&self) -> bool {
        use geo::CoordsIter;
        self.0.coords_count() == 0
    }

    /// Every polygon of this geometry, collections included.
    pub(crate) fn polygons(&self) -> Vec<&geo::Polygon<f64>> {
        let mut out = Vec::new();
        collect_polygons(&self.0, &mut out);
        out
    }
}

fn collect_polygons<'a>(geometry: &'a geo::Geometry<f64>, out: &mut Vec<&'a geo::Polygon<f64>>) {
    match geometry {
        geo::Geometry::Polygon(p) => out.push(p),
        geo::Geometry::MultiPolygon(m) => out.extend(m.0.iter()),
        geo::Geometry::GeometryCollection(c) => c.0.iter().for_each(|g| collect_polygons(g, out)),
        _ => {}
    }
}
