//! Review (docs/protocol.md §4.7): image review mode, accepting and rejecting annotations, and the
//! reviewed annotations themselves (`reviewedannotation`).

use serde_json::{json, Value};

mod layer;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::owner::{self, REVIEWED_ANNOTATION};
use super::Routes;
use crate::geometry::parse_wkt;
use crate::http::call::{parse_id_list, Call};
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{Annotation, ImageInstance, ImageReview, Meta, ReviewedAnnotation, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    for method in ["POST", "PUT"] {
        routes.write(method, "imageinstance/{id}/review.json", start);
        routes.write(method, "annotation/{id}/review.json", accept);
    }
    routes.write("GET", "annotation/{id}/review.json", accept);
    routes.write("DELETE", "imageinstance/{id}/review.json", stop);
    routes.write("DELETE", "annotation/{id}/review.json", reject);
    layer::routes(routes);
    routes.get("reviewedannotation.json", list);
    routes
        .crud::<ReviewedAnnotation>("reviewedannotation")
        .get()
        .put()
        .delete();
}

/// Whether user annotation `id` has been accepted.
pub(crate) fn is_reviewed(state: &State, id: i64) -> bool {
    state.reviewed_annotations.iter().any(|r| r.parent == id)
}

/// `(cropURL, smallCropURL, imageURL)` of a reviewed annotation; `smallCropURL` misses the `/`
/// after the server URL, as M builds it (docs/protocol.md §3.11).
pub(crate) fn urls(server: &str, annotation: &Annotation) -> (String, String, String) {
    let path = format!("api/reviewedannotation/{}/crop.png", annotation.meta.id);
    (
        format!("{server}/{path}"),
        format!("{server}{path}?maxSize=256"),
        super::annotation::image_url(server, annotation),
    )
}

/// The review fields of an image instance's JSON, and its reviewed-annotation count.
pub(crate) fn image_fields(state: &State, image: i64) -> Vec<(&'static str, Value)> {
    let review = state.image_reviews.get(&image);
    let count = state
        .reviewed_annotations
        .iter()
        .filter(|r| r.base.image == image)
        .count();
    vec![
        (
            "reviewStart",
            json::opt(review.map(|r| r.start.to_string())),
        ),
        (
            "reviewStop",
            json::opt(review.and_then(|r| r.stop).map(|t| t.to_string())),
        ),
        ("reviewUser", json::opt(review.map(|r| r.user))),
        ("reviewed", review.is_some_and(|r| r.stop.is_some()).into()),
        ("inReview", review.is_some_and(|r| r.stop.is_none()).into()),
        ("numberOfReviewedAnnotations", count.into()),
    ]
}

/// The number of reviewed annotations of a project.
pub(crate) fn project_count(state: &State, project: i64) -> usize {
    state
        .reviewed_annotations
        .iter()
        .filter(|r| r.base.project == project)
        .count()
}

fn image_answer(call: &Call, state: &State, image: i64, what: &str) -> Outcome {
    let i = crud::find::<ImageInstance>(call, state, Some(image), &image.to_string())?;
    let view = i.view(state, call);
    let user = &call.user()?.username;
    let name = view["instanceFilename"].as_str().unwrap_or_default();
    Ok(Reply::json(
        200,
        &json!({"message": format!("{user} {what} reviewing on {name}"), "imageinstance": view}),
    ))
}

/// `POST`/`PUT imageinstance/{id}/review.json`: start review mode.
fn start(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let i = crud::find::<ImageInstance>(call, state, params.id("id"), params.get("id"))?;
    let id = i.meta.id;
    acl::write_project(call, state, i.project)?;
    let review = ImageReview {
        start: call.now,
        stop: None,
        user: call.user()?.id,
    };
    state.image_reviews.insert(id, review);
    image_answer(call, state, id, "start")
}

/// The review of an image in review mode, whose reviewer is the caller.
fn reviewer_check(call: &Call, state: &State, image: i64, what: &str) -> Result<(), Fail> {
    let review = state.image_reviews.get(&image).filter(|r| r.stop.is_none());
    let review =
        review.ok_or_else(|| Fail::bad(format!("Cannot {what}, enable image review mode!")))?;
    if review.user != call.user()?.id {
        let name = state
            .users
            .get(review.user)
            .map_or("", |u| u.username.as_str());
        return Err(Fail::bad(format!(
            "You must be the image reviewer to {what}. Image reviewer is {name}."
        )));
    }
    Ok(())
}

/// `DELETE imageinstance/{id}/review.json?cancel=`: validate (or cancel) the review.
fn stop(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let id = crud::find::<ImageInstance>(call, state, params.id("id"), params.get("id"))?
        .meta
        .id;
    reviewer_check(call, state, id, "close review")?;
    let cancel = call.flag_or("cancel", false);
    if cancel {
        state.image_reviews.remove(&id);
    } else if let Some(r) = state.image_reviews.get_mut(&id) {
        r.stop = Some(call.now);
    }
    image_answer(call, state, id, if cancel { "cancel" } else { "validate" })
}

/// Term ids sent to `review.json`: query `terms`, or the body (JSON, or form-encoded as the
/// Python client sends it while claiming JSON).
fn sent_terms(call: &Call) -> Result<Vec<i64>, Fail> {
    if let Some(ids) = call.ids("terms")? {
        return Ok(ids);
    }
    if call.body.is_empty() {
        return Ok(Vec::new());
    }
    if let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&call.body) {
        return Ok(json::ids(&body, "terms").unwrap_or_default());
    }
    let mut ids = Vec::new();
    for (k, v) in url::form_urlencoded::parse(&call.body) {
        if k == "terms" || k == "terms[]" {
            ids.extend(parse_id_list(&v).ok_or_else(|| Fail::bad(format!("terms: {v}")))?);
        }
    }
    Ok(ids)
}

/// `GET`/`POST`/`PUT annotation/{id}/review.json`: accept an annotation (path B errors).
fn accept(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let a = state
        .annotations
        .get(params.id("id").unwrap_or(0))
        .ok_or_else(|| Fail::not_found(format!("Annotation {} not found", params.get("id"))))?;
    let (id, image) = (a.meta.id, a.image);
    acl::read_project(call, state, a.project)?;
    reviewer_check(call, state, image, "accept annotation")?;
    if is_reviewed(state, id) {
        return Err(Fail::bad("Annotation is already accepted!"));
    }
    let mut terms = sent_terms(call)?;
    terms.extend(super::annotation::term_ids(state, id));
    terms.sort_unstable();
    terms.dedup();
    let created = review_copy(call, state, id, terms)?;
    crud::added::<ReviewedAnnotation>(call, state, created)
}

/// Store the reviewed copy of user annotation `parent` with `terms`, by the caller; its id.
fn review_copy(call: &Call, state: &mut State, parent: i64, terms: Vec<i64>) -> Result<i64, Fail> {
    let mut body = Body::new();
    body.insert("parentIdent".to_owned(), parent.into());
    body.insert("terms".to_owned(), terms.into());
    crud::create_one::<ReviewedAnnotation>(call, state, &body)
}

/// `DELETE annotation/{id}/review.json`: reject (delete the reviewed copy).
fn reject(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let parent = params.id("id").unwrap_or(0);
    let r = state
        .reviewed_annotations
        .iter()
        .find(|r| r.parent == parent);
    let r = r.ok_or_else(|| Fail::bad(format!("Annotation {parent} is not accepted!")))?;
    let (id, image) = (r.base.meta.id, r.base.image);
    reviewer_check(call, state, image, "reject annotation")?;
    crud::delete::<ReviewedAnnotation>(call, state, Some(id))
}

/// `GET reviewedannotation.json?project=&image=`.
fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    let project = call.int("project")?;
    let image = call.int("image")?;
    let items: Vec<&ReviewedAnnotation> = state
        .reviewed_annotations
        .iter()
        .rev()
        .filter(|r| project.is_none_or(|p| r.base.project == p))
        .filter(|r| image.is_none_or(|i| r.base.image == i))
        .filter(|r| r.check_read(call, state).is_ok())
        .collect();
    paged(call, items, |r| r.view(state, call))
}

impl Domain for ReviewedAnnotation {
    const CLASS: &'static str = REVIEWED_ANNOTATION;
    table_access!(reviewed_annotations, base.meta);
    fn label(&self) -> String {
        self.base.image.to_string()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("ReviewedAnnotation {id} not found"))
    }
    fn view(&self, state: &State, call: &Call) -> Value {
        let mut v = self.base.view(state, call);
        let (crop, small, _) = urls(&call.server_url, &self.base);
        let pairs = [
            ("class", Self::CLASS.into()),
            ("parentIdent", self.parent.into()),
            ("parentClassName", self.parent_class.clone().into()),
            ("status", self.status.into()),
            ("reviewUser", self.review_user.into()),
            ("terms", self.terms.clone().into()),
            ("term", self.terms.clone().into()),
            ("cropURL", crop.clone().into()),
            ("smallCropURL", small.into()),
            ("url", crop.into()),
            ("reviewed", true.into()),
        ];
        for (k, x) in pairs {
            v[k] = x;
        }
        v
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.base.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let parent = json::int(body, "parentIdent").or(old.map(|o| o.parent));
        let source = match old {
            Some(o) => o.base.clone(),
            None => {
                let a = parent.and_then(|id| state.annotations.get(id));
                a.cloned()
                    .ok_or_else(|| Fail::bad("parentIdent was not found with id: null"))?
            }
        };
        acl::write_project(call, state, source.project)?;
        let mut base = source;
        if let (Some(_), Some(location)) = (old, json::text(body, "location")) {
            let g =
                parse_wkt(&location).map_err(|_| Fail::bad("Annotation location is not valid"))?;
            base.bbox = g
                .bbox()
                .ok_or_else(|| Fail::bad("Annotation dimension not valid"))?;
            base.area = g.area();
            base.perimeter = g.length();
            base.centroid = g.centroid();
            base.geometry = g;
            base.location = location;
        }
        let terms = json::ids(body, "terms")
            .or_else(|| json::ids(body, "term"))
            .or_else(|| old.map(|o| o.terms.clone()))
            .unwrap_or_default();
        for t in &terms {
            super::annotation::check_term_in_project(state, *t, base.project)?;
        }
        Ok(ReviewedAnnotation {
            parent: parent.unwrap_or(0),
            parent_class: owner::USER_ANNOTATION.to_owned(),
            review_user: old.map_or(call.user()?.id, |o| o.review_user),
            terms,
            status: 0,
            base: Annotation {
                meta: Meta::blank(),
                ..base
            },
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state
            .reviewed_annotations
            .get(id)
            .map_or(0, |r| r.base.project);
        acl::write_project(call, state, project)?;
        owner::forget(state, REVIEWED_ANNOTATION, id);
        Ok(())
    }
}
