//! CRUD, written once for every resource: build the path from the templates, send, unwrap the
//! envelope, merge the server's answer into the object.

use serde_json::Value;

use super::{render, KeyParts, Resource};
use crate::client::{decode_or_null, Cytomine};
use crate::error::{Error, RequestInfo, Result};
use crate::http::decode::{decode, decode_value};
use crate::http::envelope::command_object;
use crate::http::request::Call;
use crate::http::Method;

/// The item path of the item with this key.
pub(crate) fn key_path<R: Resource>(key: &R::Key) -> Result<String> {
    let parts = key.parts();
    render(R::ITEM_PATH, &[], |name| {
        R::KEY_NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|i| parts.get(i).cloned())
    })
}

/// The item path of an object, from its own fields.
pub(crate) fn item_path<R: Resource>(object: &R) -> Result<String> {
    render(R::ITEM_PATH, &[], |name| object.path_param(name))
}

/// The create path of an object, from its own fields.
pub(crate) fn create_path<R: Resource>(object: &R) -> Result<String> {
    render(R::CREATE_PATH, &[], |name| object.path_param(name))
}

pub(crate) async fn fetch<R: Resource>(cm: &Cytomine, key: R::Key) -> Result<R> {
    get_object(cm, key_path::<R>(&key)?).await
}

/// Each key with its item or its error, in order, at most the client's concurrency at a time.
pub(crate) async fn fetch_many<R: Resource>(
    cm: &Cytomine,
    keys: Vec<R::Key>,
) -> Vec<(R::Key, Result<R>)> {
    use futures::StreamExt;
    futures::stream::iter(keys)
        .map(|key| {
            let path = key_path::<R>(&key);
            async move {
                let result = match path {
                    Ok(path) => get_object(cm, path).await,
                    Err(err) => Err(err),
                };
                (key, result)
            }
        })
        .buffered(cm.concurrency())
        .collect()
        .await
}

pub(crate) async fn refresh<R: Resource>(cm: &Cytomine, object: &mut R) -> Result<()> {
    *object = get_object(cm, item_path(object)?).await?;
    Ok(())
}

pub(crate) async fn get_object<R: Resource>(cm: &Cytomine, path: String) -> Result<R> {
    let answer = cm.transport().send(&Call::api(Method::Get, path)).await?;
    decode(&answer.request, answer.status, &answer.body)
}

pub(crate) async fn save<R: Resource>(cm: &Cytomine, object: &mut R) -> Result<()> {
    if object.id().is_some() && R::OPERATIONS.update {
        return update(cm, object).await;
    }
    let path = create_path(object)?;
    let answer = send_object(cm, Method::Post, path, object).await?;
    absorb(object, answer)
}

pub(crate) async fn update<R: Resource>(cm: &Cytomine, object: &mut R) -> Result<()> {
    require_id(object, "update")?;
    let path = item_path(object)?;
    let answer = send_object(cm, Method::Put, path, object).await?;
    absorb(object, answer)
}

pub(crate) async fn update_with<R: Resource>(
    cm: &Cytomine,
    object: &mut R,
    changes: Value,
) -> Result<()> {
    let Value::Object(changes) = changes else {
        return Err(Error::usage(
            "update_with takes a JSON object of attributes",
        ));
    };
    let mut current = to_value(object)?;
    if let Value::Object(map) = &mut current {
        map.extend(changes);
    }
    *object = serde_json::from_value(current).map_err(|e| {
        Error::usage(format!(
            "update_with: the changes do not fit `{}`: {e}",
            R::PATH
        ))
    })?;
    update(cm, object).await
}

pub(crate) async fn delete<R: Resource>(cm: &Cytomine, object: &R) -> Result<()> {
    delete_path(cm, item_path(object)?).await
}

pub(crate) async fn delete_by_key<R: Resource>(cm: &Cytomine, key: R::Key) -> Result<()> {
    delete_path(cm, key_path::<R>(&key)?).await
}

async fn delete_path(cm: &Cytomine, path: String) -> Result<()> {
    let answer = cm
        .transport()
        .send(&Call::api(Method::Delete, path))
        .await?;
    decode_or_null(&answer).map(drop)
}

fn require_id<R: Resource>(object: &R, op: &str) -> Result<()> {
    let composite = R::KEY_NAMES != ["id"];
    if object.id().is_none() && !composite {
        return Err(Error::usage(format!(
            "cannot {op} a `{}` that has no id",
            R::PATH
        )));
    }
    Ok(())
}

/// A command answer: the request, and the object under the envelope key.
pub(crate) struct CommandAnswer {
    pub(crate) request: RequestInfo,
    pub(crate) object: Option<Value>,
}

pub(crate) async fn send_object<R: Resource>(
    cm: &Cytomine,
    method: Method,
    path: String,
    object: &R,
) -> Result<CommandAnswer> {
    let body = serde_json::to_vec(object)
        .map_err(|e| Error::usage(format!("cannot serialize `{}`: {e}", R::PATH)))?;
    let answer = cm
        .transport()
        .send(&Call::api(method, path).json(body.into()))
        .await?;
    command_answer::<R>(answer.request, answer.status, &answer.body)
}

/// Reads a command answer's body: the object under `R`'s envelope key or `data`.
pub(crate) fn command_answer<R: Resource>(
    request: RequestInfo,
    status: u16,
    body: &[u8],
) -> Result<CommandAnswer> {
    let value: Value = decode(&request, status, body)?;
    Ok(CommandAnswer {
        request,
        object: command_object(value, R::ENVELOPE_KEY),
    })
}

/// Merges the server's object into `object`: attributes the server sent (with a value) replace
/// local ones, local-only attributes stay.
pub(crate) fn absorb<R: Resource>(object: &mut R, answer: CommandAnswer) -> Result<()> {
    let Some(Value::Object(server)) = answer.object else {
        let reason = format!(
            "no object under `{}` or `data` in the answer",
            R::ENVELOPE_KEY
        );
        return Err(Error::decode(
            &answer.request,
            200,
            ".",
            reason,
            String::new(),
        ));
    };
    // Read the server's object as `R` first, so that its wire names (`ontologyId` on 2026
    // servers, `ontology` on classic ones) become the model's own before the merge.
    let from_server: R = decode_value(&answer.request, R::ENVELOPE_KEY, Value::Object(server))?;
    let mut current = to_value(object)?;
    if let (Value::Object(map), Value::Object(server)) = (&mut current, to_value(&from_server)?) {
        map.extend(server);
    }
    *object = decode_value(&answer.request, R::ENVELOPE_KEY, current)?;
    Ok(())
}

fn to_value<R: Resource>(object: &R) -> Result<Value> {
    serde_json::to_value(object)
        .map_err(|e| Error::usage(format!("cannot serialize `{}`: {e}", R::PATH)))
}
