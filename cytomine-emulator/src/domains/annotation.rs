//! User annotations (docs/protocol.md §3.11): create with `image` or `slice`, terms linked on create.

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::Routes;
use crate::geometry::rules::{self, Stage};
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{Annotation, AnnotationTerm, Meta, SliceInstance, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes
        .crud::<Annotation>("annotation")
        .post_many()
        .put()
        .delete();
    routes
        .crud::<Annotation>("userannotation")
        .post_many()
        .put()
        .delete()
        .get();
    routes.get("annotation/{id}.json", |call, params, state| {
        if params
            .id("id")
            .is_some_and(|id| state.annotations.contains(id))
        {
            crud::get::<Annotation>(call, state, params.id("id"), params.get("id"))
        } else {
            Err(Fail::not_found(format!(
                "Annotation {} not found",
                params.get("id")
            )))
        }
    });
}

/// Link `term` to `annotation` for `user`; returns the link id.
pub(crate) fn link_term(state: &mut State, annotation: i64, term: i64, user: i64, now: i64) -> i64 {
    let meta = state.meta(now);
    state.annotation_terms.insert(
        meta.id,
        AnnotationTerm {
            meta,
            annotation,
            term,
            user,
        },
    );
    state
        .terms_of_annotation
        .entry(annotation)
        .or_default()
        .push(meta.id);
    meta.id
}

/// The distinct term ids of an annotation.
pub(crate) fn term_ids(state: &State, annotation: i64) -> Vec<i64> {
    let mut ids: Vec<i64> = state
        .terms_of_annotation
        .get(&annotation)
        .into_iter()
        .flatten()
        .filter_map(|at| state.annotation_terms.get(*at).map(|l| l.term))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Check that `term` may be used in `project` (it belongs to the project's ontology).
pub(crate) fn check_term_in_project(state: &State, term: i64, project: i64) -> Result<(), Fail> {
    let ontology = state.projects.get(project).and_then(|p| p.ontology);
    match state.terms.get(term) {
        Some(t) if Some(t.ontology) == ontology => Ok(()),
        Some(_) => Err(Fail::bad(format!(
            "Term {term} is not in the ontology of project {project}"
        ))),
        None => Err(Fail::bad(format!("term was not found with id: {term}"))),
    }
}

fn tracks_in_body(body: &Body) -> Vec<i64> {
    json::ids(body, "track")
        .or_else(|| json::ids(body, "tracks"))
        .unwrap_or_default()
}

fn terms_in_body(body: &Body) -> Vec<i64> {
    json::ids(body, "term")
        .or_else(|| json::ids(body, "terms"))
        .unwrap_or_default()
}

/// The slice an annotation is drawn on: the body's `slice`, else the reference slice of its
/// `image`. On add, an unknown one is 404 `SliceInstance with id N` / `ImageInstance with id
/// N` (`UserAnnotationService.add`, docs/protocol.md §3.11); on update, 400 `Annotation not
/// associated with a valid image` (`UserAnnotationService.update`).
fn slice_of<'s>(state: &'s State, body: &Body, update: bool) -> Result<&'s SliceInstance, Fail> {
    let shown = |key: &str| match body.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => "null".into(),
    };
    let present = |key: &str| body.get(key).is_some_and(|v| !v.is_null());
    let found = if present("slice") {
        json::int(body, "slice")
            .and_then(|id| state.slice_instances.get(id))
            .ok_or_else(|| format!("SliceInstance with id {}", shown("slice")))
    } else if present("image") {
        json::int(body, "image")
            .and_then(|id| super::image_instance::reference_slice_of(state, id))
            .ok_or_else(|| format!("ImageInstance with id {}", shown("image")))
    } else {
        return Err(Fail::bad(if update {
            "Annotation not associated with a valid image"
        } else {
            "Cannot retrieve slice or image"
        }));
    };
    found.map_err(|message| match update {
        true => Fail::bad("Annotation not associated with a valid image"),
        false => Fail::not_found(message),
    })
}

/// The width and height of an image instance's abstract image, when both are known: the
/// bounds annotations are clipped to.
fn image_size(state: &State, image: i64) -> Option<(f64, f64)> {
    let base = state
        .abstract_images
        .get(state.image_instances.get(image)?.base_image)?;
    Some((base.width? as f64, base.height? as f64))
}

/// Physical size X of an image instance (its own, else its base image's).
fn physical_size_x(state: &State, image: i64) -> Option<f64> {
    let inst = state.image_instances.get(image)?;
    inst.physical_size_x
        .or_else(|| state.abstract_images.get(inst.base_image)?.physical_size_x)
}

/// `(area, areaUnit, perimeter, perimeterUnit)` as the server reports them.
pub(crate) fn measures(
    state: &State,
    annotation: &Annotation,
) -> (f64, &'static str, f64, &'static str) {
    match physical_size_x(state, annotation.image) {
        Some(psx) => (
            annotation.area * psx * psx,
            "micron²",
            annotation.perimeter * psx / 1000.0,
            "mm",
        ),
        None => (
            annotation.area.round(),
            "pixels²",
            annotation.perimeter.round(),
            "pixels",
        ),
    }
}

/// `(cropURL, smallCropURL, imageURL)`.
pub(crate) fn urls(server: &str, annotation: &Annotation) -> (String, String, String) {
    let crop = format!(
        "{server}/api/userannotation/{}/crop.png",
        annotation.meta.id
    );
    let small = format!("{crop}?maxSize=256");
    (crop, small, image_url(server, annotation))
}

/// `imageURL`: the annotation in the web UI.
pub(crate) fn image_url(server: &str, annotation: &Annotation) -> String {
    format!(
        "{server}/#/project/{}/image/{}/annotation/{}",
        annotation.project, annotation.image, annotation.meta.id
    )
}

impl Domain for Annotation {
    const CLASS: &'static str = "be.cytomine.domain.ontology.UserAnnotation";
    fn key() -> String {
        "annotation".into()
    }
    table_access!(annotations);
    fn label(&self) -> String {
        self.image.to_string()
    }
    fn view(&self, state: &State, call: &Call) -> Value {
        let mut m = json::head(Self::CLASS, &self.meta);
        let (area, area_unit, perimeter, perimeter_unit) = measures(state, self);
        let (crop, small, image_url) = urls(&call.server_url, self);
        json::put_all(
            &mut m,
            vec![
                ("slice", self.slice.into()),
                ("image", self.image.into()),
                ("project", self.project.into()),
                ("user", self.user.into()),
                ("location", self.location.clone().into()),
                ("geometryCompression", self.geometry_compression.into()),
                (
                    "centroid",
                    json!({"x": self.centroid.0, "y": self.centroid.1}),
                ),
                ("area", area.into()),
                ("areaUnit", area_unit.into()),
                ("perimeter", perimeter.into()),
                ("perimeterUnit", perimeter_unit.into()),
                ("term", term_ids(state, self.meta.id).into()),
                ("nbComments", 0.into()),
                ("cropURL", crop.clone().into()),
                ("smallCropURL", small.into()),
                ("url", crop.into()),
                ("imageURL", image_url.into()),
                (
                    "reviewed",
                    super::review::is_reviewed(state, self.meta.id).into(),
                ),
            ],
        );
        let (tracks, placements) = super::track::of_annotation(state, self.meta.id);
        if !tracks.is_empty() {
            m.insert("track".into(), tracks.into());
            m.insert("annotationTrack".into(), placements.into());
        }
        let (groups, links) = super::annotation_group::of_annotation(state, self.meta.id);
        if let Some(group) = groups.first() {
            m.insert("group".into(), (*group).into());
            m.insert("annotationLinks".into(), links.into());
        }
        Value::Object(m)
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let slice = slice_of(state, body, old.is_some())?;
        let (slice_id, image, project) = (slice.meta.id, slice.image, slice.project);
        acl::write_project(call, state, project)?;
        let location = json::text(body, "location")
            .ok_or_else(|| Fail::bad("Annotation must have a valid geometry:null"))?;
        let stage = match old {
            None => Stage::Add,
            Some(_) => Stage::Update {
                compression: json::float(body, "geometryCompression").unwrap_or(0.0),
            },
        };
        let shaped = rules::shape(&location, image_size(state, image), stage).map_err(Fail::bad)?;
        let geometry = shaped.geometry;
        let bbox = geometry
            .bbox()
            .ok_or_else(|| Fail::bad("Annotation dimension not valid"))?;
        for term in terms_in_body(body) {
            check_term_in_project(state, term, project)?;
        }
        if let Some(group) = json::int(body, "group") {
            if state.annotation_groups.get(group).map(|g| g.project) != Some(project) {
                return Err(Fail::bad(format!(
                    "Annotation group {group} is not in project {project}"
                )));
            }
        }
        for track in tracks_in_body(body) {
            if state.tracks.get(track).map(|t| t.image) != Some(image) {
                return Err(Fail::bad(format!(
                    "Track {track} is not a track of image {image}"
                )));
            }
        }
        let user = json::reference(body, "user", false, |id| state.users.contains(id))?;
        Ok(Annotation {
            meta: Meta::blank(),
            slice: slice_id,
            image,
            project,
            user: user.or(old.map(|o| o.user)).unwrap_or(call.user()?.id),
            area: geometry.area(),
            perimeter: geometry.length(),
            centroid: geometry.centroid(),
            bbox,
            geometry,
            location: shaped.location,
            geometry_compression: shaped.compression,
        })
    }
    fn after_add(call: &Call, state: &mut State, id: i64, body: &Body) -> Result<(), Fail> {
        let Some(a) = state.annotations.get(id) else {
            return Ok(());
        };
        let (image, project, user) = (a.image, a.project, a.user);
        if let Some(i) = state.image_instances.get_mut(image) {
            i.number_of_annotations += 1;
        }
        if let Some(p) = state.projects.get_mut(project) {
            p.number_of_annotations += 1;
        }
        for term in terms_in_body(body) {
            link_term(state, id, term, user, call.now);
        }
        super::track::place(call, state, id, &tracks_in_body(body))?;
        super::property::set_from_body(state, super::owner::USER_ANNOTATION, id, body, call.now);
        if let Some(group) = json::int(body, "group") {
            super::annotation_group::link(call, state, id, group)?;
        }
        Ok(())
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state.annotations.get(id).map_or(0, |a| a.project);
        acl::write_project(call, state, project)?;
        super::cascade::delete_annotation(state, id);
        Ok(())
    }
}
