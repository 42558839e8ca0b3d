//! Credentials and request signing.

mod keys;
mod signing;

pub use keys::{Credentials, PrivateKey};
pub use signing::{authorization_header, canonical_string, http_date, sign, SigningRule};
