//! An in-memory Cytomine core server, faithful on the wire, for tests and examples.
//!
//! It verifies `CYTOMINE` signatures by the server's own rule, serves the classic JSON format
//! (envelopes, error bodies, paging), enforces project membership, and serves real image bytes.

mod auth;
mod demo;
mod domains;
mod emulator;
mod faults;
mod http;
mod keys;
mod media;
mod server;
mod store;

#[doc(hidden)]
pub mod fuzzing;
pub mod geometry;
pub mod imaging;

pub use auth::signature::SignatureForms;
pub use emulator::{Emulator, EmulatorBuilder};
pub use faults::{Fault, FaultRule, Faults};
pub use keys::{Role, UserKeys};
