//! Project connections and image consultations (WIRE.md §3.20): who opened what, and when.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::acl;
use super::json::{self as j};
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
pub fn routes(r: &mut Routes) {
    r.write("POST", "project/{p}/userconnection.json", connect);
    r.get("project/{p}/userconnection/{u}.json", connections);
    r.write("POST", "imageinstance/{id}/consultation.json", consult);
    r.get("project/{p}/user/{u}/imageconsultation.json", consultations);
    r.get("project/{p}/imageconsultation/count.json", |c, p, s| {
        let project = acl::read_project(c, s, p.id("p").unwrap_or(0))?.meta.id;
        let total = s
            .image_consultations
            .iter()
            .filter(|x| x.project == project)
            .count();
        Ok(Reply::json(200, &json!({"total": total})))
    });
}

/// The end of an activity window that starts at `start`: just before the next one of the same
/// kind begins (or now).
fn window_end(starts: impl Iterator<Item = i64>, start: i64, now: i64) -> i64 {
    starts.filter(|t| *t > start).min().unwrap_or(now)
}

/// Annotations created by `user` in `project` (and on `image`, if given) within `[from, to)`.
fn created_annotations(
    st: &State,
    user: i64,
    project: i64,
    image: Option<i64>,
    from: i64,
    to: i64,
) -> usize {
    st.annotations
        .iter()
        .filter(|a| a.user == user && a.project == project && image.map_or(true, |i| a.image == i))
        .filter(|a| a.meta.created >= from && a.meta.created < to)
        .count()
}

fn connection_view(st: &State, c: &ProjectConnection, now: i64) -> Value {
    let mine = |x: &&ProjectConnection| x.user == c.user && x.project == c.project;
    let start = c.meta.created;
    let end = window_end(
        st.project_connections
            .iter()
            .filter(mine)
            .map(|x| x.meta.created),
        start,
        now,
    );
    let seen: Vec<&ImageConsultation> = st
        .image_consultations
        .iter()
        .filter(|x| x.project_connection == Some(c.meta.id))
        .collect();
    let last = seen.iter().map(|x| x.meta.created).max().unwrap_or(start);
    let images: HashSet<i64> = seen.iter().map(|x| x.image).collect();
    let mut m = j::head(CONNECTION, &c.meta);
    j::put_all(
        &mut m,
        vec![
            ("user", c.user.into()),
            ("project", c.project.into()),
            ("time", (last - start).into()),
            ("os", j::opt(c.os.clone())),
            ("browser", j::opt(c.browser.clone())),
            ("browserVersion", j::opt(c.browser_version.clone())),
            ("countViewedImages", images.len().into()),
            (
                "countCreatedAnnotations",
                created_annotations(st, c.user, c.project, None, start, end).into(),
            ),
        ],
    );
    Value::Object(m)
}

/// `POST project/{p}/userconnection.json` with `{os, browser, browserVersion}`.
fn connect(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let project = acl::read_project(call, st, p.id("p").unwrap_or(0))?.meta.id;
    let body = if call.body.is_empty() {
        j::Body::new()
    } else {
        call.json_object()?
    };
    let meta = st.meta(call.now);
    let c = ProjectConnection {
        meta,
        user: call.user()?.id,
        project,
        os: j::text(&body, "os"),
        browser: j::text(&body, "browser"),
        browser_version: j::text(&body, "browserVersion"),
    };
    st.project_connections.insert(meta.id, c);
    let view = st
        .project_connections
        .get(meta.id)
        .map(|c| connection_view(st, c, call.now));
    Ok(Reply::json(200, &view))
}

/// `GET project/{p}/userconnection/{u}.json`: newest first.
fn connections(call: &Call, p: &Params, st: &State) -> Outcome {
    let project = acl::read_project(call, st, p.id("p").unwrap_or(0))?.meta.id;
    let user = super::user::find_user(st, p.get("u"))?.meta.id;
    let items: Vec<&ProjectConnection> = st
        .project_connections
        .iter()
        .rev()
        .filter(|c| c.project == project && c.user == user)
        .collect();
    paged(call, items, |c| connection_view(st, c, call.now))
}

fn consultation_view(st: &State, call: &Call, c: &ImageConsultation) -> Value {
    let start = c.meta.created;
    let mine = |x: &&ImageConsultation| x.user == c.user;
    let end = window_end(
        st.image_consultations
            .iter()
            .filter(mine)
            .map(|x| x.meta.created),
        start,
        call.now,
    );
    let name = st.image_instances.get(c.image).and_then(|i| {
        i.instance_filename.clone().or_else(|| {
            st.abstract_images
                .get(i.base_image)
                .map(|a| a.original_filename.clone())
        })
    });
    let thumb = format!(
        "{}/api/imageinstance/{}/thumb.png?maxSize=256",
        call.server_url, c.image
    );
    let mut m = j::head(CONSULTATION, &c.meta);
    j::put_all(
        &mut m,
        vec![
            ("user", c.user.into()),
            ("image", c.image.into()),
            ("imageName", j::opt(name)),
            ("imageThumb", thumb.into()),
            ("mode", j::opt(c.mode.clone())),
            ("project", c.project.into()),
            ("projectConnection", j::opt(c.project_connection)),
            ("time", (end - start).into()),
            (
                "countCreatedAnnotations",
                created_annotations(st, c.user, c.project, Some(c.image), start, end).into(),
            ),
        ],
    );
    Value::Object(m)
}

/// `POST imageinstance/{id}/consultation.json` with `{mode}`.
fn consult(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let (image, _, project) = super::position::place_of(call, p, st)?;
    let body = if call.body.is_empty() {
        j::Body::new()
    } else {
        call.json_object()?
    };
    let user = call.user()?.id;
    let connection = st
        .project_connections
        .iter()
        .rev()
        .find(|c| c.user == user && c.project == project)
        .map(|c| c.meta.id);
    let meta = st.meta(call.now);
    let c = ImageConsultation {
        meta,
        user,
        image,
        project,
        mode: j::text(&body, "mode"),
        project_connection: connection,
    };
    let view = consultation_view(st, call, &c);
    st.image_consultations.insert(meta.id, c);
    Ok(Reply::json(200, &view))
}

/// `GET project/{p}/user/{u}/imageconsultation.json?distinctImages=`: newest first.
fn consultations(call: &Call, p: &Params, st: &State) -> Outcome {
    let project = acl::read_project(call, st, p.id("p").unwrap_or(0))?.meta.id;
    let user = super::user::find_user(st, p.get("u"))?.meta.id;
    let distinct = call.flag_or("distinctImages", false);
    let mut seen = HashSet::new();
    let items: Vec<&ImageConsultation> = st
        .image_consultations
        .iter()
        .rev()
        .filter(|c| c.project == project && c.user == user)
        .filter(|c| !distinct || seen.insert(c.image))
        .collect();
    paged(call, items, |c| consultation_view(st, call, c))
}
