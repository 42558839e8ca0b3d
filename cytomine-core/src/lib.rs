//! Runtime of the Cytomine client: the connection ([`Cytomine`]), request signing, transport with
//! retries, typed errors, the [`Resource`] trait and its CRUD, list queries with paging streams,
//! bulk saves, and streamed file transfers.
//!
//! Most users depend on the facade crate `cytomine`, which re-exports all of this together with
//! the models and `#[derive(Resource)]`.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate self as cytomine;

pub mod auth;
mod bulk;
mod client;
mod collection;
mod error;
mod extra;
pub mod files;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod query;
mod resource;
mod session;
mod types;

/// The HTTP client this crate sends with, for
/// [`ClientBuilder::http_client`]: building the `reqwest::Client` with this re-export keeps the
/// versions in step.
pub use reqwest;

pub use auth::keys::{Credentials, PrivateKey};
pub use auth::signing::SigningRule;
pub use bulk::{BulkOptions, BulkReport, ItemOutcome};
pub use client::{ClientBuilder, ConnectionArgs, ConnectionInfo, Cytomine};
pub use collection::Collection;
pub use cytomine_derive::Resource;
pub use error::{Error, RequestInfo, Result, TransportKind};
pub use extra::Extra;
pub use http::retry::RetryPolicy;
pub use query::{ListQuery, Query, QueryValue};
pub use resource::{
    Create, Delete, Fetch, Filter, Listable, Lookup, Multipart, Operations, Resource, Update,
};
pub use session::CurrentUser;
pub use types::Timestamp;

/// What a program driving Cytomine usually needs in scope: the connection, the traits that give
/// resources their methods, and the error types.
pub mod prelude {
    pub use crate::{Create, Cytomine, Delete, Error, Fetch, Query, Resource, Result, Update};
}

/// What the code that `#[derive(Resource)]` generates calls: not part of the API, no stability
/// promised.
#[doc(hidden)]
pub mod __private {
    pub use crate::resource::{
        fetch_by, lookup_path, multipart_create, multipart_query, refused, render, CreatedByUpload,
        KeyParts, PathValue, Refused, RefusesCreate, RefusesDelete, RefusesFetch, RefusesUpdate,
        Wire,
    };
    pub use serde::{de::DeserializeOwned, Serialize};
}
