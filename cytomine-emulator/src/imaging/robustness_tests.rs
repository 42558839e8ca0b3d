//! Property-style robustness tests: random and mutated inputs must never
//! panic `probe`, `render` or `parse_wkt`; they may only return errors.

use super::*;
use crate::geometry::{parse_wkt, Geometry};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Above this many pixels a random header is only probed, not rendered, so
/// that the tests stay fast (the limits themselves are tested elsewhere).
const RENDER_PIXELS: u64 = 4_000_000;

const FORMATS: [Format; 4] = [Format::Png, Format::Jpeg, Format::Webp, Format::Tiff];

fn random_adjust(rng: &mut StdRng) -> Adjust {
    let odd = [f64::NAN, f64::INFINITY, -1.0, 0.0, 1e300, 0.5, 2.0];
    let number = |rng: &mut StdRng| match rng.random_range(0..3) {
        0 => None,
        1 => Some(odd[rng.random_range(0..odd.len())]),
        _ => Some(rng.random_range(-3.0..5.0)),
    };
    Adjust {
        contrast: number(rng),
        gamma: number(rng),
        inverse: rng.random(),
        colormap: ["jet", "grey", "viridis", "??", ""]
            .get(rng.random_range(0..7))
            .map(|s| s.to_string()),
        bits: rng.random_bool(0.5).then(|| rng.random()),
    }
}

fn random_region(rng: &mut StdRng) -> Option<Region> {
    let side = |rng: &mut StdRng| match rng.random_range(0..4) {
        0 => 0,
        1 => u32::MAX,
        _ => rng.random_range(0..300),
    };
    rng.random_bool(0.7).then(|| Region {
        x: side(rng),
        y: side(rng),
        w: side(rng),
        h: side(rng),
    })
}

/// Renders with random parameters; any outcome but a panic is fine. Returns
/// whether it succeeded, so tests can check both outcomes happen.
fn render_randomly(rng: &mut StdRng, src: &Source, geometry: &Geometry) -> bool {
    let overlay = match rng.random_range(0..3) {
        0 => Overlay::None,
        1 => Overlay::Mask(geometry),
        _ => Overlay::AlphaMask(geometry),
    };
    let max = Some(rng.random_range(0..=64));
    let format = FORMATS[rng.random_range(0..4)];
    let (region, adjust) = (random_region(rng), random_adjust(rng));
    render(src, region, max, format, &adjust, overlay).is_ok()
}

fn renderable(bytes: &[u8]) -> bool {
    probe(bytes).is_some_and(|i| u64::from(i.width) * u64::from(i.height) <= RENDER_PIXELS)
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = StdRng::seed_from_u64(1);
    let magics: [&[u8]; 6] = [
        b"",
        b"\x89PNG\r\n\x1a\n",
        b"\xFF\xD8",
        b"II*\0",
        b"MM\0*",
        b"RIFF\0\0\0\0WEBP",
    ];
    let square =
        parse_wkt("POLYGON ((0 0, 0 50, 50 50, 50 0, 0 0))").unwrap_or(Geometry::from_geo(
            geo::Geometry::GeometryCollection(geo::GeometryCollection(vec![])),
        ));
    for _ in 0..3000 {
        let mut bytes = magics[rng.random_range(0..magics.len())].to_vec();
        let len = rng.random_range(0..300);
        bytes.extend((0..len).map(|_| rng.random::<u8>()));
        let _ = probe(&bytes);
        if renderable(&bytes) {
            render_randomly(&mut rng, &Source::Encoded(&bytes), &square);
        }
    }
}

#[test]
fn mutated_images_never_panic() {
    let mut rng = StdRng::seed_from_u64(2);
    let tri = parse_wkt("POLYGON ((0 0, 60 0, 0 40, 0 0))").unwrap_or(Geometry::from_geo(
        geo::Geometry::GeometryCollection(geo::GeometryCollection(vec![])),
    ));
    let mut outcomes = [0u32; 2];
    for format in FORMATS {
        let original = demo_image(64, 48, format, 7);
        for _ in 0..150 {
            let mut bytes = original.clone();
            match rng.random_range(0..3) {
                0 => bytes.truncate(rng.random_range(0..original.len())),
                1 => {
                    for _ in 0..rng.random_range(1..9) {
                        let at = rng.random_range(0..bytes.len());
                        bytes[at] = rng.random();
                    }
                }
                _ => {
                    let at = rng.random_range(0..bytes.len());
                    let junk: Vec<u8> =
                        (0..rng.random_range(1..64)).map(|_| rng.random()).collect();
                    bytes.splice(at..at, junk);
                }
            }
            let _ = probe(&bytes);
            if renderable(&bytes) {
                outcomes[usize::from(render_randomly(&mut rng, &Source::Encoded(&bytes), &tri))] +=
                    1;
            }
        }
    }
    assert!(
        outcomes.iter().all(|&n| n > 20),
        "both errors and successes: {outcomes:?}"
    );
}

#[test]
fn random_synthetic_parameters_never_panic() {
    let mut rng = StdRng::seed_from_u64(3);
    let shapes = [
        "POLYGON ((0 0, 1e300 0, 0 1e300, 0 0))",
        "MULTIPOLYGON (((-5 -5, 5 -5, 5 5, -5 -5)), ((0 0, 0 0, 0 0, 0 0)))",
        "LINESTRING (0 0, 100 100)",
        "GEOMETRYCOLLECTION EMPTY",
    ];
    let geometries: Vec<Geometry> = shapes.iter().filter_map(|s| parse_wkt(s).ok()).collect();
    assert_eq!(geometries.len(), shapes.len());
    let mut outcomes = [0u32; 2];
    for _ in 0..400 {
        let side = |rng: &mut StdRng| match rng.random_range(0..4) {
            0 => 0,
            1 => u32::MAX,
            _ => rng.random_range(1..100_000),
        };
        let src = Source::Synthetic {
            width: side(&mut rng),
            height: side(&mut rng),
            seed: rng.random(),
        };
        let geometry = &geometries[rng.random_range(0..geometries.len())];
        outcomes[usize::from(render_randomly(&mut rng, &src, geometry))] += 1;
    }
    assert!(
        outcomes.iter().all(|&n| n > 20),
        "both errors and successes: {outcomes:?}"
    );
}

#[test]
fn random_wkt_never_panics() {
    let mut rng = StdRng::seed_from_u64(4);
    let tokens = [
        "POINT",
        "LINESTRING",
        "POLYGON",
        "MULTIPOINT",
        "MULTILINESTRING",
        "MULTIPOLYGON",
        "GEOMETRYCOLLECTION",
        "EMPTY",
        "Z",
        "M",
        "(",
        "(",
        ")",
        ")",
        ",",
        " ",
        "0",
        "1",
        "-2.5",
        "1e308",
        "1e999",
        "nan",
        ".",
        "é",
        "\u{0}",
        "+",
        "e",
    ];
    let valid = "GEOMETRYCOLLECTION (POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0)), POINT (1 2))";
    let mut parsed = 0;
    for i in 0..5000 {
        let text: String = if i % 3 == 0 {
            let bytes: Vec<u8> = valid
                .bytes()
                .map(|b| {
                    if rng.random_bool(0.03) {
                        rng.random()
                    } else {
                        b
                    }
                })
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            (0..rng.random_range(0..40))
                .map(|_| tokens[rng.random_range(0..tokens.len())])
                .collect()
        };
        if let Ok(g) = parse_wkt(&text) {
            parsed += 1;
            let again = parse_wkt(&g.to_wkt());
            assert!(again.is_ok(), "{text:?} wrote {:?}", g.to_wkt());
            let _ = (g.area(), g.length(), g.centroid(), g.bbox(), g.is_empty());
            let _ = (
                g.contains_point(1.0, 1.0),
                g.intersects_bbox((0.0, 0.0, 5.0, 5.0)),
            );
        }
    }
    assert!(
        parsed > 50 && parsed < 4950,
        "some texts parse, most do not: {parsed}"
    );
}
