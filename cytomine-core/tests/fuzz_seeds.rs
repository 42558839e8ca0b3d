//! Replays the committed fuzz seeds (`fuzz/corpus/decode_models` and `fuzz/corpus/envelopes`)
//! through the fuzz targets' own code, so that `cargo test` on stable exercises them.

use std::path::Path;

#[path = "../../fuzz/src/envelopes.rs"]
mod envelopes;
#[path = "../../fuzz/src/models.rs"]
mod models;

/// Every seed of a target's corpus, by file name.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
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
