//! Resolving `domainClassName`/`domainIdent` pairs to stored objects, and their access rights
//! (docs/protocol.md §3.14: only `be.cytomine.domain.*` classes that exist; otherwise 404 `Domain <cls>/<id>`).

use super::acl;
use super::json::{self, Body};
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::http::route::Params;
use crate::store::{DomainRef, Meta, State};

/// `be.cytomine.domain.project.Project`.
pub(crate) const PROJECT: &str = "be.cytomine.domain.project.Project";
/// `be.cytomine.domain.image.ImageInstance`.
pub(crate) const IMAGE_INSTANCE: &str = "be.cytomine.domain.image.ImageInstance";
/// `be.cytomine.domain.image.AbstractImage`.
pub(crate) const ABSTRACT_IMAGE: &str = "be.cytomine.domain.image.AbstractImage";
/// `be.cytomine.domain.ontology.UserAnnotation`.
pub(crate) const USER_ANNOTATION: &str = "be.cytomine.domain.ontology.UserAnnotation";
/// `be.cytomine.domain.ontology.ReviewedAnnotation`.
pub(crate) const REVIEWED_ANNOTATION: &str = "be.cytomine.domain.ontology.ReviewedAnnotation";
/// The abstract parent class of annotations (resolves either kind).
const ANNOTATION_DOMAIN: &str = "be.cytomine.domain.ontology.AnnotationDomain";

/// Who decides access to an owner.
enum Scope {
    /// A project's members.
    Project(i64),
    /// Readers of an ontology.
    Ontology(i64),
    /// Any authenticated user (writes: not a guest).
    Open,
}

/// The scope of an existing object, or `None` when the class is unknown or the id is missing.
fn scope_of(state: &State, class: &str, id: i64) -> Option<Scope> {
    let project = |p: Option<i64>| p.map(Scope::Project);
    let open = |exists: bool| exists.then_some(Scope::Open);
    match class.strip_prefix("be.cytomine.domain.")? {
        "project.Project" => project(state.projects.contains(id).then_some(id)),
        "image.ImageInstance" => project(state.image_instances.get(id).map(|i| i.project)),
        "image.SliceInstance" => project(state.slice_instances.get(id).map(|s| s.project)),
        "ontology.UserAnnotation" => project(state.annotations.get(id).map(|a| a.project)),
        "ontology.ReviewedAnnotation" => {
            project(state.reviewed_annotations.get(id).map(|r| r.base.project))
        }
        "ontology.AnnotationDomain" => scope_of(state, USER_ANNOTATION, id)
            .or_else(|| scope_of(state, REVIEWED_ANNOTATION, id)),
        "ontology.Track" => project(state.tracks.get(id).map(|t| t.project)),
        "image.group.ImageGroup" => project(state.image_groups.get(id).map(|g| g.project)),
        "ontology.AnnotationGroup" => project(state.annotation_groups.get(id).map(|g| g.project)),
        "ontology.Ontology" => state.ontologies.contains(id).then_some(Scope::Ontology(id)),
        "ontology.Term" => state.terms.get(id).map(|t| Scope::Ontology(t.ontology)),
        "image.AbstractImage" => open(state.abstract_images.contains(id)),
        "image.AbstractSlice" => open(state.abstract_slices.contains(id)),
        "image.UploadedFile" => open(state.uploaded_files.contains(id)),
        "image.server.Storage" => open(state.storages.contains(id)),
        "security.User" => open(state.users.contains(id)),
        "meta.Tag" => open(state.tags.contains(id)),
        _ => None,
    }
}

/// The class name as sent, with `_` read as `.` (description routes accept both).
pub(crate) fn normalize(class: &str) -> String {
    class.replace('_', ".")
}

/// The 404 for an unknown owner.
fn unknown(class: &str, id: &str) -> Fail {
    Fail::not_found(format!("Domain {class}/{id}"))
}

/// Resolve a class name and an id text to an existing owner (404 `Domain <cls>/<id>` otherwise).
pub(crate) fn resolve(state: &State, class: &str, id: &str) -> Result<DomainRef, Fail> {
    let class = normalize(class);
    let ident = id.trim().parse::<i64>().map_err(|_| unknown(&class, id))?;
    scope_of(state, &class, ident).ok_or_else(|| unknown(&class, id))?;
    let class = if class == ANNOTATION_DOMAIN {
        annotation_class(state, ident).to_owned()
    } else {
        class
    };
    Ok(DomainRef { class, ident })
}

/// The concrete class of annotation `id` (user or reviewed).
pub(crate) fn annotation_class(state: &State, id: i64) -> &'static str {
    if state.reviewed_annotations.contains(id) {
        REVIEWED_ANNOTATION
    } else {
        USER_ANNOTATION
    }
}

/// The owner named by a route: `domain/{cls}/{id}/...`, or a shortcut `project/{id}/...`,
/// `imageinstance/{id}/...`, `annotation/{id}/...` (taken from the path's first segment).
pub(crate) fn from_route(call: &Call, params: &Params, state: &State) -> Result<DomainRef, Fail> {
    let id = params.get("id");
    if !params.get("cls").is_empty() {
        return resolve(state, params.get("cls"), id);
    }
    let first = call
        .path
        .trim_start_matches("/api/")
        .split('/')
        .next()
        .unwrap_or("");
    let class = match first {
        "project" => PROJECT,
        "imageinstance" => IMAGE_INSTANCE,
        _ => ANNOTATION_DOMAIN,
    };
    resolve(state, class, id)
}

/// The owner named in a body by `domainClassName` and `domainIdent` (or `domain`).
pub(crate) fn from_body(state: &State, body: &Body) -> Result<DomainRef, Fail> {
    let class = json::required_text(body, "domainClassName")?;
    let id = json::text(body, "domainIdent")
        .or_else(|| json::text(body, "domain"))
        .ok_or_else(|| Fail::bad("domainIdent must be set! value=null"))?;
    resolve(state, &class, &id)
}

/// Put the route's owner into `body` where the body does not name one.
pub(crate) fn fill_body(body: &mut Body, owner: &DomainRef) {
    body.entry("domainClassName")
        .or_insert_with(|| owner.class.clone().into());
    if !body.contains_key("domainIdent") && !body.contains_key("domain") {
        body.insert("domainIdent".into(), owner.ident.into());
    }
}

fn denied(owner: &DomainRef) -> Fail {
    acl::denied(&owner.class, owner.ident)
}

/// Whether the caller may read the owner.
pub(crate) fn check_read(call: &Call, state: &State, owner: &DomainRef) -> Result<(), Fail> {
    match scope_of(state, &owner.class, owner.ident) {
        Some(Scope::Project(p)) => acl::read_project(call, state, p).map(|_| ()),
        Some(Scope::Ontology(o)) => {
            let readable = state
                .ontologies
                .get(o)
                .is_some_and(|o| super::ontology::readable(call, state, o));
            readable.then_some(()).ok_or_else(|| denied(owner))
        }
        Some(Scope::Open) => call.user().map(|_| ()),
        None => Err(unknown(&owner.class, &owner.ident.to_string())),
    }
}

/// Whether the caller may attach data to (or change the data of) the owner.
pub(crate) fn check_write(call: &Call, state: &State, owner: &DomainRef) -> Result<(), Fail> {
    match scope_of(state, &owner.class, owner.ident) {
        Some(Scope::Project(p)) => acl::write_project(call, state, p).map(|_| ()),
        Some(_) => {
            check_read(call, state, owner)?;
            acl::not_guest(call).map(|_| ())
        }
        None => Err(unknown(&owner.class, &owner.ident.to_string())),
    }
}

/// The owner's JSON fields `domainIdent`, `domainClassName`.
pub(crate) fn fields(owner: &DomainRef) -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("domainIdent", owner.ident.into()),
        ("domainClassName", owner.class.clone().into()),
    ]
}

/// The JSON of a record attached to `owner`: the head, `domainIdent` and `domainClassName`, then
/// `pairs`.
pub(crate) fn object(
    class: &str,
    meta: &Meta,
    owner: &DomainRef,
    pairs: Vec<(&str, serde_json::Value)>,
) -> serde_json::Value {
    let mut all = fields(owner);
    all.extend(pairs);
    json::object(class, meta, all)
}

/// Forget everything attached to an object that is being deleted.
pub(crate) fn forget(state: &mut State, class: &str, ident: i64) {
    let owner = DomainRef {
        class: class.to_owned(),
        ident,
    };
    state.properties.remove_where(|r| r.owner == owner);
    state.attached_files.remove_where(|r| r.owner == owner);
    state.descriptions.remove_where(|r| r.owner == owner);
    state.tag_associations.remove_where(|r| r.owner == owner);
}
