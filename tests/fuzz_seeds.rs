//! Replays the committed fuzz seeds (`fuzz/corpus/<target>`) through the fuzz targets' own code,
//! so that `cargo test` on stable exercises them: `decode_models` and `envelopes` (the client's
//! decoding paths), `emulator_request` (the emulator's request handling) and `wkt` (the
//! emulator's WKT reading and writing).
//!
//! The seeds and the targets' code live in `fuzz/`, a workspace of its own beside this one. The
//! `cytomine` package does not ship its tests (its `include` list), so this test may read them
//! from there; no published package reads outside itself.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

#[path = "../fuzz/src/envelopes.rs"]
mod envelopes;
#[path = "../fuzz/src/models.rs"]
mod models;
#[path = "../fuzz/src/wkt.rs"]
mod wkt;

/// Every seed of a target's corpus, by file name.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().expect("a file name").to_string_lossy();
            (
                name.into_owned(),
                std::fs::read(&path).expect("a readable seed"),
            )
        })
        .collect();
    seeds.sort();
    seeds
}

#[test]
fn every_model_seed_decodes_without_a_panic() {
    let seeds = seeds("decode_models");
    let mut covered = std::collections::BTreeSet::new();
    for (name, bytes) in &seeds {
        let Some((selector, body)) = bytes.split_first() else {
            panic!("{name} is empty");
        };
        let model = models::MODELS[usize::from(*selector) % models::MODELS.len()];
        // Seeds are named `<Model>-<shape>`: the selector byte must still pick that model.
        assert_eq!(
            name.split('-').next(),
            Some(model),
            "{name}: selector {selector}"
        );
        covered.insert(model);
        models::decode(*selector, body);
    }
    let missing: Vec<_> = models::MODELS
        .iter()
        .filter(|m| !covered.contains(*m))
        .collect();
    assert!(missing.is_empty(), "no seed for {missing:?}");
}

#[test]
fn every_envelope_seed_runs_without_a_panic() {
    let seeds = seeds("envelopes");
    assert!(seeds.len() >= 8, "only {} seeds", seeds.len());
    for (_, bytes) in &seeds {
        envelopes::check(bytes);
    }
}

/// Set by a panic on one of tokio's threads: the emulator runs image handlers on its blocking
/// threads and turns their panics into a 500 page, which the answers alone would not show.
static TOKIO_PANICKED: AtomicBool = AtomicBool::new(false);

#[test]
fn every_emulator_request_seed_runs_without_a_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let name = std::thread::current().name().map(str::to_owned);
        if name.is_some_and(|n| n.starts_with("tokio")) {
            TOKIO_PANICKED.store(true, Ordering::SeqCst);
        }
        previous(info);
    }));
    let seeds = seeds("emulator_request");
    assert!(seeds.len() >= 10, "only {} seeds", seeds.len());
    for (name, bytes) in &seeds {
        let answers = cytomine_emulator::fuzzing::run(bytes);
        assert!(!answers.is_empty(), "{name}: no request was answered");
        assert!(!TOKIO_PANICKED.load(Ordering::SeqCst), "{name} panicked");
    }
}

#[test]
fn every_wkt_seed_round_trips() {
    let seeds = seeds("wkt");
    assert!(seeds.len() >= 7, "only {} seeds", seeds.len());
    for (name, bytes) in &seeds {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        wkt::round_trip(text);
    }
}
