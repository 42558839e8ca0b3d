//! Tracks and annotation tracks (docs/protocol.md §3.18, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::link::{self, End, Link};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{Annotation, AnnotationTrack, ImageInstance, Meta, State, Track};

const PAIR: &str = "annotationtrack/{a}/{t}.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.crud::<Track>("track").all();
    routes.get("project/{id}/track.json", |call, params, state| {
        let project = acl::read_project(call, state, params.id("id").unwrap_or(0))?
            .meta
            .id;
        crud::paged_where::<Track>(call, state, |t| t.project == project)
    });
    routes.get("imageinstance/{id}/track.json", |call, params, state| {
        let image = crud::find::<ImageInstance>(call, state, params.id("id"), params.get("id"))?;
        let image = image.meta.id;
        crud::paged_where::<Track>(call, state, |t| t.image == image)
    });
    routes.write("POST", "annotationtrack.json", |call, _, state| {
        crud::post_many::<AnnotationTrack>(call, state)
    });
    // client-compat, not in core: the Python client's `AnnotationTrack.save` posts here.
    routes.write("POST", PAIR, |call, params, state| {
        let (a, t) = (params.get("a").to_owned(), params.get("t").to_owned());
        crud::post_with::<AnnotationTrack>(call, state, |b| {
            b.entry("annotationIdent").or_insert(a.clone().into());
            b.entry("track").or_insert(t.clone().into());
        })
    });
    routes.link_by_ends::<AnnotationTrack>(PAIR);
    routes.links_of::<AnnotationTrack, Track, 1>("track/{id}/annotationtrack.json");
    routes.links_of::<AnnotationTrack, Annotation, 0>("annotation/{id}/annotationtrack.json");
}

/// The `track` ids and `annotationTrack` entries of an annotation (annotation JSON and listing).
pub(crate) fn of_annotation(state: &State, annotation: i64) -> (Vec<i64>, Vec<Value>) {
    state
        .annotation_tracks
        .iter()
        .filter(|x| x.annotation == annotation)
        .map(|x| (x.track, json!({"id": x.meta.id, "track": x.track})))
        .unzip()
}

/// Put a new annotation on tracks (the `track`/`tracks` of its create body).
pub(crate) fn place(
    call: &Call,
    state: &mut State,
    annotation: i64,
    tracks: &[i64],
) -> Result<(), Fail> {
    for track in tracks {
        let body = json!({"annotationIdent": annotation, "track": track});
        if let Value::Object(body) = body {
            crud::create_one::<AnnotationTrack>(call, state, &body)?;
        }
    }
    Ok(())
}

impl Domain for Track {
    const CLASS: &'static str = "be.cytomine.domain.ontology.Track";
    table_access!(tracks);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("color", json::opt(self.color.clone())),
                ("image", self.image.into()),
                ("project", self.project.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let image = json::int(body, "image").and_then(|id| state.image_instances.get(id));
        let image = image.ok_or_else(|| {
            let raw = json::text(body, "image").unwrap_or_else(|| "null".into());
            Fail::not_found(format!("ImageInstance {raw} not found"))
        })?;
        let (image, project) = (image.meta.id, image.project);
        acl::write_project(call, state, project)?;
        let name = json::required_text(body, "name")?;
        if name.trim().is_empty() {
            return Err(Fail::bad("name must be set! value=null"));
        }
        let taken = crud::taken(state, old, |t: &Self| t.image == image && t.name == name);
        if taken {
            return Err(Fail::exists(format!(
                "Track {name} already exist in this image!"
            )));
        }
        Ok(Track {
            meta: Meta::blank(),
            name,
            color: json::text(body, "color"),
            image,
            project,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state.tracks.get(id).map_or(0, |t| t.project);
        acl::write_project(call, state, project)?;
        state.annotation_tracks.remove_where(|x| x.track == id);
        Ok(())
    }
}

impl Domain for AnnotationTrack {
    const CLASS: &'static str = "be.cytomine.domain.ontology.AnnotationTrack";
    table_access!(annotation_tracks);
    fn label(&self) -> String {
        format!("{}/{}", self.annotation, self.track)
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("annotationIdent", self.annotation.into()),
                (
                    "annotationClassName",
                    owner::annotation_class(state, self.annotation).into(),
                ),
                ("track", self.track.into()),
                ("slice", self.slice.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        link::check_read(self, call, state)
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let a = json::referenced(body, "annotationIdent", &state.annotations)?;
        let t = json::referenced(body, "track", &state.tracks)?;
        if a.image != t.image {
            return Err(Fail::bad(format!(
                "Annotation {} and track {} are not on the same image",
                a.meta.id, t.meta.id
            )));
        }
        link::check_new::<Self>(call, state, t.project, [a.meta.id, t.meta.id], || {
            format!(
                "AnnotationTrack with annotation {} and track {} already exist!",
                a.meta.id, t.meta.id
            )
        })?;
        Ok(AnnotationTrack {
            meta: Meta::blank(),
            annotation: a.meta.id,
            track: t.meta.id,
            slice: a.slice,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        link::check_remove::<AnnotationTrack>(call, state, id)
    }
}

impl Link for AnnotationTrack {
    const ENDS: [End; 2] = [End::new("a", "annotation"), End::new("t", "track")];
    fn ends(&self) -> [i64; 2] {
        [self.annotation, self.track]
    }
    fn project(&self, state: &State) -> i64 {
        state.tracks.get(self.track).map_or(0, |t| t.project)
    }
}
