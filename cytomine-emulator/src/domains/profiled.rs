//! The one switch between the two wire formats for the migrated domains: each helper answers
//! classically ([`crud`]) or in the repository format ([`repository`]) after the call's profile.

use super::crud;
use super::json::Body;
use super::repository::{self, Migrated};
use crate::http::call::Call;
use crate::http::fail::Outcome;
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::State;

/// `GET` of record `id` (`raw` as the path spelled it).
pub(crate) fn get<T: Migrated>(call: &Call, state: &State, id: Option<i64>, raw: &str) -> Outcome {
    if call.is_repository() {
        repository::get::<T>(call, state, id, raw)
    } else {
        crud::get::<T>(call, state, id, raw)
    }
}

/// `GET x/{id}.json`.
pub(crate) fn get_by_path<T: Migrated>(call: &Call, params: &Params, state: &State) -> Outcome {
    get::<T>(call, state, params.id("id"), params.get("id"))
}

/// `DELETE x/{id}.json`.
pub(crate) fn delete_by_path<T: Migrated>(
    call: &Call,
    params: &Params,
    state: &mut State,
) -> Outcome {
    delete::<T>(call, state, params.id("id"), params.get("id"))
}

/// A list of records (already filtered and ordered).
pub(crate) fn list<T: Migrated>(call: &Call, state: &State, items: Vec<&T>) -> Outcome {
    if call.is_repository() {
        repository::list(call, state, items)
    } else {
        paged(call, items, |r| r.view(state, call))
    }
}

/// `POST x.json`: one object or (classic only) an array.
pub(crate) fn post_many<T: Migrated>(call: &Call, state: &mut State) -> Outcome {
    post_many_with::<T>(call, state, |_| {})
}

/// `POST` completed by `fill` (values from the path): one object or (classic only) an array.
pub(crate) fn post_many_with<T: Migrated>(
    call: &Call,
    state: &mut State,
    fill: impl Fn(&mut Body),
) -> Outcome {
    if call.is_repository() {
        repository::post::<T>(call, state, fill)
    } else {
        crud::post_many_with::<T>(call, state, fill)
    }
}

/// `POST` of one object completed by `fill`.
pub(crate) fn post_with<T: Migrated>(
    call: &Call,
    state: &mut State,
    fill: impl Fn(&mut Body),
) -> Outcome {
    if call.is_repository() {
        repository::post::<T>(call, state, fill)
    } else {
        crud::post_with::<T>(call, state, fill)
    }
}

/// `PUT x/{id}.json`: classic targets the body's id and rebuilds in full; the repository targets
/// the path's id and changes only the fields sent.
pub(crate) fn put<T: Migrated>(call: &Call, params: &Params, state: &mut State) -> Outcome {
    if call.is_repository() {
        repository::put::<T>(call, state, params.id("id"), params.get("id"))
    } else {
        crud::put::<T>(call, state)
    }
}

/// `DELETE` of record `id` (`raw` as the path spelled it): hard and classic, or soft.
pub(crate) fn delete<T: Migrated>(
    call: &Call,
    state: &mut State,
    id: Option<i64>,
    raw: &str,
) -> Outcome {
    if call.is_repository() {
        repository::delete::<T>(call, state, id, raw)
    } else {
        crud::delete::<T>(call, state, id)
    }
}
