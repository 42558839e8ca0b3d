//! Fuzzing-only entry points (the `fuzz/` targets and the seed replay tests): each runs a body
//! through exactly the decoding path the client runs on a server's answer, with no network.
//! Not part of the supported API.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::bulk::{batch_answer, ItemOutcome};
use crate::collection::Collection;
use crate::error::{Error, RequestInfo, Result};
use crate::http::envelope::Page;
use crate::http::response::{decode, status_error};
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

/// `body` as one collection page of `T`, as `list().fetch` and the paging stream decode it.
pub fn page<T: DeserializeOwned>(body: &[u8]) -> Result<Collection<T>> {
    let page: Page<T> = decode(&request(), 200, body)?;
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
