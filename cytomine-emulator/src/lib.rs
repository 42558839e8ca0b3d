//! An in-memory Cytomine core server, faithful on the wire, for tests and examples.
//!
//! It verifies `CYTOMINE` signatures by the server's own rule, serves the classic JSON format
//! (envelopes, error bodies, paging), enforces project membership, and serves real image bytes.
//! With [`Profile::Repository`] it answers the ten domains that the 2026 server moved to its
//! repository service in that service's format instead (WIRE.md §2.7).
//!
//! Like the server (Tomcat), it sends a large answer chunked while it writes it: an annotation
//! listing of more than 2,000 items (`max=0`, or a larger `max`) has no `Content-Length` once
//! it passes 256 KiB, and its first bytes leave before its last item is written.

mod auth;
mod demo;
mod domains;
mod emulator;
mod faults;
mod http;
mod keys;
mod media;
mod profile;
mod server;
mod store;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod geometry;
pub mod imaging;

pub use auth::signature::SignatureForms;
pub use emulator::{Emulator, EmulatorBuilder};
pub use faults::{Fault, FaultRule, Faults};
pub use keys::{Role, UserKeys};
pub use profile::Profile;
