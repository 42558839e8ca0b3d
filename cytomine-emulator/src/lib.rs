//! An in-memory Cytomine core server, faithful on the wire, for tests and examples.
//!
//! It verifies `CYTOMINE` signatures by the server's own rule, serves the classic JSON format
//! (envelopes, error bodies, paging), enforces project membership, and serves real image bytes.
//! With [`Profile::Repository`] it answers the ten domains that the 2026 server moved to its
//! repository service in that service's format instead (docs/protocol.md §2.7).

mod auth;
mod demo;
mod domains;
mod emulator;
mod faults;
mod http;
mod keys;
mod latency;
mod media;
mod profile;
mod server;
mod store;
mod tls;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod geometry;
pub mod imaging;

pub use auth::signature::SignatureForms;
pub use demo::DemoData;
pub use emulator::{Emulator, EmulatorBuilder};
pub use faults::{Fault, FaultRule, Faults};
pub use keys::{Role, UserKeys};
pub use latency::Latency;
pub use profile::Profile;
