//! The server's simplification (`core/.../service/utils/SimplifyGeometryService.java`,
//! docs/protocol.md §3.11) with `geo`'s Ramer–Douglas–Peucker, the algorithm of JTS's
//! `DouglasPeuckerSimplifier` that the server runs.
//!
//! Where `geo` and JTS differ, and what the emulator does about it:
//! - `geo` returns the input unchanged at tolerance 0, JTS removes exactly collinear
//!   vertices: tolerance 0 is run as the smallest positive tolerance, which removes the
//!   vertices at distance 0 (and, in practice, nothing else).
//! - When two vertices are equally far from a segment, `geo` splits at the last one and JTS
//!   at the first, so the exact points kept may differ on such ties.
//! - JTS drops a ring that collapses and repairs an invalid result with `buffer(0)`; `geo`
//!   keeps 4 points per ring and repairs nothing, so an invalid result is not kept: the
//!   input comes back instead (the server's properties hold: valid, fewer points or the same).
//! - The server simplifies multipolygons with JTS's `TopologyPreservingSimplifier`, which
//!   `geo` does not have: they get Douglas-Peucker per member, under the same validity rule.

use geo::{CoordsIter, Geometry, Simplify, Validation};

/// The number of points as JTS's `getNumPoints` counts them: every coordinate, the closing
/// point of each ring included.
pub(crate) fn num_points(geometry: &Geometry<f64>) -> usize {
    geometry.coords_count()
}

/// Douglas-Peucker at `tolerance` (0 removes exactly collinear vertices, as in JTS); lines
/// and polygons only, other geometries unchanged. An invalid result gives the input back.
pub(crate) fn douglas_peucker(geometry: &Geometry<f64>, tolerance: f64) -> Geometry<f64> {
    let epsilon = if tolerance > 0.0 {
        tolerance
    } else {
        f64::MIN_POSITIVE
    };
    let simplified = match geometry {
        Geometry::LineString(g) => Geometry::LineString(g.simplify(epsilon)),
        Geometry::MultiLineString(g) => Geometry::MultiLineString(g.simplify(epsilon)),
        Geometry::Polygon(g) => Geometry::Polygon(g.simplify(epsilon)),
        Geometry::MultiPolygon(g) => Geometry::MultiPolygon(g.simplify(epsilon)),
        other => other.clone(),
    };
    if simplified.is_valid() {
        simplified
    } else {
        geometry.clone()
    }
}

/// The `numOfGeometry` factor of the server's limits: the number of holes (sic: a polygon
/// without holes counts as 1, a multipolygon sums its members' holes), halved above 10,
/// at most 10.
fn number_of_geometries(geometry: &Geometry<f64>) -> f64 {
    let holes = match geometry {
        Geometry::MultiPolygon(m) => m.0.iter().map(|p| p.interiors().len()).sum(),
        Geometry::Polygon(p) => p.interiors().len(),
        _ => 1,
    };
    let mut n = holes.max(1);
    if n > 10 {
        n /= 2;
    }
    n.min(10) as f64
}

/// `simplifyPolygon(geometry, minPoint, maxPoint)` as the add pipeline calls it (no
/// `minPoint`/`maxPoint`): below 100 points nothing changes; otherwise Douglas-Peucker is
/// run on the original with tolerance 0, 0.25, 0.5, ... while the count exceeds
/// `max(n / 1.3, 200 × numOfGeometry)`, stopping (and keeping that overshoot) as soon as a
/// result falls under `min(max(n / 1.7, 10), 100 × numOfGeometry)`. Returns the geometry
/// and the last tolerance (the annotation's `geometryCompression`).
pub(crate) fn for_add(geometry: &Geometry<f64>, max_points: f64) -> (Geometry<f64>, f64) {
    let total = num_points(geometry) as f64;
    if total < 100.0 {
        return (geometry.clone(), 0.0);
    }
    let parts = number_of_geometries(geometry);
    let limit_max = (total / 1.3).max(parts * max_points);
    let limit_min = (total / 1.7).max(10.0).min(parts * 100.0);
    let (mut count, mut step, mut rate) = (total, 0.0, 0.0);
    let mut result = geometry.clone();
    let mut loops = 1000;
    while count > limit_max && loops > 0 {
        rate = step;
        result = douglas_peucker(geometry, rate);
        let kept = num_points(&result) as f64;
        if kept < limit_min {
            break;
        }
        step += 0.25;
        count = kept;
        loops -= 1;
    }
    (result, rate)
}
