//! Viewer positions and annotation actions (docs/protocol.md §3.20): social records, answered as bare JSON;
//! and the property values at annotation centroids (`annotationposition.json`).

mod annotation_position;

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::acl;
use super::json::{self, Body};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{AnnotationAction, Position, State, ONLINE_MS};

const POSITION: &str = "be.cytomine.domain.social.PersistentUserPosition";
const ACTION: &str = "be.cytomine.domain.social.AnnotationAction";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    annotation_position::routes(routes);
    for kind in ["imageinstance", "sliceinstance"] {
        routes.write(
            "POST",
            &format!("{kind}/{{id}}/position.json"),
            add_position,
        );
        routes.get(&format!("{kind}/{{id}}/positions.json"), list_positions);
        routes.get(
            &format!("{kind}/{{id}}/annotation_action.json"),
            list_actions,
        );
    }
    routes.get("imageinstance/{id}/position.json", list_positions);
    routes.get("imageinstance/{id}/position/{u}.json", last_position);
    routes.get("imageinstance/{id}/online.json", online);
    // client-compat, not in core: the Python client's `Position.fetch`.
    routes.get("position/{id}.json", |call, params, state| {
        let pos = params.id("id").and_then(|id| state.positions.get(id));
        let pos = pos.ok_or_else(|| {
            Fail::not_found_filters("UserPosition", &format!("id={}", params.get("id")))
        })?;
        acl::read_project(call, state, pos.project)?;
        Ok(Reply::json(200, &position_view(pos)))
    });
    routes.write("POST", "annotation_action.json", add_action);
    // client-compat, not in core: the Python client's `AnnotationAction.fetch`.
    routes.get("annotation_action/{id}.json", |call, params, state| {
        let a = params
            .id("id")
            .and_then(|id| state.annotation_actions.get(id));
        let a = a.ok_or_else(|| {
            Fail::not_found_filters("AnnotationAction", &format!("id={}", params.get("id")))
        })?;
        acl::read_project(call, state, a.project)?;
        Ok(Reply::json(200, &action_view(a)))
    });
}

/// `(image, slice, project)` of `{imageinstance|sliceinstance}/{id}` in the call's path.
pub(crate) fn place_of(
    call: &Call,
    params: &Params,
    state: &State,
) -> Result<(i64, i64, i64), Fail> {
    let id = params.id("id").unwrap_or(0);
    let missing = || Fail::not_found(format!("ImageInstance {} not found", params.get("id")));
    let place = if call.path.starts_with("/api/sliceinstance/") {
        let s = state.slice_instances.get(id).ok_or_else(missing)?;
        (s.image, s.meta.id, s.project)
    } else {
        let i = state.image_instances.get(id).ok_or_else(missing)?;
        let slice = super::image_instance::reference_slice_of(state, id).map_or(0, |s| s.meta.id);
        (id, slice, i.project)
    };
    acl::read_project(call, state, place.2)?;
    Ok(place)
}

fn position_view(position: &Position) -> Value {
    let mut m = json::head(POSITION, &position.meta);
    json::put_all(
        &mut m,
        vec![
            ("user", position.user.into()),
            ("image", position.image.into()),
            ("slice", position.slice.into()),
            ("project", position.project.into()),
            ("zoom", position.zoom.into()),
            ("rotation", position.rotation.into()),
            ("broadcast", position.broadcast.into()),
            ("location", position.location.clone().into()),
            ("x", position.x.into()),
            ("y", position.y.into()),
        ],
    );
    Value::Object(m)
}

/// The four viewport corners of a position body, as `(x, y)` pairs.
fn corners(body: &Body) -> Result<[(f64, f64); 4], Fail> {
    let c = |k: &str| {
        json::float(body, k).ok_or_else(|| Fail::bad(format!("{k} must be set! value=null")))
    };
    Ok([
        (c("topLeftX")?, c("topLeftY")?),
        (c("topRightX")?, c("topRightY")?),
        (c("bottomRightX")?, c("bottomRightY")?),
        (c("bottomLeftX")?, c("bottomLeftY")?),
    ])
}

fn add_position(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let (image, slice, project) = place_of(call, params, state)?;
    let body = call.json_object()?;
    let pts = corners(&body)?;
    let ring: Vec<String> = pts
        .iter()
        .chain(pts.first())
        .map(|(x, y)| format!("{x} {y}"))
        .collect();
    let meta = state.meta(call.now);
    let pos = Position {
        meta,
        user: call.user()?.id,
        image,
        slice,
        project,
        zoom: json::float(&body, "zoom").unwrap_or(0.0),
        rotation: json::float(&body, "rotation").unwrap_or(0.0),
        broadcast: json::flag(&body, "broadcast", false),
        location: format!("POLYGON (({}))", ring.join(", ")),
        x: pts.iter().map(|c| c.0).sum::<f64>() / 4.0,
        y: pts.iter().map(|c| c.1).sum::<f64>() / 4.0,
    };
    let view = position_view(&pos);
    state.positions.insert(meta.id, pos);
    Ok(Reply::json(200, &view))
}

/// Whether a record stamped `created` by `user` passes the `user`, `afterThan`, `beforeThan` query.
fn in_window(call: &Call, created: i64, user: i64) -> Result<bool, Fail> {
    Ok(call.int("user")?.is_none_or(|u| u == user)
        && call.int("afterThan")?.is_none_or(|t| created > t)
        && call.int("beforeThan")?.is_none_or(|t| created < t))
}

/// `GET {imageinstance|sliceinstance}/{id}/positions.json?user=&slice=&afterThan=&beforeThan=&showDetails=`.
fn list_positions(call: &Call, params: &Params, state: &State) -> Outcome {
    let (image, slice, _) = place_of(call, params, state)?;
    let by_slice = call.path.starts_with("/api/sliceinstance/");
    let slice_filter = call.int("slice")?.or(by_slice.then_some(slice));
    let mut items = Vec::new();
    for x in state.positions.iter().rev().filter(|x| x.image == image) {
        if slice_filter.is_none_or(|s| s == x.slice) && in_window(call, x.meta.created, x.user)? {
            items.push(x);
        }
    }
    if call.flag_or("showDetails", false) {
        return paged(call, items, position_view);
    }
    let mut summary: BTreeMap<(String, String), (usize, &Position)> = BTreeMap::new();
    for x in items {
        let entry = summary
            .entry((x.location.clone(), x.zoom.to_string()))
            .or_insert((0, x));
        entry.0 += 1;
    }
    let rows: Vec<Value> = summary
        .into_values()
        .map(|(n, x)| {
            json!({"location": x.location, "zoom": x.zoom, "rotation": x.rotation,
                   "image": x.image, "slice": x.slice, "frequency": n})
        })
        .collect();
    paged(call, rows, |v| v)
}

/// `GET imageinstance/{id}/position/{u}.json`: the user's last position there, or `{}`.
fn last_position(call: &Call, params: &Params, state: &State) -> Outcome {
    let (image, _, _) = place_of(call, params, state)?;
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    let last = state
        .positions
        .iter()
        .rev()
        .find(|x| x.image == image && x.user == user);
    Ok(Reply::json(200, &last.map_or(json!({}), position_view)))
}

/// `GET imageinstance/{id}/online.json`: users with a recent position on the image.
fn online(call: &Call, params: &Params, state: &State) -> Outcome {
    let (image, _, _) = place_of(call, params, state)?;
    let mut users: Vec<i64> = state
        .positions
        .iter()
        .filter(|x| x.image == image && call.now - x.meta.created < ONLINE_MS)
        .map(|x| x.user)
        .collect();
    users.sort_unstable();
    users.dedup();
    Ok(Reply::json(200, &json!({"users": users})))
}

fn action_view(action: &AnnotationAction) -> Value {
    let mut m = json::head(ACTION, &action.meta);
    json::put_all(
        &mut m,
        vec![
            ("user", action.user.into()),
            ("image", action.image.into()),
            ("slice", action.slice.into()),
            ("project", action.project.into()),
            ("action", action.action.clone().into()),
            ("annotationIdent", action.annotation.into()),
            (
                "annotationClassName",
                action.annotation_class.clone().into(),
            ),
            ("annotationCreator", action.annotation_creator.into()),
        ],
    );
    Value::Object(m)
}

/// `POST annotation_action.json` with `{annotationIdent, action}`.
fn add_action(call: &Call, _params: &Params, state: &mut State) -> Outcome {
    let body = call.json_object()?;
    let id = json::int(&body, "annotationIdent")
        .ok_or_else(|| Fail::bad("annotationIdent must be set! value=null"))?;
    let a = state
        .annotations
        .get(id)
        .or_else(|| state.reviewed_annotations.get(id).map(|r| &r.base))
        .ok_or_else(|| Fail::not_found(format!("Annotation {id} not found")))?;
    acl::read_project(call, state, a.project)?;
    let action = json::required_text(&body, "action")?;
    let (image, slice, project, creator) = (a.image, a.slice, a.project, a.user);
    let meta = state.meta(call.now);
    let record = AnnotationAction {
        meta,
        user: call.user()?.id,
        image,
        slice,
        project,
        action,
        annotation: id,
        annotation_class: owner::annotation_class(state, id).to_owned(),
        annotation_creator: creator,
    };
    let view = action_view(&record);
    state.annotation_actions.insert(meta.id, record);
    Ok(Reply::json(200, &view))
}

/// `GET {imageinstance|sliceinstance}/{id}/annotation_action.json?user=&afterThan=&beforeThan=`.
fn list_actions(call: &Call, params: &Params, state: &State) -> Outcome {
    let (image, slice, _) = place_of(call, params, state)?;
    let by_slice = call.path.starts_with("/api/sliceinstance/");
    let mut items = Vec::new();
    for a in state.annotation_actions.iter().filter(|a| a.image == image) {
        if (!by_slice || a.slice == slice) && in_window(call, a.meta.created, a.user)? {
            items.push(a);
        }
    }
    paged(call, items, action_view)
}
