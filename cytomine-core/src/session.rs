//! [`CurrentUser`]: who the keys belong to.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::{Credentials, PrivateKey};
use crate::client::Cytomine;
use crate::error::{Error, Result};
use crate::extra::Extra;
use crate::resource::render;
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
    /// Every other attribute the server sent, kept for round trips (secrets in it never print).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `{"publicKey", "privateKey"}` answer of the key endpoints.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeysAnswer {
    public_key: String,
    private_key: String,
}

impl CurrentUser {
    /// Fetches the current user again (`GET /api/user/current.json`).
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// let me = cytomine_core::CurrentUser::fetch(&cm).await?;
    /// assert_eq!(&me, cm.current_user());
    /// # Ok(()) }
    /// ```
    pub async fn fetch(cm: &Cytomine) -> Result<CurrentUser> {
        cm.get_json("user/current.json", &[]).await
    }

    /// The key pair of this user (`GET /api/userkey/{publicKey}/keys.json`).
    pub async fn keys(&self, cm: &Cytomine) -> Result<Credentials> {
        let public = self
            .public_key
            .as_deref()
            .ok_or_else(|| Error::Usage("the current user has no public key to look up".into()))?;
        let path = render("userkey/{}/keys.json", &[public.to_string()], |_| None)?;
        let keys: KeysAnswer = cm.get_json(&path, &[]).await?;
        Ok(Credentials::new(keys.public_key, keys.private_key))
    }

    /// The server's own signature of an empty GET (`GET /api/signature.json`), to check signing.
    pub async fn signature(cm: &Cytomine) -> Result<Value> {
        cm.get_json("signature.json", &[]).await
    }
}
