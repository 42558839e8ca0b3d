//! Fuzzing-only entry points (the `fuzz/` targets and the seed replay tests): each runs a body
//! through exactly the decoding path the client runs on a server's answer, with no network.
//! Not part of the supported API.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::bulk::{batch_answer, ItemOutcome};
use crate::collection::Collection;
use crate::error::{Error, RequestInfo, Result};
use crate::http::decode::decode;
use crate::http::page_reader::PageReader;
use crate::http::response::status_error;
use crate::resource::crud::{absorb, command_answer};
use crate::resource::Resource;

/// The request every fuzzed answer pretends to answer.
fn request() -> RequestInfo {
    RequestInfo {
        method: "GET".into(),
        url: "http://fuzz.invalid/api/fuzz.json".into(),
    }
}

/// `body` as one `T`, as `Fetch::fetch` and `Cytomine::get` decode a 200 answer.
pub fn object<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    decode(&request(), 200, body)
}

/// `body` as one collection page of `T`, as `list().fetch` and the paging stream decode it:
/// through the reader that decodes a page while it arrives, here in chunks of 1, 3, 17, 64 and
/// 251 bytes in turn.
pub fn page<T: DeserializeOwned>(body: &[u8]) -> Result<Collection<T>> {
    let mut cuts = Vec::new();
    let mut at = 0;
    for step in [1, 3, 17, 64, 251].into_iter().cycle() {
        at += step;
        if at >= body.len() {
            break;
        }
        cuts.push(at);
    }
    page_cut(body, &cuts)
}

/// `body` as one collection page of `T`, received in the chunks that the ascending byte
/// offsets `cuts` make (offsets out of order or past the end are ignored).
pub fn page_cut<T: DeserializeOwned>(body: &[u8], cuts: &[usize]) -> Result<Collection<T>> {
    let mut reader = PageReader::new(request(), 200);
    let mut from = 0;
    for &cut in cuts.iter().chain([&body.len()]) {
        if cut >= from && cut <= body.len() {
            reader.feed(&body[from..cut])?;
            from = cut;
        }
    }
    let page = reader.finish()?;
    Ok(Collection::with_total(page.collection, page.size))
}

/// Merges the object of a create/update answer `body` into `local`, as `Create::save` and
/// `Update::update` do (classic envelope key, else the 2026 `data` key).
pub fn command<R: Resource>(local: &mut R, body: &[u8]) -> Result<()> {
    let answer = command_answer::<R>(request(), 200, body)?;
    absorb(local, answer)
}

/// The outcome a bulk save gives each of `inputs` when a batch POST answers `body`.
pub fn batch(inputs: &[Value], body: &[u8]) -> Vec<ItemOutcome> {
    batch_answer(inputs, &request(), 200, body)
}

/// The error a non-success `status` with `body` becomes.
pub fn status(status: u16, body: &[u8]) -> Error {
    status_error(request(), status, body)
}
