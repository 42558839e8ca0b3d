//! Runtime of the Cytomine client: the connection ([`Cytomine`]), request signing, transport with
//! retries, typed errors, the [`Resource`] trait and its CRUD, list queries with paging streams,
//! bulk saves, and streamed file transfers.
//!
//! Most users depend on the facade crate `cytomine`, which re-exports all of this together with
//! the models and `#[derive(Resource)]`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate self as cytomine;

pub mod auth;
mod bulk;
pub mod client;
mod collection;
mod error;
mod extra;
pub mod files;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod query;
mod resource;
mod session;
mod types;

pub use auth::{
    authorization_header, canonical_string, http_date, sign, Credentials, PrivateKey, SigningRule,
};
pub use bulk::{BulkOptions, BulkReport, ItemOutcome};
pub use client::{ClientBuilder, ConnectionArgs, ConnectionInfo, Cytomine};
pub use collection::Collection;
pub use cytomine_derive::Resource;
pub use error::{Error, RequestInfo, Result, TransportKind};
pub use extra::Extra;
pub use http::retry::RetryPolicy;
pub use query::{ListQuery, Query, QueryValue};
pub use resource::{
    fetch_by, lookup_path, multipart_create, multipart_query, render, Create, Delete, Fetch,
    Filter, KeyParts, Listable, Lookup, Multipart, Operations, PathValue, Resource, Update,
};
pub use session::CurrentUser;
pub use types::Timestamp;

/// Everything a program driving Cytomine usually needs.
pub mod prelude {
    pub use crate::{Collection, Create, Cytomine, Delete, Fetch, Query, Resource, Update};
}

#[doc(hidden)]
pub mod __private {
    pub use serde_json;
}
