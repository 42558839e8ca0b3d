//! Social data: viewer positions, annotation actions, project connections, image consultations.

use super::Meta;

/// A viewer position (`PersistentUserPosition`).
#[derive(Debug, Clone)]
pub struct Position {
    /// Id and times.
    pub meta: Meta,
    /// User id.
    pub user: i64,
    /// Image instance id.
    pub image: i64,
    /// Slice instance id.
    pub slice: i64,
    /// Project id.
    pub project: i64,
    /// Zoom level.
    pub zoom: f64,
    /// Rotation.
    pub rotation: f64,
    /// Broadcast flag.
    pub broadcast: bool,
    /// The viewport as a WKT polygon.
    pub location: String,
    /// Viewport centre X.
    pub x: f64,
    /// Viewport centre Y.
    pub y: f64,
}

/// Something a user did to an annotation (select, ...).
#[derive(Debug, Clone)]
pub struct AnnotationAction {
    /// Id and times.
    pub meta: Meta,
    /// User id.
    pub user: i64,
    /// Image instance id.
    pub image: i64,
    /// Slice instance id.
    pub slice: i64,
    /// Project id.
    pub project: i64,
    /// Action name.
    pub action: String,
    /// Annotation id.
    pub annotation: i64,
    /// Annotation class name.
    pub annotation_class: String,
    /// Annotation author id.
    pub annotation_creator: i64,
}

/// A user opening a project.
#[derive(Debug, Clone)]
pub struct ProjectConnection {
    /// Id and times.
    pub meta: Meta,
    /// User id.
    pub user: i64,
    /// Project id.
    pub project: i64,
    /// Operating system.
    pub os: Option<String>,
    /// Browser.
    pub browser: Option<String>,
    /// Browser version.
    pub browser_version: Option<String>,
}

/// A user opening an image.
#[derive(Debug, Clone)]
pub struct ImageConsultation {
    /// Id and times.
    pub meta: Meta,
    /// User id.
    pub user: i64,
    /// Image instance id.
    pub image: i64,
    /// Project id.
    pub project: i64,
    /// Viewer mode.
    pub mode: Option<String>,
    /// The user's project connection at that time.
    pub project_connection: Option<i64>,
}
