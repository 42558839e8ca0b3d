#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Connecting: the client, its settings, where its keys come from.
pub use cytomine_core::{
    BulkOptions, ClientBuilder, ConnectionArgs, ConnectionInfo, Credentials, CurrentUser, Cytomine,
    PrivateKey, RetryPolicy, SigningRule,
};
// A configured HTTP client for `ClientBuilder::http_client`, in the version the client uses.
pub use cytomine_core::reqwest;
// Failures.
pub use cytomine_core::{Error, RequestInfo, Result, TransportKind};
// Resources: the trait (and its derive), the capability traits and what the trait declares.
pub use cytomine_core::{
    Create, Delete, Fetch, Filter, Listable, Lookup, Multipart, Operations, Resource, Update,
};
// Lists and bulk saves.
pub use cytomine_core::{BulkReport, Collection, ItemOutcome, ListQuery, Query, QueryValue};
// Values shared by the models.
pub use cytomine_core::{Extra, Timestamp};
// Request signing by hand, and file transfers.
pub use cytomine_core::{auth, files};

#[doc(hidden)]
pub use cytomine_core::__private;

#[cfg(feature = "blocking")]
pub mod blocking;

/// The resource types of Cytomine.
pub mod models {
    pub use cytomine_models::*;
}

/// What a program driving Cytomine usually needs in scope: the connection, the traits that give
/// resources their methods, [`Result`] and [`Error`], and the
/// models of the user guide. Every other model is in [`models`].
pub mod prelude {
    pub use cytomine_core::prelude::*;
    pub use cytomine_models::{
        AbstractImage, Annotation, ImageInstance, Ontology, Project, Storage, Term, UploadedFile,
        User,
    };
}
