//! Project connections and image consultations (docs/protocol.md §3.20): who opened what, and when.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::abstract_image::thumb_url;
use super::acl;
use super::json;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::Outcome;
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{ImageConsultation, ProjectConnection, State};

const CONNECTION: &str = "be.cytomine.domain.social.PersistentProjectConnection";
const CONSULTATION: &str = "be.cytomine.domain.social.PersistentImageConsultation";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.write("POST", "project/{p}/userconnection.json", connect);
    routes.get("project/{p}/userconnection/{u}.json", connections);
    routes.write("POST", "imageinstance/{id}/consultation.json", consult);
    routes.get("project/{p}/user/{u}/imageconsultation.json", consultations);
    routes.get(
        "project/{p}/imageconsultation/count.json",
        |call, params, state| {
            let project = acl::read_project(call, state, params.id("p").unwrap_or(0))?
                .meta
                .id;
            let total = state
                .image_consultations
                .iter()
                .filter(|x| x.project == project)
                .count();
            Ok(Reply::json(200, &json!({"total": total})))
        },
    );
}

/// The end of an activity window that starts at `start`: just before the next one of the same
/// kind begins (or now).
fn window_end(starts: impl Iterator<Item = i64>, start: i64, now: i64) -> i64 {
    starts.filter(|t| *t > start).min().unwrap_or(now)
}

/// Annotations created by `user` in `project` (and on `image`, if given) within `[from, to)`.
fn created_annotations(
    state: &State,
    user: i64,
    project: i64,
    image: Option<i64>,
    from: i64,
    until: i64,
) -> usize {
    state
        .annotations
        .iter()
        .filter(|a| a.user == user && a.project == project && image.is_none_or(|i| a.image == i))
        .filter(|a| a.meta.created >= from && a.meta.created < until)
        .count()
}

fn connection_view(state: &State, connection: &ProjectConnection, now: i64) -> Value {
    let mine =
        |x: &&ProjectConnection| x.user == connection.user && x.project == connection.project;
    let start = connection.meta.created;
    let end = window_end(
        state
            .project_connections
            .iter()
            .filter(mine)
            .map(|x| x.meta.created),
        start,
        now,
    );
    let seen: Vec<&ImageConsultation> = state
        .image_consultations
        .iter()
        .filter(|x| x.project_connection == Some(connection.meta.id))
        .collect();
    let last = seen.iter().map(|x| x.meta.created).max().unwrap_or(start);
    let images: HashSet<i64> = seen.iter().map(|x| x.image).collect();
    let mut m = json::head(CONNECTION, &connection.meta);
    json::put_all(
        &mut m,
        vec![
            ("user", connection.user.into()),
            ("project", connection.project.into()),
            ("time", (last - start).into()),
            ("os", json::opt(connection.os.clone())),
            ("browser", json::opt(connection.browser.clone())),
            (
                "browserVersion",
                json::opt(connection.browser_version.clone()),
            ),
            ("countViewedImages", images.len().into()),
            (
                "countCreatedAnnotations",
                created_annotations(state, connection.user, connection.project, None, start, end)
                    .into(),
            ),
        ],
    );
    Value::Object(m)
}

/// `POST project/{p}/userconnection.json` with `{os, browser, browserVersion}`.
fn connect(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let project = acl::read_project(call, state, params.id("p").unwrap_or(0))?
        .meta
        .id;
    let body = if call.body.is_empty() {
        json::Body::new()
    } else {
        call.json_object()?
    };
    let meta = state.meta(call.now);
    let c = ProjectConnection {
        meta,
        user: call.user()?.id,
        project,
        os: json::text(&body, "os"),
        browser: json::text(&body, "browser"),
        browser_version: json::text(&body, "browserVersion"),
    };
    state.project_connections.insert(meta.id, c);
    let view = state
        .project_connections
        .get(meta.id)
        .map(|c| connection_view(state, c, call.now));
    Ok(Reply::json(200, &view))
}

/// `GET project/{p}/userconnection/{u}.json`: newest first.
fn connections(call: &Call, params: &Params, state: &State) -> Outcome {
    let project = acl::read_project(call, state, params.id("p").unwrap_or(0))?
        .meta
        .id;
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    let items: Vec<&ProjectConnection> = state
        .project_connections
        .iter()
        .rev()
        .filter(|c| c.project == project && c.user == user)
        .collect();
    paged(call, items, |c| connection_view(state, c, call.now))
}

fn consultation_view(state: &State, call: &Call, consultation: &ImageConsultation) -> Value {
    let start = consultation.meta.created;
    let mine = |x: &&ImageConsultation| x.user == consultation.user;
    let end = window_end(
        state
            .image_consultations
            .iter()
            .filter(mine)
            .map(|x| x.meta.created),
        start,
        call.now,
    );
    let name = state.image_instances.get(consultation.image).and_then(|i| {
        i.instance_filename.clone().or_else(|| {
            state
                .abstract_images
                .get(i.base_image)
                .map(|a| a.original_filename.clone())
        })
    });
    let thumb = thumb_url(call, "imageinstance", consultation.image, Some(256));
    let mut m = json::head(CONSULTATION, &consultation.meta);
    json::put_all(
        &mut m,
        vec![
            ("user", consultation.user.into()),
            ("image", consultation.image.into()),
            ("imageName", json::opt(name)),
            ("imageThumb", thumb.into()),
            ("mode", json::opt(consultation.mode.clone())),
            ("project", consultation.project.into()),
            (
                "projectConnection",
                json::opt(consultation.project_connection),
            ),
            ("time", (end - start).into()),
            (
                "countCreatedAnnotations",
                created_annotations(
                    state,
                    consultation.user,
                    consultation.project,
                    Some(consultation.image),
                    start,
                    end,
                )
                .into(),
            ),
        ],
    );
    Value::Object(m)
}

/// `POST imageinstance/{id}/consultation.json` with `{mode}`.
fn consult(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let (image, _, project) = super::position::place_of(call, params, state)?;
    let body = if call.body.is_empty() {
        json::Body::new()
    } else {
        call.json_object()?
    };
    let user = call.user()?.id;
    let connection = state
        .project_connections
        .iter()
        .rev()
        .find(|c| c.user == user && c.project == project)
        .map(|c| c.meta.id);
    let meta = state.meta(call.now);
    let c = ImageConsultation {
        meta,
        user,
        image,
        project,
        mode: json::text(&body, "mode"),
        project_connection: connection,
    };
    let view = consultation_view(state, call, &c);
    state.image_consultations.insert(meta.id, c);
    Ok(Reply::json(200, &view))
}

/// `GET project/{p}/user/{u}/imageconsultation.json?distinctImages=`: newest first.
fn consultations(call: &Call, params: &Params, state: &State) -> Outcome {
    let project = acl::read_project(call, state, params.id("p").unwrap_or(0))?
        .meta
        .id;
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    let distinct = call.flag_or("distinctImages", false);
    let mut seen = HashSet::new();
    let items: Vec<&ImageConsultation> = state
        .image_consultations
        .iter()
        .rev()
        .filter(|c| c.project == project && c.user == user)
        .filter(|c| !distinct || seen.insert(c.image))
        .collect();
    paged(call, items, |c| consultation_view(state, call, c))
}
