//! [`CurrentUser`]: who the keys belong to.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::{Credentials, PrivateKey};
use crate::client::Cytomine;
use crate::error::Result;
use crate::extra::Extra;
use crate::types::Timestamp;

/// The user the connection's keys belong to (`GET /api/user/current.json`).
/// The server does not send keys here (docs/protocol.md §3.13); read them with
/// [`CurrentUser::keys`]. An older server that does send them leaves them in `extra`, where
/// secrets never print.
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
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    /// Every other attribute the server sent, kept for round trips (secrets in it never print).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `{"primaryKey", "secondaryKey"}` answer of `user/current/keys`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeysAnswer {
    primary_key: String,
    secondary_key: PrivateKey,
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

    /// The key pair of the connection's user (`GET /api/user/current/keys`, docs/protocol.md
    /// §1.5): the public key as `primaryKey`, the private one as `secondaryKey`.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// let keys = cytomine_core::CurrentUser::keys(&cm).await?;
    /// println!("public key {:?}", keys.public_key);
    /// # Ok(()) }
    /// ```
    pub async fn keys(cm: &Cytomine) -> Result<Credentials> {
        let keys: KeysAnswer = cm.get_json("user/current/keys", &[]).await?;
        Ok(Credentials {
            public_key: keys.primary_key,
            private_key: keys.secondary_key,
        })
    }

    /// The server's own signature of an empty GET (`GET /api/signature.json`), to check signing.
    pub async fn signature(cm: &Cytomine) -> Result<Value> {
        cm.get_json("signature.json", &[]).await
    }
}
