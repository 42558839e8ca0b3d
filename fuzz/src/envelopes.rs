//! Batch outcomes and error messages on any body. Shared by the `envelopes` fuzz target and
//! `cytomine-core`'s seed replay test (`#[path]`-included there).

use cytomine_core::{fuzzing, ItemOutcome};
use serde_json::{json, Value};

/// The first byte: how many items the batch held (low nibble) and, with the second byte, the
/// status of an error answer; the rest is the body, read both as a batch answer and as the
/// body of an error. A bulk save accounts for every item, with created ids that the body lists.
pub fn check(data: &[u8]) {
    let [count, status_low, body @ ..] = data else {
        return;
    };
    let inputs: Vec<Value> = (0..count & 0x0f).map(|i| json!({"i": i})).collect();
    let outcomes = fuzzing::batch(&inputs, body);
    assert_eq!(outcomes.len(), inputs.len(), "an item without outcome");
    let text = String::from_utf8_lossy(body);
    for outcome in &outcomes {
        if let ItemOutcome::Created(id) = outcome {
            assert!(text.contains(&id.to_string()), "id {id} is not in the body");
        }
    }
    let status = 400 + u16::from(count >> 4) * 16 + u16::from(*status_low & 0x0f);
    let error = fuzzing::status(status, body);
    let _ = format!("{error} {error:?}");
    page_agrees(
        body,
        &[
            usize::from(*count),
            usize::from(*count) + usize::from(*status_low),
        ],
    );
}

/// The page envelope as serde reads it whole.
#[derive(serde::Deserialize)]
struct WholePage {
    collection: Vec<Value>,
    #[serde(default)]
    size: Option<u64>,
}

/// The client reads a page cut into chunks at `cuts` exactly as serde reads the whole body:
/// the same items and total, or an error from both. Two known differences: serde's nesting
/// limit counts from the body's root and the reader's from each item, so an item nested ~128
/// deep may pass only through the reader; and serde also takes a struct written as an array
/// (`[[items], size]`), which no server sends and the reader refuses.
fn page_agrees(body: &[u8], cuts: &[usize]) {
    let ours = fuzzing::page_cut::<Value>(body, cuts);
    match (serde_json::from_slice::<WholePage>(body), ours) {
        (Ok(whole), Ok(page)) => {
            assert_eq!(page.total(), whole.size, "a different total");
            assert_eq!(page.into_vec(), whole.collection, "different items");
        }
        (Err(_), Err(_)) => {}
        (Err(e), Ok(_)) if e.to_string().contains("recursion limit") => {}
        (Ok(_), Err(_)) if body.trim_ascii_start().starts_with(b"[") => {}
        (whole, ours) => panic!(
            "serde and the page reader disagree: {:?} against {:?}",
            whole.map(|p| p.collection.len()),
            ours.map(|p| p.len())
        ),
    }
}
