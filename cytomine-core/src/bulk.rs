//! Bulk save: items cut into chunks, each chunk one batch POST (or one POST per item for types
//! without batch create), chunks sent concurrently. Every item ends created (with its id), failed
//! (with the reason) or unknown (the request may or may not have been applied) — never lost,
//! never silently duplicated: a POST is retried only when it surely was not applied.

use futures::stream::{self, StreamExt};
use serde_json::Value;

use crate::client::Cytomine;
use crate::error::{Error, RequestInfo, Result};
use crate::http::decode::decode;
use crate::http::envelope::{batch_outcome, BatchOutcome};
use crate::http::request::Call;
use crate::http::response::may_have_been_applied;
use crate::http::Method;
use crate::resource::crud::{absorb, create_path, send_object};
use crate::resource::Resource;

/// Chunk size and concurrency of bulk saves. The concurrency defaults to the client's
/// ([`ClientBuilder::concurrency`](crate::ClientBuilder::concurrency)), which also bounds it: a
/// larger value here sends no more requests at once than the client allows.
///
/// ```
/// use cytomine_core::BulkOptions;
/// let o = BulkOptions::default().with_chunk_size(200).with_concurrency(8);
/// assert_eq!((o.chunk_size(), o.concurrency()), (200, 8));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkOptions {
    chunk_size: usize,
    /// `None`: the client's concurrency.
    concurrency: Option<usize>,
}

impl Default for BulkOptions {
    fn default() -> Self {
        BulkOptions {
            chunk_size: 100,
            concurrency: None,
        }
    }
}

impl BulkOptions {
    /// Items per batch request (at least 1; the Python client uses 15).
    pub fn with_chunk_size(mut self, n: usize) -> Self {
        self.chunk_size = n.max(1);
        self
    }
    /// Batch requests in flight at once (at least 1).
    pub fn with_concurrency(mut self, n: usize) -> Self {
        self.concurrency = Some(n.max(1));
        self
    }
    /// Items per batch request.
    pub fn chunk_size(&self) -> usize {
        self.chunk_size
    }
    /// Batch requests in flight at once (unless set, the client's default concurrency; on a
    /// connected client's [`Cytomine::bulk_options`], the client's concurrency).
    pub fn concurrency(&self) -> usize {
        self.concurrency
            .unwrap_or(crate::client::DEFAULT_CONCURRENCY)
    }

    /// These options, with the client's concurrency unless one was set.
    pub(crate) fn inherit(mut self, client_concurrency: usize) -> Self {
        self.concurrency.get_or_insert(client_concurrency.max(1));
        self
    }
}

/// What happened to one item of a bulk save.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemOutcome {
    /// Created, with its new id (also set on the item).
    Created(i64),
    /// Refused, not created: the server's reason.
    Failed(String),
    /// The request may or may not have been applied (connection lost after sending).
    Unknown(String),
}

/// The outcome of every item of a bulk save, in the order of the items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BulkReport {
    /// One outcome per item, same order as the collection.
    pub outcomes: Vec<ItemOutcome>,
}

impl BulkReport {
    /// `(index, id)` of each created item.
    pub fn created(&self) -> impl Iterator<Item = (usize, i64)> + '_ {
        self.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                ItemOutcome::Created(id) => Some((i, *id)),
                _ => None,
            })
    }
    /// `(index, reason)` of each failed item.
    pub fn failed(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                ItemOutcome::Failed(r) => Some((i, r.as_str())),
                _ => None,
            })
    }
    /// `(index, reason)` of each item whose fate is unknown.
    pub fn unknown(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                ItemOutcome::Unknown(r) => Some((i, r.as_str())),
                _ => None,
            })
    }
    /// Whether every item was created.
    pub fn is_complete(&self) -> bool {
        self.outcomes
            .iter()
            .all(|o| matches!(o, ItemOutcome::Created(_)))
    }
}

/// One chunk: the indices of its items, their path and JSON bodies.
struct Chunk {
    indices: Vec<usize>,
    path: String,
    bodies: Vec<Value>,
}

pub(crate) async fn save_all<R: Resource>(cm: &Cytomine, items: &mut [R]) -> Result<BulkReport> {
    let mut outcomes = vec![ItemOutcome::Unknown("not sent".into()); items.len()];
    let chunks = plan::<R>(items, cm.bulk_options().chunk_size(), &mut outcomes);
    let results: Vec<(Vec<usize>, Vec<ItemOutcome>)> = stream::iter(chunks)
        .map(|chunk| async move {
            let result = if R::BATCH_CREATE {
                post_batch(cm, &chunk).await
            } else {
                post_each::<R>(cm, &chunk).await
            };
            (chunk.indices, result)
        })
        .buffer_unordered(cm.bulk_options().concurrency())
        .collect()
        .await;
    for (indices, chunk_outcomes) in results {
        for (i, outcome) in indices.into_iter().zip(chunk_outcomes) {
            if let ItemOutcome::Created(id) = outcome {
                items[i].set_id(Some(id));
            }
            outcomes[i] = outcome;
        }
    }
    Ok(BulkReport { outcomes })
}

/// Groups items by create path, in chunks; items that cannot be serialized or placed fail here.
fn plan<R: Resource>(items: &[R], chunk_size: usize, outcomes: &mut [ItemOutcome]) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prepared = create_path(item).and_then(|path| {
            serde_json::to_value(item)
                .map(|body| (path, body))
                .map_err(|e| Error::Usage(e.to_string()))
        });
        let (path, body) = match prepared {
            Ok(p) => p,
            Err(e) => {
                outcomes[i] = ItemOutcome::Failed(e.to_string());
                continue;
            }
        };
        match chunks
            .iter_mut()
            .rev()
            .find(|c| c.path == path && c.indices.len() < chunk_size)
        {
            Some(chunk) => {
                chunk.indices.push(i);
                chunk.bodies.push(body);
            }
            None => chunks.push(Chunk {
                indices: vec![i],
                path,
                bodies: vec![body],
            }),
        }
    }
    chunks
}

/// The outcome of every item of a request that failed as a whole: unknown when the request may
/// have been applied, failed otherwise.
fn whole_request_failed(err: &Error, n: usize) -> Vec<ItemOutcome> {
    let outcome = if may_have_been_applied(err) {
        ItemOutcome::Unknown(err.to_string())
    } else {
        ItemOutcome::Failed(err.to_string())
    };
    vec![outcome; n]
}

async fn post_batch(cm: &Cytomine, chunk: &Chunk) -> Vec<ItemOutcome> {
    let n = chunk.indices.len();
    let body = match serde_json::to_vec(&chunk.bodies) {
        Ok(b) => b,
        Err(e) => return vec![ItemOutcome::Failed(e.to_string()); n],
    };
    let call = Call::api(Method::Post, chunk.path.clone()).json(body.into());
    let answer = match cm.transport().send(&call).await {
        Ok(a) => a,
        Err(err) => return whole_request_failed(&err, n),
    };
    batch_answer(&chunk.bodies, &answer.request, answer.status, &answer.body)
}

/// The outcome of each input from a batch answer's body; all unknown when it is unreadable.
pub(crate) fn batch_answer(
    inputs: &[Value],
    request: &RequestInfo,
    status: u16,
    body: &[u8],
) -> Vec<ItemOutcome> {
    let parsed: Result<Value> = decode(request, status, body);
    match parsed.ok().as_ref().and_then(batch_outcome) {
        Some(outcome) => assign(inputs, outcome),
        None => vec![
            ItemOutcome::Unknown("the server's answer to the batch is unreadable".into());
            inputs.len()
        ],
    }
}

/// Gives each input its outcome (docs/protocol.md §2.5). The server's answer has no item
/// index: its `errors` list the refused items in input order, each with the item as the
/// server saw it (`data`, which may carry keys the server added, e.g. `user`), and the
/// message lists the created ids in input order. So:
/// - each failure is matched to the first input not yet matched, after the previous match,
///   that its `data` agrees with (every non-null field of the input has the same value there);
/// - when the server saved nothing (body status 400, no id), every item failed: an unmatched
///   item takes the failure at its own position when there is one failure per item, else a
///   generic reason (the server does not list failures that are not Cytomine errors);
/// - the remaining items take the created ids in order, when the counts agree; otherwise they
///   stay unknown rather than guessed.
fn assign(inputs: &[Value], outcome: BatchOutcome) -> Vec<ItemOutcome> {
    let mut result: Vec<Option<ItemOutcome>> = vec![None; inputs.len()];
    let mut next = 0;
    for (echo, reason) in &outcome.failures {
        if let Some(i) = (next..inputs.len()).find(|&i| agrees(&inputs[i], echo)) {
            result[i] = Some(ItemOutcome::Failed(reason.clone()));
            next = i + 1;
        }
    }
    if outcome.status == 400 && outcome.created_ids.is_empty() {
        let one_each = outcome.failures.len() == inputs.len();
        for (i, r) in result.iter_mut().enumerate().filter(|(_, r)| r.is_none()) {
            let reason = match outcome.failures.get(i) {
                Some((_, reason)) if one_each => reason.clone(),
                _ => "the server saved no item of the batch".to_owned(),
            };
            *r = Some(ItemOutcome::Failed(reason));
        }
    }
    let open = result.iter().filter(|r| r.is_none()).count();
    if open == outcome.created_ids.len() {
        let mut ids = outcome.created_ids.into_iter();
        for r in result.iter_mut().filter(|r| r.is_none()) {
            *r = ids.next().map(ItemOutcome::Created);
        }
    }
    let mismatch = format!(
        "batch status {}: cannot tell which items were created",
        outcome.status
    );
    result
        .into_iter()
        .map(|r| r.unwrap_or_else(|| ItemOutcome::Unknown(mismatch.clone())))
        .collect()
}

/// Whether a refused item's `data`, as the server echoes it, is this input: every non-null
/// field of the input has the same value in the echo (the server may add fields).
fn agrees(input: &Value, echo: &Value) -> bool {
    match (input, echo) {
        (Value::Object(sent), Value::Object(seen)) => sent
            .iter()
            .filter(|(_, v)| !v.is_null())
            .all(|(k, v)| seen.get(k) == Some(v)),
        _ => input == echo,
    }
}

async fn post_each<R: Resource>(cm: &Cytomine, chunk: &Chunk) -> Vec<ItemOutcome> {
    let mut outcomes = Vec::with_capacity(chunk.bodies.len());
    for body in &chunk.bodies {
        let outcome = match serde_json::from_value::<R>(body.clone()) {
            Ok(mut item) => match send_object(cm, Method::Post, chunk.path.clone(), &item).await {
                Ok(answer) => match absorb(&mut item, answer) {
                    Ok(()) => item.id().map_or_else(
                        || ItemOutcome::Unknown("no id in the answer".into()),
                        ItemOutcome::Created,
                    ),
                    Err(e) => ItemOutcome::Unknown(e.to_string()),
                },
                Err(err) => whole_request_failed(&err, 1).remove(0),
            },
            Err(e) => ItemOutcome::Failed(e.to_string()),
        };
        outcomes.push(outcome);
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn assigns_ids_around_failures() {
        let inputs = vec![json!({"a": 1}), json!({"a": 2}), json!({"a": 3})];
        let outcome = BatchOutcome {
            status: 206,
            created_ids: vec![11, 13],
            failures: vec![(json!({"a": 2}), "bad".into())],
        };
        assert_eq!(
            assign(&inputs, outcome),
            vec![
                ItemOutcome::Created(11),
                ItemOutcome::Failed("bad".into()),
                ItemOutcome::Created(13)
            ]
        );
    }

    /// The server's echo carries fields it added (`user`, `sliceObject`...) and the error
    /// list is in input order (`ModelService.addMultiple`, cytomine/cytomine 0165ef76).
    #[test]
    fn failures_are_matched_by_their_data_in_order() {
        let item = |l: &str| json!({"location": l, "image": 7, "user": null});
        let inputs = vec![item("A"), item("B"), item("A"), item("C")];
        let echo = |l: &str| json!({"location": l, "image": 7, "user": 1, "sliceObject": {}});
        let outcome = BatchOutcome {
            status: 206,
            created_ids: vec![21, 23],
            failures: vec![(echo("B"), "bad B".into()), (echo("A"), "bad A".into())],
        };
        assert_eq!(
            assign(&inputs, outcome),
            vec![
                ItemOutcome::Created(21),
                ItemOutcome::Failed("bad B".into()),
                ItemOutcome::Failed("bad A".into()),
                ItemOutcome::Created(23)
            ]
        );
    }

    #[test]
    fn nothing_saved_fails_every_item() {
        let inputs = vec![json!({"a": 1}), json!({"a": 2})];
        let unreadable_echoes = BatchOutcome {
            status: 400,
            created_ids: vec![],
            failures: vec![(json!("?"), "one".into()), (json!("?"), "two".into())],
        };
        assert_eq!(
            assign(&inputs, unreadable_echoes),
            vec![
                ItemOutcome::Failed("one".into()),
                ItemOutcome::Failed("two".into())
            ]
        );
        let unlisted = BatchOutcome {
            status: 400,
            created_ids: vec![],
            failures: vec![],
        };
        assert!(assign(&inputs, unlisted)
            .iter()
            .all(|o| matches!(o, ItemOutcome::Failed(_))));
    }

    #[test]
    fn a_count_mismatch_is_unknown_not_guessed() {
        let inputs = vec![json!(1), json!(2)];
        let outcome = BatchOutcome {
            status: 200,
            created_ids: vec![5],
            failures: vec![],
        };
        assert!(assign(&inputs, outcome)
            .iter()
            .all(|o| matches!(o, ItemOutcome::Unknown(_))));
    }
}
