//! The Cytomine resource types, each defined with `#[derive(Resource)]`: projects, ontologies and
//! terms, users, storages and uploaded files, images and slices, annotations.
//!
//! Every model keeps the attributes the server sends, typed where the wire format is known, and
//! the rest in its `extra` map, so that a fetch followed by an update sends back everything it
//! received. Attributes left `None` are never sent, as the official Python client does.
//!
//! ```
//! use cytomine_models::{Project, Term};
//! let project = Project::new("My project").with_ontology(100);
//! let term = Term::new("Tumour", 100, "#FF0000");
//! assert_eq!(serde_json::to_value(&project).unwrap(),
//!            serde_json::json!({"name": "My project", "ontology": 100}));
//! assert_eq!(term.color.as_deref(), Some("#FF0000"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// `cytomine::Error` (owned by cytomine-core) is large; boxing it is the runtime's decision.
#![allow(clippy::result_large_err)]

extern crate cytomine_core as cytomine;

#[macro_use]
mod model;

mod annotation;
mod image;
mod image_actions;
mod image_parts;
mod ontology;
mod project;
mod storage;
mod upload;
#[cfg(feature = "geo")]
pub mod geo;
mod user;

pub use annotation::{Annotation, AnnotationList, AnnotationTerm, AnnotationTermList, Centroid};
pub use cytomine_core::CurrentUser;
pub use image::{
    AbstractImage, AbstractImageList, AbstractSlice, AbstractSliceList, ImageInstance,
    ImageInstanceList, ImageServer, ImageServerList, SliceInstance, SliceInstanceList,
};
pub use image_actions::RenderFormat;
pub use image_parts::{ImageShape, SlicePosition};
pub use ontology::{Ontology, OntologyList, RelationTerm, RelationTermList, Term, TermList};
pub use project::{Project, ProjectList};
pub use storage::{Storage, StorageList, UploadedFile, UploadedFileList, UploadedFileStatus};
pub use upload::{UploadImageOptions, UploadResult, UploadedImage};
pub use user::{ApiKeys, Password, User, UserList};
