//! Annotation groups (with merge) and annotation links (docs/protocol.md §3.19, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::link::{self, End, Link};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::route::Params;
use crate::store::{Annotation, AnnotationGroup, AnnotationLink, ImageGroup, Meta, State};

const PAIR: &str = "annotationgroup/{g}/annotation/{a}.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.crud::<AnnotationGroup>("annotationgroup").all();
    routes.get(
        "project/{id}/annotationgroup.json",
        |call, params, state| {
            let project = acl::read_project(call, state, params.id("id").unwrap_or(0))?
                .meta
                .id;
            crud::paged_where::<AnnotationGroup>(call, state, |g| g.project == project)
        },
    );
    routes.get(
        "imagegroup/{id}/annotationgroup.json",
        |call, params, state| {
            let ig = crud::find::<ImageGroup>(call, state, params.id("id"), params.get("id"))?
                .meta
                .id;
            crud::paged_where::<AnnotationGroup>(call, state, |g| g.image_group == ig)
        },
    );
    routes.write(
        "POST",
        "annotationgroup/{id}/annotationgroup/{other}/merge.json",
        merge,
    );
    routes.write("POST", "annotationlink.json", |call, _, state| {
        crud::post_many::<AnnotationLink>(call, state)
    });
    // client-compat, not in core (M): the Python client's `AnnotationLink.fetch`.
    routes.link_by_ends::<AnnotationLink>(PAIR);
    routes
        .links_of::<AnnotationLink, AnnotationGroup, 0>("annotationgroup/{id}/annotationlink.json");
    routes.links_of::<AnnotationLink, Annotation, 1>("annotation/{id}/annotationlink.json");
}

/// Move the links of `other` into `id`, delete `other`, answer an Edit envelope for `id`.
fn merge(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let g = crud::find::<AnnotationGroup>(call, state, params.id("id"), params.get("id"))?.clone();
    let o = crud::find::<AnnotationGroup>(call, state, params.id("other"), params.get("other"))?
        .clone();
    acl::write_project(call, state, g.project)?;
    let same = g.project == o.project && g.image_group == o.image_group && g.kind == o.kind;
    if !same || g.meta.id == o.meta.id {
        return Err(Fail::bad(format!(
            "Annotation groups {} and {} are incompatible to be merged.",
            g.meta.id, o.meta.id
        )));
    }
    let kept: Vec<i64> = state
        .annotation_links
        .iter()
        .filter(|l| l.group == g.meta.id)
        .map(|l| l.annotation)
        .collect();
    state
        .annotation_links
        .remove_where(|l| l.group == o.meta.id && kept.contains(&l.annotation));
    for id in state.annotation_links.ids_where(|l| l.group == o.meta.id) {
        if let Some(l) = state.annotation_links.get_mut(id) {
            l.group = g.meta.id;
        }
    }
    state.annotation_groups.remove(o.meta.id);
    if let Some(kept) = state.annotation_groups.get_mut(g.meta.id) {
        kept.meta.updated = call.now;
    }
    crud::edited::<AnnotationGroup>(call, state, g.meta.id)
}

/// The `annotationLinks` of an annotation (annotation JSON), with their group ids.
pub(crate) fn of_annotation(state: &State, annotation: i64) -> (Vec<i64>, Vec<Value>) {
    state
        .annotation_links
        .iter()
        .filter(|l| l.annotation == annotation)
        .map(|l| {
            let entry = json!({"id": l.meta.id, "annotation": l.annotation, "image": l.image,
                "group": l.group, "updated": l.meta.updated.to_string()});
            (l.group, entry)
        })
        .unzip()
}

/// Link a new annotation to group `group` (the `group` of its create body).
pub(crate) fn link(
    call: &Call,
    state: &mut State,
    annotation: i64,
    group: i64,
) -> Result<(), Fail> {
    let body = json!({"annotationIdent": annotation, "group": group});
    if let Value::Object(body) = body {
        crud::create_one::<AnnotationLink>(call, state, &body)?;
    }
    Ok(())
}

impl Domain for AnnotationGroup {
    const CLASS: &'static str = "be.cytomine.domain.ontology.AnnotationGroup";
    table_access!(annotation_groups);
    fn label(&self) -> String {
        self.kind.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("project", self.project.into()),
                ("imageGroup", self.image_group.into()),
                ("type", self.kind.clone().into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let project = json::required_ref(body, "project", |id| state.projects.contains(id))?;
        let ig = json::referenced(body, "imageGroup", &state.image_groups)?;
        if ig.project != project {
            return Err(Fail::bad(format!(
                "Image group {} is not in project {project}",
                ig.meta.id
            )));
        }
        acl::write_project(call, state, project)?;
        Ok(AnnotationGroup {
            meta: Meta::blank(),
            project,
            image_group: ig.meta.id,
            kind: json::text(body, "type").unwrap_or_else(|| "SAME_OBJECT".into()),
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state.annotation_groups.get(id).map_or(0, |g| g.project);
        acl::write_project(call, state, project)?;
        state.annotation_links.remove_where(|l| l.group == id);
        Ok(())
    }
}

impl Domain for AnnotationLink {
    const CLASS: &'static str = "be.cytomine.domain.ontology.AnnotationLink";
    table_access!(annotation_links);
    fn label(&self) -> String {
        format!("{}/{}", self.group, self.annotation)
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("annotationClassName", self.annotation_class.clone().into()),
                ("annotationIdent", self.annotation.into()),
                ("group", self.group.into()),
                ("image", self.image.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        link::check_read(self, call, state)
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let a = json::referenced(body, "annotationIdent", &state.annotations)?;
        let g = json::referenced(body, "group", &state.annotation_groups)?;
        if a.project != g.project {
            return Err(Fail::bad(format!(
                "Annotation {} and annotation group {} are not in the same project",
                a.meta.id, g.meta.id
            )));
        }
        link::check_new::<Self>(call, state, g.project, [g.meta.id, a.meta.id], || {
            format!(
                "AnnotationLink with annotation {} and group {} already exist!",
                a.meta.id, g.meta.id
            )
        })?;
        Ok(AnnotationLink {
            meta: Meta::blank(),
            annotation: a.meta.id,
            annotation_class: owner::USER_ANNOTATION.to_owned(),
            group: g.meta.id,
            image: a.image,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        link::check_remove::<AnnotationLink>(call, state, id)
    }
}

impl Link for AnnotationLink {
    const ENDS: [End; 2] = [End::new("g", "group"), End::new("a", "annotation")];
    fn ends(&self) -> [i64; 2] {
        [self.group, self.annotation]
    }
    fn project(&self, state: &State) -> i64 {
        state
            .annotation_groups
            .get(self.group)
            .map_or(0, |g| g.project)
    }
}
