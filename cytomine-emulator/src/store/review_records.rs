//! Review: reviewed annotations and the review state of images.

use super::Annotation;

/// An accepted (reviewed) copy of a user annotation.
#[derive(Debug, Clone)]
pub struct ReviewedAnnotation {
    /// The geometry, image, project and author, copied from the parent; `base.meta` is this record's.
    pub base: Annotation,
    /// The reviewed annotation's id.
    pub parent: i64,
    /// The reviewed annotation's class.
    pub parent_class: String,
    /// Reviewer id.
    pub review_user: i64,
    /// Accepted term ids.
    pub terms: Vec<i64>,
    /// Review status (0).
    pub status: i64,
}

/// The review state of an image instance.
#[derive(Debug, Clone, Copy)]
pub struct ImageReview {
    /// When review mode started (epoch ms).
    pub start: i64,
    /// When it was validated, if it was.
    pub stop: Option<i64>,
    /// The reviewer.
    pub user: i64,
}
