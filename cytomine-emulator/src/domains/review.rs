//! Review (WIRE.md §4.7): image review mode, accepting and rejecting annotations, and the
//! reviewed annotations themselves (`reviewedannotation`).

use serde_json::{json, Value};

mod layer;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
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
pub fn routes(r: &mut Routes) {
    for method in ["POST", "PUT"] {
        r.write(method, "imageinstance/{id}/review.json", start);
        r.write(method, "annotation/{id}/review.json", accept);
    }
    r.write("GET", "annotation/{id}/review.json", accept);
    r.write("DELETE", "imageinstance/{id}/review.json", stop);
    r.write("DELETE", "annotation/{id}/review.json", reject);
    layer::routes(r);
    r.get("reviewedannotation.json", list);
    r.crud::<ReviewedAnnotation>("reviewedannotation")
        .get()
        .put()
        .delete();
}

/// Whether user annotation `id` has been accepted.
pub fn is_reviewed(st: &State, id: i64) -> bool {
    st.reviewed_annotations.iter().any(|r| r.parent == id)
}

/// `(cropURL, smallCropURL, imageURL)` of a reviewed annotation; `smallCropURL` misses the `/`
/// after the server URL, as M builds it (WIRE.md §3.11).
pub fn urls(server: &str, a: &Annotation) -> (String, String, String) {
    let path = format!("api/reviewedannotation/{}/crop.png", a.meta.id);
    (
        format!("{server}/{path}"),
        format!("{server}{path}?maxSize=256"),
        super::annotation::image_url(server, a),
    )
}

/// The review fields of an image instance's JSON, and its reviewed-annotation count.
pub fn image_fields(st: &State, image: i64) -> Vec<(&'static str, Value)> {
    let review = st.image_reviews.get(&image);
    let count = st
        .reviewed_annotations
        .iter()
        .filter(|r| r.base.image == image)
        .count();
    vec![
        ("reviewStart", j::opt(review.map(|r| r.start.to_string()))),
        (
            "reviewStop",
            j::opt(review.and_then(|r| r.stop).map(|t| t.to_string())),
        ),
        ("reviewUser", j::opt(review.map(|r| r.user))),
        ("reviewed", review.is_some_and(|r| r.stop.is_some()).into()),
        ("inReview", review.is_some_and(|r| r.stop.is_none()).into()),
        ("numberOfReviewedAnnotations", count.into()),
    ]
}

/// The number of reviewed annotations of a project.
pub fn project_count(st: &State, project: i64) -> usize {
    st.reviewed_annotations
        .iter()
        .filter(|r| r.base.project == project)
        .count()
}

fn image_answer(call: &Call, st: &State, image: i64, what: &str) -> Outcome {
    let i = crud::find::<ImageInstance>(call, st, Some(image), &image.to_string())?;
    let view = i.view(st, call);
    let user = &call.user()?.username;
    let name = view["instanceFilename"].as_str().unwrap_or_default();
    Ok(Reply::json(
        200,
        &json!({"message": format!("{user} {what} reviewing on {name}"), "imageinstance": view}),
    ))
}

/// `POST`/`PUT imageinstance/{id}/review.json`: start review mode.
fn start(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let i = crud::find::<ImageInstance>(call, st, p.id("id"), p.get("id"))?;
    let id = i.meta.id;
    acl::write_project(call, st, i.project)?;
    let review = ImageReview {
        start: call.now,
        stop: None,
        user: call.user()?.id,
    };
    st.image_reviews.insert(id, review);
    image_answer(call, st, id, "start")
}

/// The review of an image in review mode, whose reviewer is the caller.
fn reviewer_check(call: &Call, st: &State, image: i64, what: &str) -> Result<(), Fail> {
    let review = st.image_reviews.get(&image).filter(|r| r.stop.is_none());
    let review =
        review.ok_or_else(|| Fail::bad(format!("Cannot {what}, enable image review mode!")))?;
    if review.user != call.user()?.id {
        let name = st
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
fn stop(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let id = crud::find::<ImageInstance>(call, st, p.id("id"), p.get("id"))?
        .meta
        .id;
    reviewer_check(call, st, id, "close review")?;
    let cancel = call.flag_or("cancel", false);
    if cancel {
        st.image_reviews.remove(&id);
    } else if let Some(r) = st.image_reviews.get_mut(&id) {
        r.stop = Some(call.now);
    }
    image_answer(call, st, id, if cancel { "cancel" } else { "validate" })
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
        return Ok(j::ids(&body, "terms").unwrap_or_default());
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
fn accept(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let a = st
        .annotations
        .get(p.id("id").unwrap_or(0))
        .ok_or_else(|| Fail::not_found(format!("Annotation {} not found", p.get("id"))))?;
    let (id, image) = (a.meta.id, a.image);
    acl::read_project(call, st, a.project)?;
    reviewer_check(call, st, image, "accept annotation")?;
    if is_reviewed(st, id) {
        return Err(Fail::bad("Annotation is already accepted!"));
    }
    let mut terms = sent_terms(call)?;
    terms.extend(super::annotation::term_ids(st, id));
    terms.sort_unstable();
    terms.dedup();
    let created = review_copy(call, st, id, terms)?;
    crud::added::<ReviewedAnnotation>(call, st, created)
}

/// Store the reviewed copy of user annotation `parent` with `terms`, by the caller; its id.
fn review_copy(call: &Call, st: &mut State, parent: i64, terms: Vec<i64>) -> Result<i64, Fail> {
    let mut body = Body::new();
    body.insert("parentIdent".to_owned(), parent.into());
    body.insert("terms".to_owned(), terms.into());
    crud::create_one::<ReviewedAnnotation>(call, st, &body)
}

/// `DELETE annotation/{id}/review.json`: reject (delete the reviewed copy).
fn reject(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let parent = p.id("id").unwrap_or(0);
    let r = st.reviewed_annotations.iter().find(|r| r.parent == parent);
    let r = r.ok_or_else(|| Fail::bad(format!("Annotation {parent} is not accepted!")))?;
    let (id, image) = (r.base.meta.id, r.base.image);
    reviewer_check(call, st, image, "reject annotation")?;
    crud::delete::<ReviewedAnnotation>(call, st, Some(id))
}

/// `GET reviewedannotation.json?project=&image=`.
fn list(call: &Call, _p: &Params, st: &State) -> Outcome {
    let project = call.int("project")?;
    let image = call.int("image")?;
    let items: Vec<&ReviewedAnnotation> = st
        .reviewed_annotations
        .iter()
        .rev()
        .filter(|r| project.map_or(true, |p| r.base.project == p))
        .filter(|r| image.map_or(true, |i| r.base.image == i))
        .filter(|r| r.check_read(call, st).is_ok())
        .collect();
    paged(call, items, |r| r.view(st, call))
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
    fn view(&self, st: &State, call: &Call) -> Value {
        let mut v = self.base.view(st, call);
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
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::read_project(call, st, self.base.project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let parent = j::int(body, "parentIdent").or(old.map(|o| o.parent));
        let source = match old {
            Some(o) => o.base.clone(),
            None => {
                let a = parent.and_then(|id| st.annotations.get(id));
                a.cloned()
                    .ok_or_else(|| Fail::bad("parentIdent was not found with id: null"))?
            }
        };
        acl::write_project(call, st, source.project)?;
        let mut base = source;
        if let (Some(_), Some(location)) = (old, j::text(body, "location")) {
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
        let terms = j::ids(body, "terms")
            .or_else(|| j::ids(body, "term"))
            .or_else(|| old.map(|o| o.terms.clone()))
            .unwrap_or_default();
        for t in &terms {
            super::annotation::check_term_in_project(st, *t, base.project)?;
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
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st
            .reviewed_annotations
            .get(id)
            .map_or(0, |r| r.base.project);
        acl::write_project(call, st, project)?;
        owner::forget(st, REVIEWED_ANNOTATION, id);
        Ok(())
    }
}
