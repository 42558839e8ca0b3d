//! Links between records: relation terms, tracks, image and annotation groups, user roles.

use super::Meta;
use crate::keys::Role;

/// A relation between two terms (`term1` is the parent when the relation is "parent").
#[derive(Debug, Clone)]
pub(crate) struct RelationTerm {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Relation id.
    pub(crate) relation: i64,
    /// First (parent) term.
    pub(crate) term1: i64,
    /// Second (child) term.
    pub(crate) term2: i64,
}

/// A track on an image instance.
#[derive(Debug, Clone)]
pub(crate) struct Track {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Name, unique per image.
    pub(crate) name: String,
    /// Colour.
    pub(crate) color: Option<String>,
    /// Image instance id.
    pub(crate) image: i64,
    /// Project id (from the image).
    pub(crate) project: i64,
}

/// An annotation placed on a track.
#[derive(Debug, Clone)]
pub(crate) struct AnnotationTrack {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Annotation id.
    pub(crate) annotation: i64,
    /// Track id.
    pub(crate) track: i64,
    /// Slice instance id (from the annotation).
    pub(crate) slice: i64,
}

/// A named group of image instances of one project.
#[derive(Debug, Clone)]
pub(crate) struct ImageGroup {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Name.
    pub(crate) name: Option<String>,
    /// Project id.
    pub(crate) project: i64,
}

/// Membership of an image instance in an image group.
#[derive(Debug, Clone)]
pub(crate) struct ImageGroupImageInstance {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Image group id.
    pub(crate) group: i64,
    /// Image instance id.
    pub(crate) image: i64,
}

/// A group of annotations (across the images of an image group).
#[derive(Debug, Clone)]
pub(crate) struct AnnotationGroup {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Project id.
    pub(crate) project: i64,
    /// Image group id.
    pub(crate) image_group: i64,
    /// Group type, e.g. `SAME_OBJECT`.
    pub(crate) kind: String,
}

/// An annotation's membership in an annotation group.
#[derive(Debug, Clone)]
pub(crate) struct AnnotationLink {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Annotation id.
    pub(crate) annotation: i64,
    /// Annotation class name.
    pub(crate) annotation_class: String,
    /// Annotation group id.
    pub(crate) group: i64,
    /// Image instance id (from the annotation).
    pub(crate) image: i64,
}

/// A role granted to a user (`SecUserSecRole`).
#[derive(Debug, Clone)]
pub(crate) struct UserRole {
    /// Id and times.
    pub(crate) meta: Meta,
    /// User id.
    pub(crate) user: i64,
    /// Role.
    pub(crate) role: Role,
}
