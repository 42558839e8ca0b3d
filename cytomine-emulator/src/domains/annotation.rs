//! User annotations (WIRE.md §3.11): create with `image` or `slice`, terms linked on create.

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::Routes;
use crate::geometry::parse_wkt;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{Annotation, AnnotationTerm, Meta, State};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.crud::<Annotation>("annotation")
        .post_many()
        .put()
        .delete();
    r.crud::<Annotation>("userannotation")
        .post_many()
        .put()
        .delete()
        .get();
    r.get("annotation/{id}.json", |c, p, s| {
        if p.id("id").is_some_and(|id| s.annotations.contains(id)) {
            crud::get::<Annotation>(c, s, p.id("id"), p.get("id"))
        } else {
            Err(Fail::not_found(format!(
                "Annotation {} not found",
                p.get("id")
            )))
        }
    });
}

/// Link `term` to `annotation` for `user`; returns the link id.
pub fn link_term(st: &mut State, annotation: i64, term: i64, user: i64, now: i64) -> i64 {
    let meta = st.meta(now);
    st.annotation_terms.insert(
        meta.id,
        AnnotationTerm {
            meta,
            annotation,
            term,
            user,
        },
    );
    st.terms_of_annotation
        .entry(annotation)
        .or_default()
        .push(meta.id);
    meta.id
}

/// The distinct term ids of an annotation.
pub fn term_ids(st: &State, annotation: i64) -> Vec<i64> {
    let mut ids: Vec<i64> = st
        .terms_of_annotation
        .get(&annotation)
        .into_iter()
        .flatten()
        .filter_map(|at| st.annotation_terms.get(*at).map(|l| l.term))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Check that `term` may be used in `project` (it belongs to the project's ontology).
pub fn check_term_in_project(st: &State, term: i64, project: i64) -> Result<(), Fail> {
    let ontology = st.projects.get(project).and_then(|p| p.ontology);
    match st.terms.get(term) {
        Some(t) if Some(t.ontology) == ontology => Ok(()),
        Some(_) => Err(Fail::bad(format!(
            "Term {term} is not in the ontology of project {project}"
        ))),
        None => Err(Fail::bad(format!("term was not found with id: {term}"))),
    }
}

fn tracks_in_body(body: &Body) -> Vec<i64> {
    j::ids(body, "track")
        .or_else(|| j::ids(body, "tracks"))
        .unwrap_or_default()
}

fn terms_in_body(body: &Body) -> Vec<i64> {
    j::ids(body, "term")
        .or_else(|| j::ids(body, "terms"))
        .unwrap_or_default()
}

/// Physical size X of an image instance (its own, else its base image's).
fn physical_size_x(st: &State, image: i64) -> Option<f64> {
    let inst = st.image_instances.get(image)?;
    inst.physical_size_x
        .or_else(|| st.abstract_images.get(inst.base_image)?.physical_size_x)
}

/// `(area, areaUnit, perimeter, perimeterUnit)` as the server reports them.
pub fn measures(st: &State, a: &Annotation) -> (f64, &'static str, f64, &'static str) {
    match physical_size_x(st, a.image) {
        Some(psx) => (
            a.area * psx * psx,
            "micron²",
            a.perimeter * psx / 1000.0,
            "mm",
        ),
        None => (a.area.round(), "pixels²", a.perimeter.round(), "pixels"),
    }
}

/// `(cropURL, smallCropURL, imageURL)`.
pub fn urls(server: &str, a: &Annotation) -> (String, String, String) {
    let crop = format!("{server}/api/userannotation/{}/crop.png", a.meta.id);
    let small = format!("{crop}?maxSize=256");
    (crop, small, image_url(server, a))
}

/// `imageURL`: the annotation in the web UI.
pub fn image_url(server: &str, a: &Annotation) -> String {
    format!(
        "{server}/#/project/{}/image/{}/annotation/{}",
        a.project, a.image, a.meta.id
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
    fn view(&self, st: &State, call: &Call) -> Value {
        let mut m = j::head(Self::CLASS, &self.meta);
        let (area, area_unit, perimeter, perimeter_unit) = measures(st, self);
        let (crop, small, image_url) = urls(&call.server_url, self);
        j::put_all(
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
                ("term", term_ids(st, self.meta.id).into()),
                ("nbComments", 0.into()),
                ("cropURL", crop.clone().into()),
                ("smallCropURL", small.into()),
                ("url", crop.into()),
                ("imageURL", image_url.into()),
                (
                    "reviewed",
                    super::review::is_reviewed(st, self.meta.id).into(),
                ),
            ],
        );
        let (tracks, placements) = super::track::of_annotation(st, self.meta.id);
        if !tracks.is_empty() {
            m.insert("track".into(), tracks.into());
            m.insert("annotationTrack".into(), placements.into());
        }
        let (groups, links) = super::annotation_group::of_annotation(st, self.meta.id);
        if let Some(group) = groups.first() {
            m.insert("group".into(), (*group).into());
            m.insert("annotationLinks".into(), links.into());
        }
        Value::Object(m)
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::read_project(call, st, self.project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let slice = j::int(body, "slice").and_then(|id| st.slice_instances.get(id));
        let slice = slice.or_else(|| {
            let image = j::int(body, "image")?;
            super::image_instance::reference_slice_of(st, image)
        });
        let slice = slice.ok_or_else(|| Fail::bad("Cannot retrieve slice or image"))?;
        let (slice_id, image, project) = (slice.meta.id, slice.image, slice.project);
        acl::write_project(call, st, project)?;
        let location = j::text(body, "location")
            .ok_or_else(|| Fail::bad("Annotation must have a valid geometry:null"))?;
        let geometry =
            parse_wkt(&location).map_err(|_| Fail::bad("Annotation location is not valid"))?;
        let bbox = geometry
            .bbox()
            .ok_or_else(|| Fail::bad("Annotation dimension not valid"))?;
        for term in terms_in_body(body) {
            check_term_in_project(st, term, project)?;
        }
        if let Some(group) = j::int(body, "group") {
            if st.annotation_groups.get(group).map(|g| g.project) != Some(project) {
                return Err(Fail::bad(format!(
                    "Annotation group {group} is not in project {project}"
                )));
            }
        }
        for track in tracks_in_body(body) {
            if st.tracks.get(track).map(|t| t.image) != Some(image) {
                return Err(Fail::bad(format!(
                    "Track {track} is not a track of image {image}"
                )));
            }
        }
        let user = j::reference(body, "user", false, |id| st.users.contains(id))?;
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
            location,
            geometry_compression: j::float(body, "geometryCompression").unwrap_or(0.0),
        })
    }
    fn after_add(call: &Call, st: &mut State, id: i64, body: &Body) -> Result<(), Fail> {
        let Some(a) = st.annotations.get(id) else {
            return Ok(());
        };
        let (image, project, user) = (a.image, a.project, a.user);
        if let Some(i) = st.image_instances.get_mut(image) {
            i.number_of_annotations += 1;
        }
        if let Some(p) = st.projects.get_mut(project) {
            p.number_of_annotations += 1;
        }
        for term in terms_in_body(body) {
            link_term(st, id, term, user, call.now);
        }
        super::track::place(call, st, id, &tracks_in_body(body))?;
        super::property::set_from_body(st, super::owner::USER_ANNOTATION, id, body, call.now);
        if let Some(group) = j::int(body, "group") {
            super::annotation_group::link(call, st, id, group)?;
        }
        Ok(())
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st.annotations.get(id).map_or(0, |a| a.project);
        acl::write_project(call, st, project)?;
        super::cascade::delete_annotation(st, id);
        Ok(())
    }
}
