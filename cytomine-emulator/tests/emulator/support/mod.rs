//! What the tests share: a signed HTTP client of their own (independent of the server's
//! verifier), the records most tests start from, and the checks of the repository profile.

mod client;
mod fixtures;
mod repository;

pub use client::*;
pub use fixtures::*;
pub use repository::*;
