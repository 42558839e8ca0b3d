//! Links between records: relation terms, tracks, image and annotation groups, user roles.

use super::Meta;
use crate::keys::Role;

/// A relation between two terms (`term1` is the parent when the relation is "parent").
#[derive(Debug, Clone)]
pub struct RelationTerm {
    /// Id and times.
    pub meta: Meta,
    /// Relation id.
    pub relation: i64,
    /// First (parent) term.
    pub term1: i64,
    /// Second (child) term.
    pub term2: i64,
}

/// A track on an image instance.
#[derive(Debug, Clone)]
pub struct Track {
    /// Id and times.
    pub meta: Meta,
    /// Name, unique per image.
    pub name: String,
    /// Colour.
    pub color: Option<String>,
    /// Image instance id.
    pub image: i64,
    /// Project id (from the image).
    pub project: i64,
}

/// An annotation placed on a track.
#[derive(Debug, Clone)]
pub struct AnnotationTrack {
    /// Id and times.
    pub meta: Meta,
    /// Annotation id.
    pub annotation: i64,
    /// Track id.
    pub track: i64,
    /// Slice instance id (from the annotation).
    pub slice: i64,
}

/// A named group of image instances of one project.
#[derive(Debug, Clone)]
pub struct ImageGroup {
    /// Id and times.
    pub meta: Meta,
    /// Name.
    pub name: Option<String>,
    /// Project id.
    pub project: i64,
}

/// Membership of an image instance in an image group.
#[derive(Debug, Clone)]
pub struct ImageGroupImageInstance {
    /// Id and times.
    pub meta: Meta,
    /// Image group id.
    pub group: i64,
    /// Image instance id.
    pub image: i64,
}

/// A group of annotations (across the images of an image group).
#[derive(Debug, Clone)]
pub struct AnnotationGroup {
    /// Id and times.
    pub meta: Meta,
    /// Project id.
    pub project: i64,
    /// Image group id.
    pub image_group: i64,
    /// Group type, e.g. `SAME_OBJECT`.
    pub kind: String,
}

/// An annotation's membership in an annotation group.
#[derive(Debug, Clone)]
pub struct AnnotationLink {
    /// Id and times.
    pub meta: Meta,
    /// Annotation id.
    pub annotation: i64,
    /// Annotation class name.
    pub annotation_class: String,
    /// Annotation group id.
    pub group: i64,
    /// Image instance id (from the annotation).
    pub image: i64,
}

/// A role granted to a user (`SecUserSecRole`).
#[derive(Debug, Clone)]
pub struct UserRole {
    /// Id and times.
    pub meta: Meta,
    /// User id.
    pub user: i64,
    /// Role.
    pub role: Role,
}
