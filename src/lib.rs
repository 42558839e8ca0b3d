//! **cytomine** — the Rust client for [Cytomine](https://cytomine.org), the open-source platform
//! for collaborative analysis of very large biomedical images.
//!
//! - Typed resources ([`models`]) with `fetch`, `save`, `update`, `delete`, defined with
//!   `#[derive(Resource)]`, which you can use for your own types too.
//! - Typed list queries: a filter a resource does not declare does not compile.
//! - A thin async runtime: request signing, retries, typed errors, paging as a stream, chunked
//!   concurrent bulk saves, streamed downloads and uploads.
//! - Feature `blocking`: `cytomine::blocking`, the same API for scripts, on a runtime the client
//!   owns (never to be called from inside an async runtime).
//! - Feature `image`: thumbnails, windows and crops decoded into `image::DynamicImage`
//!   (`dump_image`, `window_image`); without it they come as a file or as bytes
//!   (`dump_bytes`, `window_bytes`), and originals also as a stream of chunks
//!   (`download_stream`).
//! - Feature `geo`: `cytomine::models::geo`, annotation locations as `geo_types` geometries and
//!   annotation collections as GeoJSON, with their terms and properties.
//!
//! ```no_run
//! use cytomine::prelude::*;
//!
//! # async fn demo() -> cytomine::Result<()> {
//! let cm = Cytomine::connect("https://cytomine.example", "public-key", "private-key").await?;
//! println!("connected as {}", cm.current_user().username);
//!
//! let mut project = Project::new("My awesome new project");
//! project.save(&cm).await?;                                   // POST /api/project.json
//! let same = Project::fetch(&cm, project.id.unwrap()).await?; // GET /api/project/{id}.json
//! let by_ontology = Project::list().ontology(100).fetch(&cm).await?;
//! project.delete(&cm).await?;
//! # Ok(()) }
//! ```
//!
//! Offline, the in-memory server of the `cytomine-emulator` crate stands in for Cytomine; its
//! start fails with an `std::io::Error`, which [`Error`] converts from, so `?` works in a
//! test returning [`Result`]. [`Emulator::demo`](https://docs.rs/cytomine-emulator) gives the
//! ids of its demo data:
//! ```
//! use cytomine::prelude::*;
//! use cytomine_emulator::Emulator;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> cytomine::Result<()> {
//! let emu = Emulator::builder().demo(true).start().await?;
//! let demo = emu.demo().expect("started with demo(true)");
//! let admin = emu.admin();
//! let cm = Cytomine::connect(&emu.base_url(), admin.public_key, admin.private_key).await?;
//! let project = Project::fetch(&cm, demo.project).await?;
//! assert_eq!(project.name.as_deref(), Some("Demo project"));
//! # Ok(()) }
//! ```
//!
//! A filter that a resource does not declare is a compile error:
//! ```compile_fail
//! use cytomine::prelude::*;
//! let q = Project::list().image(5); // no filter `image` on projects
//! ```
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
