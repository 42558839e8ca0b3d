//! `cargo run --release -p cytomine-bench --example listing_decode [-- ITEMS ROUNDS]`: the CPU
//! that decoding an annotation listing with WKT costs, step by step, with no network and no
//! server: where the client's CPU per 1,000 annotations listed goes.
//!
//! The items are those the emulator answers to `Annotation::list().project(p).show_basic(true)
//! .show_meta(true).show_wkt(true)` (the W3 and L2 listings of the harness). Each step decodes
//! every item `ROUNDS` times and prints the process CPU per 1,000 items:
//!
//! - `syntax`: serde_json checks each item's syntax and builds nothing (`IgnoredAny`);
//! - `value`: each item into a `serde_json::Value`;
//! - `annotation`: each item into an `Annotation`, dropped at once (the decode `stream` does);
//! - `annotation kept`: each item into an `Annotation` kept in a `Vec` that is dropped at the end
//!   (the decode `fetch` does).

use std::hint::black_box;

use cytomine_models::Annotation;
use nix::sys::resource::{getrusage, UsageWho};
use serde::de::IgnoredAny;

/// One listing item as the emulator writes it for the `basic`, `meta` and `wkt` columns.
fn item(id: u64) -> String {
    let (x, y) = ((id % 300) * 10, (id / 300 % 300) * 10);
    let (a, b) = (x + 8, y + 8);
    let server = "http://127.0.0.1:40000";
    let crop = format!("{server}/api/userannotation/{id}/crop.png");
    serde_json::json!({
        "class": "be.cytomine.domain.ontology.UserAnnotation",
        "id": id,
        "created": 1_764_800_000_000_i64 + id as i64,
        "updated": 1_764_800_000_000_i64 + id as i64,
        "image": 57,
        "slice": 58,
        "project": 53,
        "user": 2,
        "nbComments": 0,
        "countReviewedAnnotations": 0,
        "reviewed": false,
        "cropURL": crop,
        "smallCropURL": format!("{crop}?maxSize=256"),
        "url": crop,
        "imageURL": format!("{server}/#/project/53/image/57/annotation/{id}"),
        "location": format!("POLYGON (({x} {y}, {a} {y}, {a} {b}, {x} {b}, {x} {y}))"),
        "geometryCompression": 0.0,
    })
    .to_string()
}

/// User + system CPU seconds of this process so far.
fn cpu_s() -> f64 {
    getrusage(UsageWho::RUSAGE_SELF).map_or(0.0, |u| {
        let t = |tv: nix::sys::time::TimeVal| tv.tv_sec() as f64 + tv.tv_usec() as f64 / 1e6;
        t(u.user_time()) + t(u.system_time())
    })
}

/// Runs `step` `rounds` times and prints its CPU per 1,000 items.
fn measure(name: &str, items: usize, rounds: usize, mut step: impl FnMut()) {
    step();
    let start = cpu_s();
    for _ in 0..rounds {
        step();
    }
    let ms = (cpu_s() - start) * 1e3 / (rounds * items) as f64 * 1000.0;
    println!("{name:<18} {ms:>7.3} ms CPU per 1,000 items");
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let items = args.next().and_then(Result::ok).unwrap_or(20_000);
    let rounds = args.next().and_then(Result::ok).unwrap_or(20);
    let bodies: Vec<String> = (0..items as u64).map(|i| item(1_000 + i)).collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    println!(
        "{items} items of {} bytes on average, {rounds} rounds",
        bytes / items
    );
    measure("syntax", items, rounds, || {
        for body in &bodies {
            let _: IgnoredAny = serde_json::from_slice(body.as_bytes()).expect("syntax");
        }
    });
    measure("value", items, rounds, || {
        for body in &bodies {
            let v: serde_json::Value = serde_json::from_slice(body.as_bytes()).expect("value");
            black_box(v);
        }
    });
    measure("annotation", items, rounds, || {
        for body in &bodies {
            let a: Annotation = serde_json::from_slice(body.as_bytes()).expect("annotation");
            black_box(a);
        }
    });
    measure("annotation kept", items, rounds, || {
        let kept: Vec<Annotation> = bodies
            .iter()
            .map(|body| serde_json::from_slice(body.as_bytes()).expect("annotation"))
            .collect();
        black_box(kept);
    });
}
