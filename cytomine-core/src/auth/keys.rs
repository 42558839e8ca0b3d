//! Key pairs, with a private key that never prints.

use std::fmt;

/// A private key. Its `Debug` and `Display` print `***`; only the signer reads it.
///
/// ```
/// use cytomine_core::PrivateKey;
/// let k = PrivateKey::new("s3cr3t");
/// assert_eq!(format!("{k:?}"), "PrivateKey(***)");
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PrivateKey(String);

impl PrivateKey {
    /// Wraps a private key.
    pub fn new(key: impl Into<String>) -> Self {
        PrivateKey(key.into())
    }

    /// The key itself, for code that must hand it on (a signer, a config file).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey(***)")
    }
}

/// A user's API key pair.
///
/// ```
/// use cytomine_core::Credentials;
/// let c = Credentials::new("pub", "priv");
/// assert!(!format!("{c:?}").contains("priv\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The public key, sent in every `Authorization` header.
    pub public_key: String,
    /// The private key, used only to sign.
    pub private_key: PrivateKey,
}

impl Credentials {
    /// A key pair.
    pub fn new(public_key: impl Into<String>, private_key: impl Into<String>) -> Self {
        Credentials {
            public_key: public_key.into(),
            private_key: PrivateKey::new(private_key),
        }
    }
}
