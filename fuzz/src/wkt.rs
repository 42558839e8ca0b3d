//! The emulator's WKT reading (the `wkt` crate plus JTS's structural rules) against its
//! JTS-style writer: whatever parses is written as text that parses again and writes back
//! identically, with the same bounding box up to the writer's 16 fraction digits.

use cytomine_emulator::geometry::parse_wkt;

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
    assert_eq!(
        again.to_wkt(),
        written,
        "writing is not stable for {text:?}"
    );
    assert_eq!(
        again.is_empty(),
        geometry.is_empty(),
        "{text:?} -> {written:?}"
    );
    let _ = (
        geometry.area(),
        geometry.length(),
        geometry.centroid(),
        geometry.bbox(),
    );
}
