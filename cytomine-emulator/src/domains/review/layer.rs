//! Whole-layer review (docs/protocol.md §4.7): `imageinstance/{i}/annotation/review.json?users=1,2`
//! accepts (`POST`/`PUT`) or rejects (`DELETE`) every annotation that the listed users drew on
//! the image, as core's `ReviewedAnnotationService.reviewLayer`/`unreviewLayer` do.
//!
//! Both answer the collection envelope (§2.2) of the ids of the reviewed annotations they
//! created or deleted. Failures go through the global handler (path B of §2.6). The optional
//! `task` parameter (progress reporting to a core task) is accepted and ignored.

use serde_json::Value;

use super::super::json;
use super::super::owner::{self, REVIEWED_ANNOTATION};
use super::super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::State;

const PATH: &str = "imageinstance/{image}/annotation/review.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    for method in ["POST", "PUT"] {
        routes.write(method, PATH, review_layer);
    }
    routes.write("DELETE", PATH, unreview_layer);
}

/// `POST`/`PUT`: review every not yet reviewed annotation of the layers, with its own terms.
fn review_layer(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let users = match merged_ids(call, "users")? {
        Some(users) if !users.is_empty() => users,
        other => return Err(no_layer(other.as_deref())),
    };
    let image = layer_image(state, params, &users)?;
    super::reviewer_check(call, state, image, "review annotation")?;
    let mut created = Vec::new();
    for annotation in layer_annotations(state, image, &users) {
        if super::is_reviewed(state, annotation) {
            continue;
        }
        let terms = super::super::annotation::term_ids(state, annotation);
        created.push(super::review_copy(call, state, annotation, terms)?);
    }
    paged(call, created, |id| id)
}

/// `DELETE`: delete the reviewed copies of the layers' annotations (no command is stored).
fn unreview_layer(call: &Call, params: &Params, state: &mut State) -> Outcome {
    // Without `users` core dereferences a null list: an unhandled exception, the HTML page.
    let Some(users) = merged_ids(call, "users")? else {
        return Ok(Reply::error_page(500));
    };
    let image = layer_image(state, params, &users)?;
    super::reviewer_check(call, state, image, "reject annotation")?;
    if users.is_empty() {
        return Err(no_layer(Some(&users)));
    }
    let parents = layer_annotations(state, image, &users);
    let reviewed: Vec<i64> = parents
        .iter()
        .filter_map(|parent| {
            let r = state
                .reviewed_annotations
                .iter()
                .find(|r| r.parent == *parent);
            r.map(|r| r.base.meta.id)
        })
        .collect();
    for id in &reviewed {
        state.reviewed_annotations.remove(*id);
        owner::forget(state, REVIEWED_ANNOTATION, *id);
    }
    paged(call, reviewed, |id| id)
}

/// 400 `"There is no layer:<list>"`, the list printed as Java prints it (`null`, `[]`).
fn no_layer(users: Option<&[i64]>) -> Fail {
    let shown = users.map_or("null".to_owned(), |u| {
        let items: Vec<String> = u.iter().map(i64::to_string).collect();
        format!("[{}]", items.join(", "))
    });
    Fail::bad(format!("There is no layer:{shown}"))
}

/// The image of the path, after checking that every listed user exists (core's order).
fn layer_image(state: &State, params: &Params, users: &[i64]) -> Result<i64, Fail> {
    if let Some(missing) = users.iter().find(|u| state.users.get(**u).is_none()) {
        return Err(Fail::not_found(format!("User {missing} not found")));
    }
    params
        .id("image")
        .filter(|id| state.image_instances.get(*id).is_some())
        .ok_or_else(|| Fail::not_found(format!("ImageInstance {} not found", params.get("image"))))
}

/// The user annotations of `image` drawn by `users`, user by user in the order given.
fn layer_annotations(state: &State, image: i64, users: &[i64]) -> Vec<i64> {
    users
        .iter()
        .flat_map(|user| {
            state
                .annotations
                .iter()
                .filter(move |a| a.image == image && a.user == *user)
                .map(|a| a.meta.id)
        })
        .collect()
}

/// An id list as core's `mergeQueryParamsAndBodyParams` sees it: the query parameter, replaced
/// by the JSON body's entry on `POST` only. A repeated query parameter is core's 500.
fn merged_ids(call: &Call, key: &str) -> Result<Option<Vec<i64>>, Fail> {
    if call.has_repeated_param() {
        return Err(Fail::not_implemented());
    }
    let has_body = !call.body.iter().all(u8::is_ascii_whitespace);
    if call.method == "POST" && has_body {
        match call.json()? {
            Value::Object(body) if body.contains_key(key) => return Ok(json::ids(&body, key)),
            Value::Object(_) | Value::Null => {}
            _ => {
                return Err(Fail::bad(
                    "The body cannot be parsed, is the body content in the good format?",
                ))
            }
        }
    }
    call.ids(key)
}
