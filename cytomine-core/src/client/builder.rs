//! [`ClientBuilder`]: settings of a [`Cytomine`] connection.

use std::path::PathBuf;
use std::time::Duration;

use super::network::{Network, Roots};
use super::{base_url, fetch_current_user, Cytomine, Rule, DEFAULT_CONCURRENCY};
use crate::auth::Credentials;
use crate::bulk::BulkOptions;
use crate::error::{Error, Result};
use crate::http::request::{is_absolute, Call};
use crate::http::response::calls_for_legacy_signing;
use crate::http::retry::RetryPolicy;
use crate::http::transport::Transport;
use crate::http::Method;

/// Settings for [`Cytomine::builder`].
///
/// ```no_run
/// # async fn demo() -> cytomine_core::Result<()> {
/// use std::time::Duration;
/// use cytomine_core::{Cytomine, RetryPolicy, SigningRule};
/// let cm = Cytomine::builder("https://cytomine.example")
///     .credentials("public-key", "private-key")
///     .timeout(Duration::from_secs(30))
///     .retry(RetryPolicy::default().with_max_attempts(6))
///     .signing_rule(SigningRule::Current)
///     .connect()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    host: String,
    credentials: Option<Credentials>,
    rule: Option<Rule>,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    bulk: BulkOptions,
    upload_url: String,
    concurrency: usize,
    network: Network,
}

/// Where image uploads go by default: the path current deployments route to the image server
/// (`helm/charts/cytomine/templates/httproute.yaml` of the Cytomine monorepo sends `/ims/upload`
/// to PIMS, whose `API_BASE_PATH` is `/ims`; docs/protocol.md §4.5).
pub(crate) const DEFAULT_UPLOAD_URL: &str = "/ims/upload";

impl ClientBuilder {
    pub(crate) fn new(host: impl Into<String>) -> Self {
        ClientBuilder {
            host: host.into(),
            credentials: None,
            rule: None,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(10),
            bulk: BulkOptions::default(),
            upload_url: DEFAULT_UPLOAD_URL.to_string(),
            concurrency: DEFAULT_CONCURRENCY,
            network: Network::default(),
        }
    }

    /// The key pair (required).
    pub fn credentials(
        mut self,
        public_key: impl Into<String>,
        private_key: impl Into<String>,
    ) -> Self {
        self.credentials = Some(Credentials::new(public_key, private_key));
        self
    }

    /// Forces a signing rule instead of detecting it at connection time.
    pub fn signing_rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    /// The retry policy (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Time allowed for one whole request, body included (default: two minutes).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to open a connection (default: ten seconds).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The most requests this client keeps in flight at once (at least 1; default 8), whatever
    /// sends them: bulk saves, [`Fetch::fetch_many`](crate::Fetch::fetch_many), the pages a
    /// [`Query::stream`](crate::Query::stream) requests ahead, the file transfers of
    /// [`files`](crate::files), and the caller's own concurrent tasks (clones share the limit).
    ///
    /// Against a real server each request costs a round trip and a database query, so a few
    /// requests in flight hide that latency; many more only queue on the server. The default
    /// stays under the server's database connection pool (HikariCP's default of 10, which
    /// Cytomine's `core/src/main/resources/application.yml` keeps), so that one client does not
    /// hold every connection of a shared server. When the server asks for a pause (a 429 or 503
    /// with `Retry-After`), every request of the client waits it out.
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// let cm = cytomine_core::Cytomine::builder("https://cytomine.example")
    ///     .credentials("public-key", "private-key")
    ///     .concurrency(4)
    ///     .connect()
    ///     .await?;
    /// assert_eq!(cm.concurrency(), 4);
    /// # Ok(()) }
    /// ```
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Chunk size and concurrency of bulk saves (the concurrency defaults to
    /// [`ClientBuilder::concurrency`]).
    pub fn bulk(mut self, options: BulkOptions) -> Self {
        self.bulk = options;
        self
    }

    /// Where image uploads are posted (default `/ims/upload`, the
    /// route of current deployments). A path starting with `/` is on the server's host; an
    /// absolute `http://` or `https://` URL names another one, e.g.
    /// `http://localhost:5001/ims/upload` for the Docker Compose deployment, whose image server
    /// listens on its own port. `/upload`, where the Python client 4.3.0 posts, reaches the image
    /// server only through the proxy of older deployments.
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// let cm = cytomine_core::Cytomine::builder("http://localhost:8080")
    ///     .credentials("public-key", "private-key")
    ///     .upload_url("http://localhost:5001/ims/upload")
    ///     .connect()
    ///     .await?;
    /// assert_eq!(cm.upload_url(), "http://localhost:5001/ims/upload");
    /// # Ok(()) }
    /// ```
    pub fn upload_url(mut self, url: impl Into<String>) -> Self {
        self.upload_url = url.into();
        self
    }

    /// Trusts the certificate authorities of a PEM file, besides those of the system: for a
    /// server whose certificate an internal authority issued (hospitals, universities). The file
    /// holds one certificate or a bundle of several (`-----BEGIN CERTIFICATE-----` blocks); call
    /// again for more files. It is read by [`connect`](Self::connect), which fails with
    /// [`Error::Io`] naming the file when it cannot be read, and with [`Error::HttpClient`]
    /// naming it when it holds no certificate.
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// let cm = cytomine_core::Cytomine::builder("https://cytomine.lab.example")
    ///     .credentials("public-key", "private-key")
    ///     .root_certificates_file("/etc/ssl/lab-ca.pem")
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// The `cytomine` command line and [`ConnectionInfo`](crate::ConnectionInfo) take such a
    /// file from `--ca-cert`, `CYTOMINE_CA_BUNDLE` or a profile's `ca_bundle`.
    pub fn root_certificates_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.network.roots.push(Roots::File(path.into()));
        self
    }

    /// Trusts the certificate authorities of PEM text (one certificate or a bundle), besides
    /// those of the system: [`root_certificates_file`](Self::root_certificates_file) for
    /// certificates the program holds in memory.
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// const LAB_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n";
    /// let cm = cytomine_core::Cytomine::builder("https://cytomine.lab.example")
    ///     .credentials("public-key", "private-key")
    ///     .root_certificates_pem(LAB_CA)
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn root_certificates_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.network.roots.push(Roots::Pem(pem.as_ref().to_vec()));
        self
    }

    /// Sends every request through this proxy: `http://proxy.example:3128`, with a user and
    /// password if it wants them (`http://user:password@proxy.example:3128`), or an `https://`
    /// proxy. Hosts listed in the `NO_PROXY` environment variable
    /// (`NO_PROXY=localhost,.lab.example,10.0.0.0/8`) are still reached directly.
    ///
    /// Without this setting the environment decides, as for most HTTP clients:
    /// `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY`, with `NO_PROXY`'s exceptions. A URL that is
    /// not one fails [`connect`](Self::connect) with [`Error::HttpClient`] (which never shows
    /// the password).
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// let cm = cytomine_core::Cytomine::builder("https://cytomine.example")
    ///     .credentials("public-key", "private-key")
    ///     .proxy("http://proxy.hospital.example:3128")
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.network.proxy = Some(url.into());
        self
    }

    /// The `User-Agent` header of every request (default `cytomine-rs/` and this crate's
    /// version), e.g. to name the application in the server's access logs.
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// let cm = cytomine_core::Cytomine::builder("https://cytomine.example")
    ///     .credentials("public-key", "private-key")
    ///     .user_agent("slide-qc/2.1 (lab@example.org)")
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.network.user_agent = Some(user_agent.into());
        self
    }

    /// Sends with this `reqwest::Client`, configured by the caller (TLS, proxy, DNS, headers),
    /// instead of one built from the settings of this builder: [`timeout`](Self::timeout),
    /// [`connect_timeout`](Self::connect_timeout), the root certificates,
    /// [`proxy`](Self::proxy) and [`user_agent`](Self::user_agent) then do not apply; signing,
    /// retries and concurrency still do. Use the [`reqwest`](crate::reqwest) this crate
    /// re-exports, so that the versions match, and turn redirects off as the built client does
    /// (Cytomine never redirects; a redirect means a proxy or a login page answered, which the
    /// client reports as [`TransportKind::Redirect`](crate::TransportKind::Redirect) instead of
    /// following it).
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// use cytomine_core::reqwest;
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .local_address(std::net::IpAddr::from([10, 0, 0, 7]))
    ///     .build()
    ///     .expect("a client");
    /// let cm = cytomine_core::Cytomine::builder("https://cytomine.example")
    ///     .credentials("public-key", "private-key")
    ///     .http_client(http)
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.network.http_client = Some(client);
        self
    }

    /// Pings the server, fetches the current user (detecting the signing rule unless one was
    /// given) and returns the connection.
    pub async fn connect(self) -> Result<Cytomine> {
        let base = base_url(&self.host)?;
        if !(self.upload_url.starts_with('/') || is_absolute(&self.upload_url)) {
            return Err(Error::usage(format!(
                "upload URL `{}`: expected a path starting with `/` or an http(s):// URL",
                self.upload_url
            )));
        }
        let credentials = self.credentials.clone().ok_or_else(|| {
            Error::usage("no credentials: call .credentials(public_key, private_key)")
        })?;
        let http = self.network.client(self.timeout, self.connect_timeout)?;
        let first_rule = self.rule.unwrap_or_default();
        let transport = Transport::new(
            http,
            base,
            credentials,
            first_rule,
            self.retry.clone(),
            self.concurrency,
        );
        if let Err(err) = transport
            .send(&Call::root(Method::Get, "/server/ping"))
            .await
        {
            tracing::debug!(target: "cytomine::http", "ping failed: {err}");
        }
        let user = match fetch_current_user(&transport).await {
            Err(err) if self.rule.is_none() && calls_for_legacy_signing(&err) => {
                transport.set_rule(Rule::Legacy);
                fetch_current_user(&transport).await.map_err(|_| err)?
            }
            other => other?,
        };
        tracing::info!(target: "cytomine::client", user = %user.username, rule = ?transport.rule(), "connected");
        let bulk = self.bulk.inherit(self.concurrency);
        Ok(Cytomine::from_parts(transport, user, bulk, self.upload_url))
    }
}
