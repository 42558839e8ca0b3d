//! Request signing: the `CYTOMINE` signature that every request carries, for code that signs a
//! request itself (a file fetched with another HTTP client, say). The key pair and the signing
//! rule are [`Credentials`] and [`SigningRule`].

pub(crate) mod keys;
pub(crate) mod signing;

pub(crate) use keys::{Credentials, PrivateKey};
pub(crate) use signing::SigningRule;
pub use signing::{authorization_header, canonical_string, http_date, sign};
