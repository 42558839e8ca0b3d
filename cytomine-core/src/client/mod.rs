//! The client handle [`Cytomine`]: one connection pool, one key pair, the current user.

mod builder;
mod credentials;
mod host;
mod network;
mod profile_file;

pub use builder::ClientBuilder;
pub use credentials::{ConnectionArgs, ConnectionInfo};
pub(crate) use host::base_url;

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::auth::SigningRule;
use crate::bulk::BulkOptions;
use crate::error::Result;
use crate::http::decode::decode;
use crate::http::request::Call;
use crate::http::transport::{Answer, Transport};
use crate::http::Method;
use crate::session::CurrentUser;

/// Requests in flight at once unless [`ClientBuilder::concurrency`] says otherwise.
pub(crate) const DEFAULT_CONCURRENCY: usize = 8;

/// A connection to a Cytomine server. Cheap to clone: clones share the connection pool.
///
/// ```no_run
/// # async fn demo() -> cytomine_core::Result<()> {
/// use cytomine_core::Cytomine;
/// let cm = Cytomine::connect("https://cytomine.example", "public-key", "private-key").await?;
/// println!("hello {}", cm.current_user().username);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Cytomine {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: Transport,
    current_user: CurrentUser,
    bulk: BulkOptions,
    upload_url: String,
}

impl Cytomine {
    /// Connects with a key pair: pings the server, then fetches the current user. A host without
    /// a scheme means `https://`; write `http://` for plain HTTP. The signing rule is detected.
    pub async fn connect(
        host: &str,
        public_key: impl Into<String>,
        private_key: impl Into<String>,
    ) -> Result<Self> {
        Self::builder(host)
            .credentials(public_key, private_key)
            .connect()
            .await
    }

    /// A builder for timeouts, retries, the signing rule and bulk settings.
    pub fn builder(host: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(host)
    }

    pub(crate) fn from_parts(
        transport: Transport,
        current_user: CurrentUser,
        bulk: BulkOptions,
        upload_url: String,
    ) -> Self {
        Cytomine {
            inner: Arc::new(Inner {
                transport,
                current_user,
                bulk,
                upload_url,
            }),
        }
    }

    /// The user the keys belong to, as fetched at connection time.
    pub fn current_user(&self) -> &CurrentUser {
        &self.inner.current_user
    }

    /// `scheme://host[:port]` of the server.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base()
    }

    /// The signing rule in use (given, or detected at connection time).
    pub fn signing_rule(&self) -> SigningRule {
        self.inner.transport.rule()
    }

    /// Where image uploads are posted: a path on the server's host or an absolute URL
    /// (see [`ClientBuilder::upload_url`]).
    pub fn upload_url(&self) -> &str {
        &self.inner.upload_url
    }

    /// The most requests this client keeps in flight at once ([`ClientBuilder::concurrency`]).
    pub fn concurrency(&self) -> usize {
        self.inner.transport.concurrency()
    }

    /// The bulk-save settings of this client.
    pub fn bulk_options(&self) -> &BulkOptions {
        &self.inner.bulk
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// Whether `GET /server/ping` answers 200.
    pub async fn is_alive(&self) -> bool {
        self.transport()
            .send(&Call::root(Method::Get, "/server/ping"))
            .await
            .is_ok()
    }

    /// Pings `GET /server/ping` every `every` until it answers 200 or `timeout` has passed,
    /// as the Python client's `wait_to_accept_connection`. Returns whether the server answered.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) {
    /// use std::time::Duration;
    /// assert!(cm.wait_until_alive(Duration::from_secs(120), Duration::from_secs(1)).await);
    /// # }
    /// ```
    pub async fn wait_until_alive(
        &self,
        timeout: std::time::Duration,
        every: std::time::Duration,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if self.is_alive().await {
                return true;
            }
            if tokio::time::Instant::now() + every > deadline {
                return false;
            }
            tokio::time::sleep(every).await;
        }
    }

    /// Opens an admin session (`GET /session/admin/open.json`): an admin's rights apply only
    /// while it is open. Returns the server's role summary.
    pub async fn open_admin_session(&self) -> Result<Value> {
        self.root_json("/session/admin/open.json").await
    }

    /// Closes the admin session.
    pub async fn close_admin_session(&self) -> Result<Value> {
        self.root_json("/session/admin/close.json").await
    }

    async fn root_json(&self, path: &str) -> Result<Value> {
        let answer = self
            .transport()
            .send(&Call::root(Method::Get, path))
            .await?;
        decode(&answer.request, answer.status, &answer.body)
    }

    /// `GET /api/{path}` with query parameters, decoded as `T`: for endpoints no model covers.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// let stats: serde_json::Value = cm.get_json("project/42/stats/term.json", &[]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T> {
        let call = Call::api(Method::Get, path).query(pairs(query));
        let answer = self.transport().send(&call).await?;
        decode(&answer.request, answer.status, &answer.body)
    }

    /// `POST /api/{path}` with a JSON body, for endpoints no model covers.
    pub async fn post_json<T: DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T> {
        self.send_json(Method::Post, path, body).await
    }

    /// `PUT /api/{path}` with a JSON body, for endpoints no model covers.
    pub async fn put_json<T: DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T> {
        self.send_json(Method::Put, path, body).await
    }

    /// `DELETE /api/{path}`, for endpoints no model covers.
    pub async fn delete_path(&self, path: &str) -> Result<Value> {
        let answer = self
            .transport()
            .send(&Call::api(Method::Delete, path))
            .await?;
        decode_or_null(&answer)
    }

    async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<T> {
        let call =
            Call::api(method, path).json(serde_json::to_vec(body).unwrap_or_default().into());
        let answer = self.transport().send(&call).await?;
        decode(&answer.request, answer.status, &answer.body)
    }
}

fn pairs(query: &[(&str, &str)]) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub(crate) fn decode_or_null(answer: &Answer) -> Result<Value> {
    if answer.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    decode(&answer.request, answer.status, &answer.body)
}

/// Fetches the current user with the given rule: the connection's first signed request.
pub(crate) async fn fetch_current_user(transport: &Transport) -> Result<CurrentUser> {
    let answer = transport
        .send(&Call::api(Method::Get, "user/current.json"))
        .await?;
    decode(&answer.request, answer.status, &answer.body)
}

pub(crate) use crate::auth::SigningRule as Rule;
