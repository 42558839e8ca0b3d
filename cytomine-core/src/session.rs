//! [`CurrentUser`]: who the keys belong to.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::PrivateKey;
use crate::types::Timestamp;

/// The user the connection's keys belong to (`GET /api/user/current.json`).
/// Its private key, when the server sends it, is kept as a [`PrivateKey`], which never prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentUser {
    /// Server id.
    pub id: Option<i64>,
    /// Login name.
    #[serde(default)]
    pub username: String,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Full name, e.g. `Jane Doe (jdoe)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Public API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// Private API key, when the server discloses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<PrivateKey>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    /// Every other attribute the server sent, kept for round trips.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
