//! Resolving `domainClassName`/`domainIdent` pairs to stored objects, and their access rights
//! (WIRE.md §3.14: only `be.cytomine.domain.*` classes that exist; otherwise 404 `Domain <cls>/<id>`).

use super::acl;
use super::json::{self as j, Body};
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::http::route::Params;
use crate::store::{DomainRef, Meta, State};

/// `be.cytomine.domain.project.Project`.
pub const PROJECT: &str = "be.cytomine.domain.project.Project";
/// `be.cytomine.domain.image.ImageInstance`.
pub const IMAGE_INSTANCE: &str = "be.cytomine.domain.image.ImageInstance";
/// `be.cytomine.domain.image.AbstractImage`.
pub const ABSTRACT_IMAGE: &str = "be.cytomine.domain.image.AbstractImage";
/// `be.cytomine.domain.ontology.UserAnnotation`.
pub const USER_ANNOTATION: &str = "be.cytomine.domain.ontology.UserAnnotation";
/// `be.cytomine.domain.ontology.ReviewedAnnotation`.
pub const REVIEWED_ANNOTATION: &str = "be.cytomine.domain.ontology.ReviewedAnnotation";
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
fn scope_of(st: &State, class: &str, id: i64) -> Option<Scope> {
    let project = |p: Option<i64>| p.map(Scope::Project);
    let open = |exists: bool| exists.then_some(Scope::Open);
    match class.strip_prefix("be.cytomine.domain.")? {
        "project.Project" => project(st.projects.contains(id).then_some(id)),
        "image.ImageInstance" => project(st.image_instances.get(id).map(|i| i.project)),
        "image.SliceInstance" => project(st.slice_instances.get(id).map(|s| s.project)),
        "ontology.UserAnnotation" => project(st.annotations.get(id).map(|a| a.project)),
        "ontology.ReviewedAnnotation" => {
            project(st.reviewed_annotations.get(id).map(|r| r.base.project))
        }
        "ontology.AnnotationDomain" => {
            scope_of(st, USER_ANNOTATION, id).or_else(|| scope_of(st, REVIEWED_ANNOTATION, id))
        }
        "ontology.Track" => project(st.tracks.get(id).map(|t| t.project)),
        "image.group.ImageGroup" => project(st.image_groups.get(id).map(|g| g.project)),
        "ontology.AnnotationGroup" => project(st.annotation_groups.get(id).map(|g| g.project)),
        "ontology.Ontology" => st.ontologies.contains(id).then_some(Scope::Ontology(id)),
        "ontology.Term" => st.terms.get(id).map(|t| Scope::Ontology(t.ontology)),
        "image.AbstractImage" => open(st.abstract_images.contains(id)),
        "image.AbstractSlice" => open(st.abstract_slices.contains(id)),
        "image.UploadedFile" => open(st.uploaded_files.contains(id)),
        "image.server.Storage" => open(st.storages.contains(id)),
        "security.User" => open(st.users.contains(id)),
        "meta.Tag" => open(st.tags.contains(id)),
        _ => None,
    }
}

/// The class name as sent, with `_` read as `.` (description routes accept both).
pub fn normalize(class: &str) -> String {
    class.replace('_', ".")
}

/// The 404 for an unknown owner.
fn unknown(class: &str, id: &str) -> Fail {
    Fail::not_found(format!("Domain {class}/{id}"))
}

/// Resolve a class name and an id text to an existing owner (404 `Domain <cls>/<id>` otherwise).
pub fn resolve(st: &State, class: &str, id: &str) -> Result<DomainRef, Fail> {
    let class = normalize(class);
    let ident = id.trim().parse::<i64>().map_err(|_| unknown(&class, id))?;
    scope_of(st, &class, ident).ok_or_else(|| unknown(&class, id))?;
    let class = if class == ANNOTATION_DOMAIN {
        annotation_class(st, ident).to_owned()
    } else {
        class
    };
    Ok(DomainRef { class, ident })
}

/// The concrete class of annotation `id` (user or reviewed).
pub fn annotation_class(st: &State, id: i64) -> &'static str {
    if st.reviewed_annotations.contains(id) {
        REVIEWED_ANNOTATION
    } else {
        USER_ANNOTATION
    }
}

/// The owner named by a route: `domain/{cls}/{id}/...`, or a shortcut `project/{id}/...`,
/// `imageinstance/{id}/...`, `annotation/{id}/...` (taken from the path's first segment).
pub fn from_route(call: &Call, p: &Params, st: &State) -> Result<DomainRef, Fail> {
    let id = p.get("id");
    if !p.get("cls").is_empty() {
        return resolve(st, p.get("cls"), id);
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
    resolve(st, class, id)
}

/// The owner named in a body by `domainClassName` and `domainIdent` (or `domain`).
pub fn from_body(st: &State, body: &Body) -> Result<DomainRef, Fail> {
    let class = j::required_text(body, "domainClassName")?;
    let id = j::text(body, "domainIdent")
        .or_else(|| j::text(body, "domain"))
        .ok_or_else(|| Fail::bad("domainIdent must be set! value=null"))?;
    resolve(st, &class, &id)
}

/// Put the route's owner into `body` where the body does not name one.
pub fn fill_body(body: &mut Body, owner: &DomainRef) {
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
pub fn check_read(call: &Call, st: &State, owner: &DomainRef) -> Result<(), Fail> {
    match scope_of(st, &owner.class, owner.ident) {
        Some(Scope::Project(p)) => acl::read_project(call, st, p).map(|_| ()),
        Some(Scope::Ontology(o)) => {
            let readable = st
                .ontologies
                .get(o)
                .is_some_and(|o| super::ontology::readable(call, st, o));
            readable.then_some(()).ok_or_else(|| denied(owner))
        }
        Some(Scope::Open) => call.user().map(|_| ()),
        None => Err(unknown(&owner.class, &owner.ident.to_string())),
    }
}

/// Whether the caller may attach data to (or change the data of) the owner.
pub fn check_write(call: &Call, st: &State, owner: &DomainRef) -> Result<(), Fail> {
    match scope_of(st, &owner.class, owner.ident) {
        Some(Scope::Project(p)) => acl::write_project(call, st, p).map(|_| ()),
        Some(_) => {
            check_read(call, st, owner)?;
            acl::not_guest(call).map(|_| ())
        }
        None => Err(unknown(&owner.class, &owner.ident.to_string())),
    }
}

/// The owner's JSON fields `domainIdent`, `domainClassName`.
pub fn fields(owner: &DomainRef) -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("domainIdent", owner.ident.into()),
        ("domainClassName", owner.class.clone().into()),
    ]
}

/// The JSON of a record attached to `owner`: the head, `domainIdent` and `domainClassName`, then
/// `pairs`.
pub fn object(
    class: &str,
    meta: &Meta,
    owner: &DomainRef,
    pairs: Vec<(&str, serde_json::Value)>,
) -> serde_json::Value {
    let mut all = fields(owner);
    all.extend(pairs);
    j::object(class, meta, all)
}

/// Forget everything attached to an object that is being deleted.
pub fn forget(st: &mut State, class: &str, ident: i64) {
    let owner = DomainRef {
        class: class.to_owned(),
        ident,
    };
    st.properties.remove_where(|r| r.owner == owner);
    st.attached_files.remove_where(|r| r.owner == owner);
    st.descriptions.remove_where(|r| r.owner == owner);
    st.tag_associations.remove_where(|r| r.owner == owner);
}
