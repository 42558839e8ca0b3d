//! Tracks and annotation tracks (WIRE.md §3.18, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::link::{self, End, Link};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{Annotation, AnnotationTrack, ImageInstance, Meta, State, Track};

const PAIR: &str = "annotationtrack/{a}/{t}.json";

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.crud::<Track>("track").all();
    r.get("project/{id}/track.json", |c, p, s| {
        let project = acl::read_project(c, s, p.id("id").unwrap_or(0))?.meta.id;
        crud::paged_where::<Track>(c, s, |t| t.project == project)
    });
    r.get("imageinstance/{id}/track.json", |c, p, s| {
        let image = crud::find::<ImageInstance>(c, s, p.id("id"), p.get("id"))?;
        let image = image.meta.id;
        crud::paged_where::<Track>(c, s, |t| t.image == image)
    });
    r.write("POST", "annotationtrack.json", |c, _, s| {
        crud::post_many::<AnnotationTrack>(c, s)
    });
    // client-compat, not in core: the Python client's `AnnotationTrack.save` posts here.
    r.write("POST", PAIR, |c, p, s| {
        let (a, t) = (p.get("a").to_owned(), p.get("t").to_owned());
        crud::post_with::<AnnotationTrack>(c, s, |b| {
            b.entry("annotationIdent").or_insert(a.clone().into());
            b.entry("track").or_insert(t.clone().into());
        })
    });
    r.link_by_ends::<AnnotationTrack>(PAIR);
    r.links_of::<AnnotationTrack, Track, 1>("track/{id}/annotationtrack.json");
    r.links_of::<AnnotationTrack, Annotation, 0>("annotation/{id}/annotationtrack.json");
}

/// The `track` ids and `annotationTrack` entries of an annotation (annotation JSON and listing).
pub fn of_annotation(st: &State, annotation: i64) -> (Vec<i64>, Vec<Value>) {
    st.annotation_tracks
        .iter()
        .filter(|x| x.annotation == annotation)
        .map(|x| (x.track, json!({"id": x.meta.id, "track": x.track})))
        .unzip()
}

/// Put a new annotation on tracks (the `track`/`tracks` of its create body).
pub fn place(call: &Call, st: &mut State, annotation: i64, tracks: &[i64]) -> Result<(), Fail> {
    for track in tracks {
        let body = json!({"annotationIdent": annotation, "track": track});
        if let Value::Object(body) = body {
            crud::create_one::<AnnotationTrack>(call, st, &body)?;
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
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("color", j::opt(self.color.clone())),
                ("image", self.image.into()),
                ("project", self.project.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::read_project(call, st, self.project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let image = j::int(body, "image").and_then(|id| st.image_instances.get(id));
        let image = image.ok_or_else(|| {
            let raw = j::text(body, "image").unwrap_or_else(|| "null".into());
            Fail::not_found(format!("ImageInstance {raw} not found"))
        })?;
        let (image, project) = (image.meta.id, image.project);
        acl::write_project(call, st, project)?;
        let name = j::required_text(body, "name")?;
        if name.trim().is_empty() {
            return Err(Fail::bad("name must be set! value=null"));
        }
        let taken = crud::taken(st, old, |t: &Self| t.image == image && t.name == name);
        if taken {
            return Err(Fail::exists(format!(
                "Track {name} already exist in this image!"
            )));
        }
        Ok(Track {
            meta: Meta::blank(),
            name,
            color: j::text(body, "color"),
            image,
            project,
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st.tracks.get(id).map_or(0, |t| t.project);
        acl::write_project(call, st, project)?;
        st.annotation_tracks.remove_where(|x| x.track == id);
        Ok(())
    }
}

impl Domain for AnnotationTrack {
    const CLASS: &'static str = "be.cytomine.domain.ontology.AnnotationTrack";
    table_access!(annotation_tracks);
    fn label(&self) -> String {
        format!("{}/{}", self.annotation, self.track)
    }
    fn view(&self, st: &State, _call: &Call) -> Value {
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("annotationIdent", self.annotation.into()),
                (
                    "annotationClassName",
                    owner::annotation_class(st, self.annotation).into(),
                ),
                ("track", self.track.into()),
                ("slice", self.slice.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        link::check_read(self, call, st)
    }
    fn build(call: &Call, st: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let a = j::referenced(body, "annotationIdent", &st.annotations)?;
        let t = j::referenced(body, "track", &st.tracks)?;
        if a.image != t.image {
            return Err(Fail::bad(format!(
                "Annotation {} and track {} are not on the same image",
                a.meta.id, t.meta.id
            )));
        }
        link::check_new::<Self>(call, st, t.project, [a.meta.id, t.meta.id], || {
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
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        link::check_remove::<AnnotationTrack>(call, st, id)
    }
}

impl Link for AnnotationTrack {
    const ENDS: [End; 2] = [End::new("a", "annotation"), End::new("t", "track")];
    fn ends(&self) -> [i64; 2] {
        [self.annotation, self.track]
    }
    fn project(&self, st: &State) -> i64 {
        st.tracks.get(self.track).map_or(0, |t| t.project)
    }
}
