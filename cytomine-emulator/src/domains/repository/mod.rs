//! The 2026 "repository" format of the ten migrated domains (docs/protocol.md §2.7), written once over
//! the classic [`Domain`] plumbing: a migrated domain only says how its record looks
//! ([`Migrated`]); reading, paging, the `HttpCommandResponse`, partial updates and soft deletes
//! live here.

mod records;
mod role;

pub(crate) use role::role_record;

use serde_json::{json, Map, Value};

use super::crud::{self, Domain};
use super::json::Body;
use crate::http::call::Call;
use crate::http::fail::{Fail, FailKind, Outcome};
use crate::http::iso_time::iso;
use crate::http::paging::spring_paged;
use crate::http::problem::problem;
use crate::http::reply::Reply;
use crate::keys::random_uuid;
use crate::store::{Meta, State};

/// What a migrated domain adds to [`Domain`] to be served in the repository format.
pub(crate) trait Migrated: Domain {
    /// The `dataType` discriminator, e.g. `ONTOLOGY`.
    const DATA_TYPE: &'static str;
    /// The noun of `Unable to find <noun> with id: N`.
    const NOUN: &'static str;
    /// The name inside `be.cytomine.{Add,Edit,Delete}<name>Command`.
    const COMMAND: &'static str;
    /// Body names of the repository DTOs and the classic names `build` reads, as
    /// `(repository, classic)`; either spelling is accepted.
    const ALIASES: &'static [(&'static str, &'static str)] = &[];
    /// Fields a create fails without (the repository then crashes: 500).
    const CREATE_REQUIRED: &'static [&'static str] = &[];
    /// Fields an update fails without.
    const UPDATE_REQUIRED: &'static [&'static str] = &[];
    /// The record's own fields; `created`, `updated`, `deleted` and `dataType` are added to them.
    fn record(&self, state: &State, call: &Call) -> Map<String, Value>;
    /// Why this record may never be deleted (a 403), if so.
    fn undeletable(&self) -> Option<String> {
        None
    }
    /// Checks and cascades of a soft delete; records deleted along push their command to `subs`.
    fn soft_remove(
        call: &Call,
        state: &mut State,
        id: i64,
        _subs: &mut Vec<Value>,
    ) -> Result<(), Fail> {
        Self::remove(call, state, id)
    }
}

/// Add the audit times (ISO), `deleted` and `dataType` to a record's fields.
pub(crate) fn stamp(
    mut record: Map<String, Value>,
    meta: &Meta,
    deleted: Option<i64>,
    data_type: &str,
) -> Value {
    record.insert("created".into(), iso(meta.created).into());
    record.insert("updated".into(), iso(meta.updated).into());
    record.insert("deleted".into(), deleted.map(iso).into());
    record.insert("dataType".into(), data_type.into());
    Value::Object(record)
}

/// The full repository record of `rec`.
pub(crate) fn record_view<T: Migrated>(
    rec: &T,
    state: &State,
    call: &Call,
    deleted: Option<i64>,
) -> Value {
    stamp(rec.record(state, call), rec.meta(), deleted, T::DATA_TYPE)
}

/// The 404 ProblemDetail of a missing, unreadable or deleted record.
pub(crate) fn unable<T: Migrated>(call: &Call, raw: &str) -> Reply {
    let detail = format!("Unable to find {} with id: {raw}", T::NOUN);
    problem(404, &detail, &call.path)
}

/// A path id that is not a number: Spring's type mismatch (400 ProblemDetail).
fn mismatch(call: &Call, raw: &str) -> Reply {
    let detail = format!("Failed to convert 'id' with value: '{raw}'");
    problem(400, &detail, &call.path)
}

/// How a refusal of `build` or `remove` reaches the client: core folds "no permission" and
/// "not found" into the 404 ProblemDetail; anything the repository rejects otherwise makes core's
/// HTTP client throw, unhandled: the 500 HTML page.
fn refused<T: Migrated>(call: &Call, raw: &str, fail: &Fail) -> Reply {
    match fail.kind() {
        FailKind::Forbidden | FailKind::NotFound => unable::<T>(call, raw),
        _ => Reply::error_page(500),
    }
}

/// An `HttpCommandResponse` as JSON.
fn command<T: Migrated>(verb: &str, data: Value, subs: Vec<Value>) -> Value {
    json!({
        "printMessage": true,
        "data": data,
        "commandId": random_uuid(),
        "command": format!("be.cytomine.{verb}{}Command", T::COMMAND),
        "subCommands": subs,
    })
}

/// Copy repository body names onto the classic names (the classic spelling wins when both are sent).
fn normalize<T: Migrated>(body: &mut Body) {
    for (repo, classic) in T::ALIASES {
        if body.get(*classic).is_none_or(|v| v.is_null()) {
            if let Some(v) = body.get(*repo).cloned() {
                body.insert((*classic).to_owned(), v);
            }
        }
    }
}

fn require(body: &Body, keys: &[&str]) -> Result<(), Fail> {
    match keys
        .iter()
        .find(|k| body.get(**k).is_none_or(Value::is_null))
    {
        Some(k) => Err(Fail::bad(format!("{k} must be set"))),
        None => Ok(()),
    }
}

/// `GET x/{id}.json`: the record, or a 404 ProblemDetail.
pub(crate) fn get<T: Migrated>(call: &Call, state: &State, id: Option<i64>, raw: &str) -> Outcome {
    if id.is_none() {
        return Ok(mismatch(call, raw));
    }
    Ok(match crud::find::<T>(call, state, id, raw) {
        Ok(rec) => Reply::json(200, &record_view(rec, state, call, None)),
        Err(_) => unable::<T>(call, raw),
    })
}

/// A collection page of records, paged by `page`/`size`.
pub(crate) fn list<T: Migrated>(call: &Call, state: &State, items: Vec<&T>) -> Outcome {
    Ok(spring_paged(call, items, |r| {
        record_view(r, state, call, None)
    }))
}

/// `POST x.json` with one object (an array is a 400), first completed by `fill`.
pub(crate) fn post<T: Migrated>(
    call: &Call,
    state: &mut State,
    fill: impl Fn(&mut Body),
) -> Outcome {
    let mut body = call.json_object()?;
    normalize::<T>(&mut body);
    fill(&mut body);
    let created =
        require(&body, T::CREATE_REQUIRED).and_then(|()| crud::create_one::<T>(call, state, &body));
    let Ok(id) = created else {
        return Ok(Reply::error_page(500));
    };
    let Some(rec) = T::table(state).get(id) else {
        return Ok(Reply::error_page(500));
    };
    let data = record_view(rec, state, call, None);
    Ok(Reply::json(200, &command::<T>("Add", data, Vec::new())))
}

/// `PUT x/{id}.json`: a partial update of the record named by the path.
pub(crate) fn put<T: Migrated>(
    call: &Call,
    state: &mut State,
    id: Option<i64>,
    raw: &str,
) -> Outcome {
    if id.is_none() {
        return Ok(mismatch(call, raw));
    }
    let mut body = call.json_object()?;
    normalize::<T>(&mut body);
    let (id, mut merged) = match crud::find::<T>(call, state, id, raw) {
        Ok(old) => match old.view(state, call) {
            Value::Object(m) => (old.meta().id, m),
            _ => (old.meta().id, Map::new()),
        },
        Err(_) => return Ok(unable::<T>(call, raw)),
    };
    if require(&body, T::UPDATE_REQUIRED).is_err() {
        return Ok(Reply::error_page(500));
    }
    body.remove("id");
    merged.extend(body);
    if let Err(f) = crud::replace_one::<T>(call, state, id, &merged) {
        return Ok(refused::<T>(call, raw, &f));
    }
    let Some(rec) = T::table(state).get(id) else {
        return Ok(Reply::error_page(500));
    };
    let data = record_view(rec, state, call, None);
    Ok(Reply::json(200, &command::<T>("Edit", data, Vec::new())))
}

/// `DELETE x/{id}.json`: a soft delete; the answer holds the record with `deleted` set.
pub(crate) fn delete<T: Migrated>(
    call: &Call,
    state: &mut State,
    id: Option<i64>,
    raw: &str,
) -> Outcome {
    if id.is_none() {
        return Ok(mismatch(call, raw));
    }
    let id = match crud::find::<T>(call, state, id, raw) {
        Ok(rec) => match rec.undeletable() {
            Some(why) => return Ok(problem(403, &why, &call.path)),
            None => rec.meta().id,
        },
        Err(_) => return Ok(unable::<T>(call, raw)),
    };
    Ok(match soft_delete::<T>(call, state, id) {
        Ok(answer) => Reply::json(200, &answer),
        Err(f) => refused::<T>(call, raw, &f),
    })
}

/// Soft-delete record `id`: its command response (with the records deleted along as
/// sub-commands). Later reads no longer find it, as the repository filters `deleted` rows out.
pub(crate) fn soft_delete<T: Migrated>(
    call: &Call,
    state: &mut State,
    id: i64,
) -> Result<Value, Fail> {
    let Some(rec) = T::table(state).get(id) else {
        return Err(T::not_found(&id.to_string()));
    };
    let mut meta = *rec.meta();
    meta.updated = call.now;
    let data = stamp(rec.record(state, call), &meta, Some(call.now), T::DATA_TYPE);
    let mut subs = Vec::new();
    T::soft_remove(call, state, id, &mut subs)?;
    T::table_mut(state).remove(id);
    Ok(command::<T>("Delete", data, subs))
}
