//! Users (`GET user/{id}.json`, lists) and their API keys. The connection's own user is
//! [`CurrentUser`](cytomine::CurrentUser), from `Cytomine::current_user`.

use std::fmt;

use cytomine::{Cytomine, PrivateKey, Result};
use serde::{Deserialize, Serialize};

use crate::model::require_id;

/// A password, sent when a user is created. Its `Debug` prints `***`.
///
/// ```
/// let p = cytomine_models::Password::new("hunter2");
/// assert_eq!(format!("{p:?}"), "Password(***)");
/// assert_eq!(p.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Password(password.into())
    }

    /// The password itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

model! {
    /// A user account.
    ///
    /// `GET/PUT/DELETE user/{id}.json`, `POST user.json`. Lists: `user.json`,
    /// `project/{id}/user.json`, `project/{id}/admin.json` (the project's managers),
    /// `ontology/{id}/user.json`; modifiers `online` and `publicKey`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::User;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut user = User::new("jdoe", "Jane", "Doe", "jane@example.org", "s3cret-pass");
    /// user.save(&cm).await?;
    /// let managers = User::list().admin(42).fetch(&cm).await?;
    /// let online = User::list().online(true).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "user",
        class = "be.cytomine.domain.security.User",
        filters(project, ontology, admin = "project/{}/admin.json"),
        params(online: bool, public_key: String)
    )]
    pub struct User {
        /// Login name.
        pub username: Option<String>,
        /// First name.
        pub firstname: Option<String>,
        /// Last name.
        pub lastname: Option<String>,
        /// Display name.
        pub name: Option<String>,
        /// `name (username)`, or the name when it equals the username.
        pub full_name: Option<String>,
        /// E-mail address.
        pub email: Option<String>,
        /// Password, sent on creation only; never printed.
        pub password: Option<Password>,
        /// Interface language, e.g. `ENGLISH`.
        pub language: Option<String>,
        /// Developer mode.
        pub is_developer: Option<bool>,
        /// Where the account comes from (e.g. `SYSTEM`).
        pub origin: Option<String>,
        /// Highest role's authority, in lists (e.g. `ROLE_USER`).
        pub role: Option<String>,
        /// The user is an administrator.
        pub admin: Option<bool>,
        /// The user is a plain user.
        pub user: Option<bool>,
        /// The user is a guest.
        pub guest: Option<bool>,
        /// Public API key, when the server discloses it.
        pub public_key: Option<String>,
        /// Private API key, when the server discloses it; never printed.
        pub private_key: Option<PrivateKey>,
    }
}

impl User {
    /// A new user, as `User(username, firstname, lastname, email, password)` in the Python
    /// client, with role `ROLE_USER` and language `ENGLISH`: 2026 servers refuse to create a
    /// user without them (docs/protocol.md §3.13), classic servers ignore them. Change either before
    /// saving if needed.
    ///
    /// ```
    /// let u = cytomine_models::User::new("jdoe", "Jane", "Doe", "jane@example.org", "pw");
    /// assert_eq!(u.username.as_deref(), Some("jdoe"));
    /// assert_eq!((u.role.as_deref(), u.language.as_deref()), (Some("ROLE_USER"), Some("ENGLISH")));
    /// assert!(!format!("{u:?}").contains("\"pw\""));
    /// ```
    pub fn new(
        username: impl Into<String>,
        firstname: impl Into<String>,
        lastname: impl Into<String>,
        email: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        User {
            username: Some(username.into()),
            firstname: Some(firstname.into()),
            lastname: Some(lastname.into()),
            email: Some(email.into()),
            password: Some(Password::new(password)),
            role: Some("ROLE_USER".into()),
            language: Some("ENGLISH".into()),
            ..Default::default()
        }
    }

    /// This user's API keys: `GET user/{id}/keys.json` (admins, or the user itself).
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, user: cytomine_models::User) -> cytomine_core::Result<()> {
    /// let keys = user.keys(&cm).await?;
    /// println!("public key: {:?}", keys.public_key);
    /// # Ok(()) }
    /// ```
    pub async fn keys(&self, cm: &Cytomine) -> Result<ApiKeys> {
        let id = require_id(self.id, "user keys")?;
        cm.get_json(&format!("user/{id}/keys.json"), &[]).await
    }
}

/// A user's API key pair, as `user/{id}/keys.json` answers. The private key never prints.
///
/// ```
/// let k: cytomine_models::ApiKeys =
///     serde_json::from_str(r#"{"publicKey": "pub", "privateKey": "priv"}"#).unwrap();
/// assert_eq!(k.public_key.as_deref(), Some("pub"));
/// assert!(!format!("{k:?}").contains("priv\""));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeys {
    /// Public key.
    pub public_key: Option<String>,
    /// Private key.
    pub private_key: Option<PrivateKey>,
}
