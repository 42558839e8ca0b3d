//! The emulator's WKT reader against its writer: whatever parses, written back and parsed
//! again, gives the same geometry (NaN of `POINT EMPTY` compared as equal) and the same text.

use cytomine_emulator::geometry::{parse_wkt, Geometry};

/// Parses `text`; when it parses, checks the round trip through `to_wkt`, and that the
/// measures do not panic.
pub fn round_trip(text: &str) {
    let Ok(geometry) = parse_wkt(text) else {
        return;
    };
    let written = geometry.to_wkt();
    let again = match parse_wkt(&written) {
        Ok(g) => g,
        Err(e) => panic!("{text:?} parsed, but its WKT {written:?} does not: {e}"),
    };
    assert!(
        same(&geometry, &again),
        "{text:?} -> {written:?} -> {again:?} differs from {geometry:?}"
    );
    assert_eq!(
        again.to_wkt(),
        written,
        "writing is not stable for {text:?}"
    );
    let _ = (
        geometry.area(),
        geometry.length(),
        geometry.centroid(),
        geometry.bbox(),
    );
}

/// Equality where the NaN ordinates of `POINT EMPTY` equal each other.
fn same(a: &Geometry, b: &Geometry) -> bool {
    a == b || (a.is_empty() && b.is_empty() && a.to_wkt() == b.to_wkt())
}
