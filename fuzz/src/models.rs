//! Every type of `cytomine-models` (and the core wire types they embed), each run through every
//! decoding path the client uses on an answer. Shared by the `decode_models` fuzz target and
//! `cytomine-core`'s seed replay test (`#[path]`-included there), so both use one table.

use std::fmt::Debug;

use cytomine_core::{fuzzing, CurrentUser, Resource, Timestamp};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Attributes whose string values are secrets (as in cytomine-core's redaction).
const SECRETS: [&str; 3] = ["privateKey", "secondaryKey", "password"];

/// The secret string values (8 characters or more) at the top of a JSON object body. A value
/// that the body's text also holds elsewhere (under an attribute that is not secret) may be
/// shown there, so it is not counted.
fn secrets_in(body: &[u8]) -> Vec<String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(body) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(body);
    SECRETS
        .iter()
        .filter_map(|key| map.get(*key)?.as_str())
        .filter(|value| value.chars().count() >= 8)
        .filter(|value| text.matches(*value).count() <= 1)
        .map(str::to_owned)
        .collect()
}

/// A decoded value prints without its secrets, serializes, and decodes back to itself.
fn check_value<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, body: &[u8]) {
    let shown = format!("{value:?}");
    for secret in secrets_in(body) {
        assert!(
            !shown.contains(&secret),
            "Debug shows the secret {secret:?}"
        );
    }
    let Ok(sent) = serde_json::to_vec(value) else {
        panic!("a decoded value does not serialize: {value:?}");
    };
    match fuzzing::object::<T>(&sent) {
        Ok(again) => assert!(
            again == *value,
            "round trip changed {value:?} into {again:?}"
        ),
        Err(e) => panic!("a decoded value does not decode back: {e}"),
    }
}

/// An error's text and Debug never show a secret of the body.
fn check_error(error: &cytomine_core::Error, body: &[u8]) {
    let shown = format!("{error} {error:?}");
    for secret in secrets_in(body) {
        assert!(
            !shown.contains(&secret),
            "an error shows the secret {secret:?}"
        );
    }
}

/// A resource: one object (fetch), a page (list), and a command answer merged into a new
/// object and into the fetched one (save, update).
fn resource<R: Resource + Default + PartialEq + Debug>(body: &[u8]) {
    let fetched = plain::<R>(body);
    let mut fresh = R::default();
    match fuzzing::command(&mut fresh, body) {
        Ok(()) => check_value(&fresh, b""),
        Err(e) => check_error(&e, body),
    }
    if let Some(mut fetched) = fetched {
        let _ = fuzzing::command(&mut fetched, body);
    }
}

/// A plain wire type: one object and a page; returns the object.
fn plain<T: Serialize + DeserializeOwned + PartialEq + Debug>(body: &[u8]) -> Option<T> {
    match fuzzing::page::<T>(body) {
        Ok(page) => page.iter().for_each(|item| check_value(item, b"")),
        Err(e) => check_error(&e, body),
    }
    match fuzzing::object::<T>(body) {
        Ok(value) => {
            check_value(&value, body);
            Some(value)
        }
        Err(e) => {
            check_error(&e, body);
            None
        }
    }
}

/// A plain wire type (see [`plain`]).
fn data<T: Serialize + DeserializeOwned + PartialEq + Debug>(body: &[u8]) {
    plain::<T>(body);
}

/// A type the client only reads (no `Serialize`): one object and a page.
fn read_only<T: DeserializeOwned + Debug>(body: &[u8]) {
    if let Ok(value) = fuzzing::object::<T>(body) {
        let _ = format!("{value:?}");
    }
    let _ = fuzzing::page::<T>(body);
}

/// A timestamp, and its reading as epoch milliseconds.
fn timestamp(body: &[u8]) {
    if let Some(t) = plain::<Timestamp>(body) {
        let _ = t.epoch_millis();
    }
}

macro_rules! table {
    ($($run:ident $(:: <$ty:ty>)? $name:literal),* $(,)?) => {
        /// The type names, in selector order (a selector byte picks `MODELS[byte % len]`).
        pub const MODELS: &[&str] = &[$($name),*];

        /// Runs `body` through every decoding path of the type `selector` picks.
        pub fn decode(selector: u8, body: &[u8]) {
            let runs: &[fn(&[u8])] = &[$($run $(::<$ty>)?),*];
            runs[usize::from(selector) % runs.len()](body);
        }
    };
}

// New types go at the end, so that the committed seeds keep their selectors.
table! {
    resource::<cytomine_models::Project> "Project",
    resource::<cytomine_models::Ontology> "Ontology",
    resource::<cytomine_models::Term> "Term",
    resource::<cytomine_models::RelationTerm> "RelationTerm",
    resource::<cytomine_models::User> "User",
    resource::<cytomine_models::Storage> "Storage",
    resource::<cytomine_models::UploadedFile> "UploadedFile",
    resource::<cytomine_models::AbstractImage> "AbstractImage",
    resource::<cytomine_models::AbstractSlice> "AbstractSlice",
    resource::<cytomine_models::ImageInstance> "ImageInstance",
    resource::<cytomine_models::SliceInstance> "SliceInstance",
    resource::<cytomine_models::ImageServer> "ImageServer",
    resource::<cytomine_models::Annotation> "Annotation",
    resource::<cytomine_models::AnnotationTerm> "AnnotationTerm",
    read_only::<cytomine_models::UploadedImage> "UploadedImage",
    data::<cytomine_models::ApiKeys> "ApiKeys",
    data::<cytomine_models::Password> "Password",
    data::<CurrentUser> "CurrentUser",
    data::<cytomine_models::Centroid> "Centroid",
    data::<cytomine_models::ImageShape> "ImageShape",
    data::<cytomine_models::SlicePosition> "SlicePosition",
    timestamp "Timestamp",
    resource::<cytomine_models::AnnotationGroup> "AnnotationGroup",
    resource::<cytomine_models::AnnotationLink> "AnnotationLink",
    resource::<cytomine_models::AttachedFile> "AttachedFile",
    resource::<cytomine_models::ImageGroup> "ImageGroup",
    resource::<cytomine_models::ImageGroupImageInstance> "ImageGroupImageInstance",
    resource::<cytomine_models::Property> "Property",
    resource::<cytomine_models::Description> "Description",
    resource::<cytomine_models::Role> "Role",
    resource::<cytomine_models::UserRole> "UserRole",
    resource::<cytomine_models::AnnotationFilter> "AnnotationFilter",
    resource::<cytomine_models::Position> "Position",
    resource::<cytomine_models::AnnotationAction> "AnnotationAction",
    resource::<cytomine_models::ProjectConnection> "ProjectConnection",
    resource::<cytomine_models::ImageConsultation> "ImageConsultation",
    resource::<cytomine_models::Tag> "Tag",
    resource::<cytomine_models::TagDomainAssociation> "TagDomainAssociation",
    resource::<cytomine_models::Track> "Track",
    resource::<cytomine_models::AnnotationTrack> "AnnotationTrack",
}
