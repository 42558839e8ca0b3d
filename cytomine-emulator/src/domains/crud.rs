//! CRUD written once: single GET, create/update/delete command envelopes, batch POST (docs/protocol.md §2.1-2.5).

use serde_json::{json, Map, Value};

use super::json::Body;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::store::{Meta, State, Table};

/// What a classic domain tells the shared CRUD code.
pub(crate) trait Domain: Sized {
    /// Fully qualified Java class name, e.g. `be.cytomine.domain.project.Project`.
    const CLASS: &'static str;
    /// The table of these records.
    fn table(state: &State) -> &Table<Self>;
    /// The mutable table.
    fn table_mut(state: &mut State) -> &mut Table<Self>;
    /// Id and times.
    fn meta(&self) -> &Meta;
    /// Id and times, mutable.
    fn meta_mut(&mut self) -> &mut Meta;
    /// The text in command messages, e.g. the name.
    fn label(&self) -> String;
    /// The full JSON of the record (2.1 head included).
    fn view(&self, state: &State, call: &Call) -> Value;
    /// Read permission.
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail>;
    /// Validate `body` and build a record (`old` on update); write permission is checked here.
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail>;
    /// Checks before a delete; cascades and counters.
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail>;
    /// Side effects after an insert (counters, slices, links).
    fn after_add(_call: &Call, _state: &mut State, _id: i64, _body: &Body) -> Result<(), Fail> {
        Ok(())
    }
    /// Side effects after an update.
    fn after_update(_call: &Call, _state: &mut State, _id: i64, _body: &Body) -> Result<(), Fail> {
        Ok(())
    }
    /// The envelope's object key (lower-cased simple class name by default).
    fn key() -> String {
        simple_name(Self::CLASS).to_lowercase()
    }
    /// The 404 of a single GET (path C by default).
    fn not_found(id: &str) -> Fail {
        Fail::not_found_filters(simple_name(Self::CLASS), &format!("id={id}"))
    }
    /// Extra callback entries (Term adds `ontologyID`).
    fn callback_extra(&self, _callback: &mut Map<String, Value>) {}
}

/// `Project` for `be.cytomine.domain.project.Project`.
pub(crate) fn simple_name(class: &str) -> &str {
    class.rsplit('.').next().unwrap_or(class)
}

/// The record with `id`, readable by the caller.
pub(crate) fn find<'a, T: Domain>(
    call: &Call,
    state: &'a State,
    id: Option<i64>,
    raw: &str,
) -> Result<&'a T, Fail> {
    let rec = id
        .and_then(|id| T::table(state).get(id))
        .ok_or_else(|| T::not_found(raw))?;
    rec.check_read(call, state)?;
    Ok(rec)
}

/// `GET x/{id}.json`.
pub(crate) fn get<T: Domain>(call: &Call, state: &State, id: Option<i64>, raw: &str) -> Outcome {
    let rec = find::<T>(call, state, id, raw)?;
    Ok(Reply::json(200, &rec.view(state, call)))
}

/// A page of the records kept by `keep`, in table order, each in its full JSON.
pub(crate) fn paged_where<T: Domain>(
    call: &Call,
    state: &State,
    keep: impl Fn(&T) -> bool,
) -> Outcome {
    let items: Vec<&T> = T::table(state).iter().filter(|r| keep(r)).collect();
    paged(call, items, |r| r.view(state, call))
}

/// Whether a record other than `old` (the one a `build` updates, if any) satisfies `same`: a
/// clash with a uniqueness rule.
pub(crate) fn taken<T: Domain>(state: &State, old: Option<&T>, same: impl Fn(&T) -> bool) -> bool {
    let own = old.map(|o| o.meta().id);
    T::table(state)
        .iter()
        .any(|r| Some(r.meta().id) != own && same(r))
}

/// Create one record from `body`; returns its id.
pub(crate) fn create_one<T: Domain>(
    call: &Call,
    state: &mut State,
    body: &Body,
) -> Result<i64, Fail> {
    let mut rec = T::build(call, state, body, None)?;
    let meta = state.meta(call.now);
    *rec.meta_mut() = meta;
    T::table_mut(state).insert(meta.id, rec);
    T::after_add(call, state, meta.id, body)?;
    Ok(meta.id)
}

/// The Add envelope for a record created by [`create_one`].
pub(crate) fn added<T: Domain>(call: &Call, state: &mut State, id: i64) -> Outcome {
    Ok(added_reply::<T>(call, state, id))
}

fn added_reply<T: Domain>(call: &Call, state: &mut State, id: i64) -> Reply {
    let Some(rec) = T::table(state).get(id) else {
        return Reply::error_page(500);
    };
    let object = rec.view(state, call);
    let shim = Shim::of(rec);
    envelope_of::<T>(state, "Add", "added", object, &shim)
}

/// The Edit envelope for record `id`, changed in place by the caller (e.g. a merge).
pub(crate) fn edited<T: Domain>(call: &Call, state: &mut State, id: i64) -> Outcome {
    let Some(rec) = T::table(state).get(id) else {
        return Err(T::not_found(&id.to_string()));
    };
    let object = rec.view(state, call);
    let shim = Shim::of(rec);
    Ok(envelope_of::<T>(state, "Edit", "edited", object, &shim))
}

/// What an envelope needs of a record, taken before the table is borrowed mutably.
struct Shim {
    meta: Meta,
    label: String,
    extra: Map<String, Value>,
}

impl Shim {
    fn of<T: Domain>(rec: &T) -> Shim {
        let mut extra = Map::new();
        rec.callback_extra(&mut extra);
        Shim {
            meta: *rec.meta(),
            label: rec.label(),
            extra,
        }
    }
}

fn envelope_of<T: Domain>(
    state: &mut State,
    verb: &str,
    past: &str,
    object: Value,
    shim: &Shim,
) -> Reply {
    let simple = simple_name(T::CLASS);
    let id = shim.meta.id;
    let mut callback = Map::new();
    callback.insert(
        "method".into(),
        format!("be.cytomine.{verb}{simple}Command").into(),
    );
    callback.insert(
        format!("{}ID", simple.to_lowercase()),
        id.to_string().into(),
    );
    callback.extend(shim.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    let mut body = Map::new();
    body.insert(
        "message".into(),
        format!("{simple} {id} ({}) {past}", shim.label).into(),
    );
    body.insert("callback".into(), Value::Object(callback));
    body.insert("printMessage".into(), true.into());
    body.insert(T::key(), object);
    body.insert("command".into(), state.next_id().into());
    Reply::json(200, &Value::Object(body))
}

/// `POST x.json` with one object (an array gives 400, as on non-batch endpoints).
pub(crate) fn post<T: Domain>(call: &Call, state: &mut State) -> Outcome {
    post_with::<T>(call, state, |_| {})
}

/// `POST` of one object, first completed by `fill` (values taken from the path).
pub(crate) fn post_with<T: Domain>(
    call: &Call,
    state: &mut State,
    fill: impl Fn(&mut Body),
) -> Outcome {
    let mut body = call.json_object()?;
    fill(&mut body);
    match create_one::<T>(call, state, &body) {
        Ok(id) => Ok(added_reply::<T>(call, state, id)),
        Err(f) => Ok(f.wrapped()),
    }
}

/// `POST x.json` accepting one object or an array (2.5).
pub(crate) fn post_many<T: Domain>(call: &Call, state: &mut State) -> Outcome {
    post_many_with::<T>(call, state, |_| {})
}

/// `POST` of one object or an array, each object first completed by `fill`.
pub(crate) fn post_many_with<T: Domain>(
    call: &Call,
    state: &mut State,
    fill: impl Fn(&mut Body),
) -> Outcome {
    match call.json()? {
        Value::Array(mut items) => {
            for item in &mut items {
                if let Value::Object(body) = item {
                    fill(body);
                }
            }
            Ok(batch::<T>(call, state, items))
        }
        Value::Object(mut body) => {
            fill(&mut body);
            match create_one::<T>(call, state, &body) {
                Ok(id) => Ok(added_reply::<T>(call, state, id)),
                Err(f) => Ok(f.wrapped()),
            }
        }
        _ => Err(Fail::bad(
            "The body cannot be parsed, is the body content in the good format?",
        )),
    }
}

fn batch<T: Domain>(call: &Call, state: &mut State, items: Vec<Value>) -> Reply {
    let name = format!("{}s", simple_name(T::CLASS).to_lowercase());
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        let result = match &item {
            Value::Object(body) => create_one::<T>(call, state, body),
            _ => Err(Fail::bad(
                "The body cannot be parsed, is the body content in the good format?",
            )),
        };
        match result {
            Ok(id) => ok.push(id.to_string()),
            Err(f) => errors.push(json!({"data": item, "message": f.message()})),
        }
    }
    let ids = ok.join(",");
    let body = if errors.is_empty() {
        json!({"data": {"message": format!("{name} {ids} added")}, "status": 200})
    } else if ok.is_empty() {
        json!({"data": {"success": false, "message": "No entry saved", "errors": errors}, "status": 400})
    } else {
        json!({"data": {"success": false, "message": format!("Only part of the entries ({name} {ids}"), "errors": errors}, "status": 206})
    };
    Reply::json(200, &body)
}

/// `PUT x/{id}.json`: the target is the body's `id`, rebuilt in full (2.4).
pub(crate) fn put<T: Domain>(call: &Call, state: &mut State) -> Outcome {
    put_with::<T>(call, state, |_| {})
}

/// `PUT` with the body first completed by `fill` (e.g. an `id` found from the path).
pub(crate) fn put_with<T: Domain>(
    call: &Call,
    state: &mut State,
    fill: impl Fn(&mut Body),
) -> Outcome {
    let mut body = call.json_object()?;
    fill(&mut body);
    Ok(update_one::<T>(call, state, &body).unwrap_or_else(Fail::wrapped))
}

fn update_one<T: Domain>(call: &Call, state: &mut State, body: &Body) -> Result<Reply, Fail> {
    let id = super::json::int(body, "id");
    let Some(old) = id.and_then(|id| T::table(state).get(id)) else {
        let shown = id.map_or("null".to_owned(), |i| i.to_string());
        return Err(Fail::not_found(format!(
            "class {} {shown} not found",
            T::CLASS
        )));
    };
    let old_id = old.meta().id;
    replace_one::<T>(call, state, old_id, body)?;
    let Some(rec) = T::table(state).get(old_id) else {
        return Ok(Reply::error_page(500));
    };
    let object = rec.view(state, call);
    let shim = Shim::of(rec);
    Ok(envelope_of::<T>(state, "Edit", "edited", object, &shim))
}

/// Rebuild record `id` from `body` (write permission and validation in `build`), keep its id and
/// creation time, stamp `updated`, store it and run `after_update`.
pub(crate) fn replace_one<T: Domain>(
    call: &Call,
    state: &mut State,
    id: i64,
    body: &Body,
) -> Result<(), Fail> {
    let Some(old) = T::table(state).get(id) else {
        return Err(T::not_found(&id.to_string()));
    };
    let created = old.meta().created;
    let mut rec = T::build(call, state, body, Some(old))?;
    *rec.meta_mut() = Meta {
        id,
        created,
        updated: call.now,
    };
    T::table_mut(state).insert(id, rec);
    T::after_update(call, state, id, body)
}

/// `DELETE x/{id}.json`: the envelope holds the record as it was.
pub(crate) fn delete<T: Domain>(call: &Call, state: &mut State, id: Option<i64>) -> Outcome {
    Ok(delete_one::<T>(call, state, id).unwrap_or_else(Fail::wrapped))
}

fn delete_one<T: Domain>(call: &Call, state: &mut State, id: Option<i64>) -> Result<Reply, Fail> {
    let simple = simple_name(T::CLASS);
    let Some(rec) = id.and_then(|id| T::table(state).get(id)) else {
        let shown = id.map_or("null".to_owned(), |i| i.to_string());
        return Err(Fail::not_found(format!("{simple} {shown} not found")));
    };
    rec.check_read(call, state)?;
    let object = rec.view(state, call);
    let shim = Shim::of(rec);
    T::remove(call, state, shim.meta.id)?;
    T::table_mut(state).remove(shim.meta.id);
    Ok(envelope_of::<T>(state, "Delete", "deleted", object, &shim))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Ontology;

    fn with_ontologies(names: &[&str]) -> State {
        let mut state = State::default();
        for name in names {
            let meta = state.meta(1);
            let name = (*name).to_owned();
            state.ontologies.insert(
                meta.id,
                Ontology {
                    meta,
                    name,
                    user: 1,
                },
            );
        }
        state
    }

    #[test]
    fn taken_ignores_only_the_record_being_updated() {
        let state = with_ontologies(&["a", "b"]);
        let named =
            |state: &State, name: &str| state.ontologies.iter().find(|o| o.name == name).cloned();
        let (a, b) = (named(&state, "a"), named(&state, "b"));
        let is_a = |o: &Ontology| o.name == "a";
        assert!(taken::<Ontology>(&state, None, is_a));
        assert!(!taken(&state, a.as_ref(), is_a));
        assert!(taken(&state, b.as_ref(), is_a));
        assert!(!taken::<Ontology>(&state, None, |o| o.name == "c"));
    }
}
