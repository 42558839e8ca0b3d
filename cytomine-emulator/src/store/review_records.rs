//! Review: reviewed annotations and the review state of images.

use super::Annotation;

/// An accepted (reviewed) copy of a user annotation.
#[derive(Debug, Clone)]
pub(crate) struct ReviewedAnnotation {
    /// The geometry, image, project and author, copied from the parent; `base.meta` is this record's.
    pub(crate) base: Annotation,
    /// The reviewed annotation's id.
    pub(crate) parent: i64,
    /// The reviewed annotation's class.
    pub(crate) parent_class: String,
    /// Reviewer id.
    pub(crate) review_user: i64,
    /// Accepted term ids.
    pub(crate) terms: Vec<i64>,
    /// Review status (0).
    pub(crate) status: i64,
}

/// The review state of an image instance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ImageReview {
    /// When review mode started (epoch ms).
    pub(crate) start: i64,
    /// When it was validated, if it was.
    pub(crate) stop: Option<i64>,
    /// The reviewer.
    pub(crate) user: i64,
}
