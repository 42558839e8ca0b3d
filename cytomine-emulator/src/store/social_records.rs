//! Social data: viewer positions, annotation actions, project connections, image consultations.

use super::Meta;

/// A viewer position (`PersistentUserPosition`).
#[derive(Debug, Clone)]
pub(crate) struct Position {
    /// Id and times.
    pub(crate) meta: Meta,
    /// User id.
    pub(crate) user: i64,
    /// Image instance id.
    pub(crate) image: i64,
    /// Slice instance id.
    pub(crate) slice: i64,
    /// Project id.
    pub(crate) project: i64,
    /// Zoom level.
    pub(crate) zoom: f64,
    /// Rotation.
    pub(crate) rotation: f64,
    /// Broadcast flag.
    pub(crate) broadcast: bool,
    /// The viewport as a WKT polygon.
    pub(crate) location: String,
    /// Viewport centre X.
    pub(crate) x: f64,
    /// Viewport centre Y.
    pub(crate) y: f64,
}

/// Something a user did to an annotation (select, ...).
#[derive(Debug, Clone)]
pub(crate) struct AnnotationAction {
    /// Id and times.
    pub(crate) meta: Meta,
    /// User id.
    pub(crate) user: i64,
    /// Image instance id.
    pub(crate) image: i64,
    /// Slice instance id.
    pub(crate) slice: i64,
    /// Project id.
    pub(crate) project: i64,
    /// Action name.
    pub(crate) action: String,
    /// Annotation id.
    pub(crate) annotation: i64,
    /// Annotation class name.
    pub(crate) annotation_class: String,
    /// Annotation author id.
    pub(crate) annotation_creator: i64,
}

/// A user opening a project.
#[derive(Debug, Clone)]
pub(crate) struct ProjectConnection {
    /// Id and times.
    pub(crate) meta: Meta,
    /// User id.
    pub(crate) user: i64,
    /// Project id.
    pub(crate) project: i64,
    /// Operating system.
    pub(crate) os: Option<String>,
    /// Browser.
    pub(crate) browser: Option<String>,
    /// Browser version.
    pub(crate) browser_version: Option<String>,
}

/// A user opening an image.
#[derive(Debug, Clone)]
pub(crate) struct ImageConsultation {
    /// Id and times.
    pub(crate) meta: Meta,
    /// User id.
    pub(crate) user: i64,
    /// Image instance id.
    pub(crate) image: i64,
    /// Project id.
    pub(crate) project: i64,
    /// Viewer mode.
    pub(crate) mode: Option<String>,
    /// The user's project connection at that time.
    pub(crate) project_connection: Option<i64>,
}
