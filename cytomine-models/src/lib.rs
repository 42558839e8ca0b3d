//! The Cytomine resource types, each defined with `#[derive(Resource)]`: projects, ontologies and
//! terms, users and roles, storages and uploaded files, images, slices and image groups,
//! annotations (with their terms, tracks, groups and links), properties, attached files,
//! descriptions and tags, and the social data (positions, actions, connections, consultations).
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
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// `cytomine::Error` (owned by cytomine-core) is large; boxing it is the runtime's decision.
#![allow(clippy::result_large_err)]

extern crate cytomine_core as cytomine;

#[macro_use]
mod domain;
#[macro_use]
mod model;
mod dump_pattern;

mod annotation;
mod annotation_actions;
mod annotation_group;
mod attached_file;
#[cfg(feature = "geo")]
pub mod geo;
mod image;
mod image_actions;
mod image_group;
mod image_parts;
mod import_wait;
mod ontology;
mod project;
mod property;
mod role;
mod social;
mod storage;
mod tag;
mod track;
mod upload;
mod user;

pub use annotation::{Annotation, AnnotationList, AnnotationTerm, AnnotationTermList, Centroid};
pub use annotation_actions::{dump_crops, CropOutcome, CropReport, DumpKind, DumpOptions};
pub use annotation_group::{
    AnnotationGroup, AnnotationGroupList, AnnotationLink, AnnotationLinkList,
};
pub use attached_file::{AttachedFile, AttachedFileList, AttachedFileOptions};
pub use domain::DomainObject;
pub use dump_pattern::DumpPattern;
pub use image::{
    AbstractImage, AbstractImageList, AbstractSlice, AbstractSliceList, ImageInstance,
    ImageInstanceList, ImageServer, ImageServerList, SliceInstance, SliceInstanceList,
};
pub use image_actions::RenderFormat;
pub use image_group::{
    ImageGroup, ImageGroupImageInstance, ImageGroupImageInstanceList, ImageGroupList,
};
pub use image_parts::{ImageShape, SlicePosition};
pub use ontology::{Ontology, OntologyList, RelationTerm, RelationTermList, Term, TermList};
pub use project::{Project, ProjectList};
pub use property::{Description, DescriptionList, Property, PropertyList, PropertyMap};
pub use role::{AnnotationFilter, AnnotationFilterList, Role, RoleList, UserRole, UserRoleList};
pub use social::{
    AnnotationAction, AnnotationActionList, ImageConsultation, ImageConsultationList, Position,
    PositionList, ProjectConnection, ProjectConnectionList,
};
pub use storage::{Storage, StorageList, UploadedFile, UploadedFileList, UploadedFileStatus};
pub use tag::{Tag, TagDomainAssociation, TagDomainAssociationList, TagList};
pub use track::{AnnotationTrack, AnnotationTrackList, Track, TrackList};
pub use upload::{UploadImageOptions, UploadResult, UploadedImage};
pub use user::{ApiKeys, Password, User, UserList};
