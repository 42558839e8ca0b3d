//! The HTTP client a connection sends with: its TLS roots, proxy, user agent and timeouts, or the
//! `reqwest::Client` the caller configured ([`ClientBuilder::http_client`](super::ClientBuilder::http_client)).

use std::path::PathBuf;
use std::time::Duration;

use crate::error::{Error, Result};

/// The `User-Agent` of requests unless [`ClientBuilder::user_agent`](super::ClientBuilder::user_agent)
/// says otherwise.
pub(crate) const DEFAULT_USER_AGENT: &str = concat!("cytomine-rs/", env!("CARGO_PKG_VERSION"));

/// The network settings of a [`ClientBuilder`](super::ClientBuilder). `Debug` hides the
/// proxy's password.
#[derive(Clone, Default)]
pub(crate) struct Network {
    /// Certificate authorities trusted besides the system's, in the order given.
    pub(crate) roots: Vec<Roots>,
    /// The proxy every request goes through, as given.
    pub(crate) proxy: Option<String>,
    /// The `User-Agent` header; [`DEFAULT_USER_AGENT`] when `None`.
    pub(crate) user_agent: Option<String>,
    /// A client configured by the caller: used as it is, the other settings do not apply.
    pub(crate) http_client: Option<reqwest::Client>,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("roots", &self.roots)
            .field("proxy", &self.proxy.as_deref().map(without_password))
            .field("user_agent", &self.user_agent)
            .field("http_client", &self.http_client)
            .finish()
    }
}

/// Where extra root certificates come from: PEM text, one certificate or a bundle.
#[derive(Clone)]
pub(crate) enum Roots {
    /// A PEM file.
    File(PathBuf),
    /// PEM text given in memory (unread without a TLS backend, which refuses any roots).
    Pem(
        #[cfg_attr(not(any(feature = "rustls", feature = "native-tls")), allow(dead_code))] Vec<u8>,
    ),
}

impl std::fmt::Debug for Roots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Roots {
    /// What errors call these roots.
    fn describe(&self) -> String {
        match self {
            Roots::File(path) => format!("root certificates `{}`", path.display()),
            Roots::Pem(_) => "root certificates given as PEM".to_string(),
        }
    }
}

impl Network {
    /// The client: the caller's, or one built from these settings. Requests time out after
    /// `timeout`, connections after `connect_timeout`; redirects are not followed (the transport
    /// reports them).
    pub(crate) fn client(
        &self,
        timeout: Duration,
        connect_timeout: Duration,
    ) -> Result<reqwest::Client> {
        if let Some(client) = &self.http_client {
            return Ok(client.clone());
        }
        let mut builder = tls_backend(reqwest::Client::builder())
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60))
            .tcp_nodelay(true)
            .user_agent(self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT));
        for roots in &self.roots {
            builder = trust(builder, roots)?;
        }
        if let Some(url) = &self.proxy {
            let proxy = reqwest::Proxy::all(url.as_str()).map_err(|e| {
                Error::http_client(format!("proxy URL `{}`", without_password(url)), e)
            })?;
            builder = builder.proxy(proxy.no_proxy(reqwest::NoProxy::from_env()));
        }
        builder
            .build()
            .map_err(|e| Error::http_client("the HTTP stack refused the settings", e))
    }
}

/// The TLS backend of the crate's features: rustls when enabled (also when both are), else
/// native-tls.
fn tls_backend(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    #[cfg(feature = "rustls")]
    let builder = builder.tls_backend_rustls();
    #[cfg(all(feature = "native-tls", not(feature = "rustls")))]
    let builder = builder.tls_backend_native();
    builder
}

/// Adds the certificates of `roots` to those the client trusts.
#[cfg(any(feature = "rustls", feature = "native-tls"))]
fn trust(builder: reqwest::ClientBuilder, roots: &Roots) -> Result<reqwest::ClientBuilder> {
    let what = roots.describe();
    let pem = match roots {
        Roots::File(path) => std::fs::read(path).map_err(|e| Error::io(path, e))?,
        Roots::Pem(pem) => pem.clone(),
    };
    let certificates = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|e| Error::http_client(format!("{what}: not valid PEM certificates"), e))?;
    if certificates.is_empty() {
        return Err(Error::http_client_reason(format!(
            "{what}: no PEM certificate in it (expected `-----BEGIN CERTIFICATE-----` blocks)"
        )));
    }
    Ok(builder.tls_certs_merge(certificates))
}

/// Without a TLS backend there is nothing to add certificates to.
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
fn trust(_builder: reqwest::ClientBuilder, roots: &Roots) -> Result<reqwest::ClientBuilder> {
    Err(Error::http_client_reason(format!(
        "{}: cytomine-core was built without a TLS backend (features `rustls`, `native-tls`)",
        roots.describe()
    )))
}

/// `url` with the password of its user part, if any, replaced by `***`: proxy URLs may carry
/// credentials, which errors never show.
fn without_password(url: &str) -> String {
    let Some((user_part, host)) = url.rsplit_once('@') else {
        return url.to_string();
    };
    match user_part.split_once("://") {
        Some((scheme, user)) => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        None => format!("***@{host}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_proxy_password() {
        let network = Network {
            proxy: Some("http://me:s3cret@proxy.example:3128".into()),
            ..Network::default()
        };
        let shown = format!("{network:?}");
        assert!(
            shown.contains("proxy.example") && !shown.contains("s3cret"),
            "{shown}"
        );
    }

    #[test]
    fn proxy_passwords_are_hidden() {
        assert_eq!(
            without_password("http://proxy.example:3128"),
            "http://proxy.example:3128"
        );
        assert_eq!(
            without_password("http://me:s3cret@proxy.example:3128"),
            "http://me:***@proxy.example:3128"
        );
        assert_eq!(without_password("me:s3cret@proxy"), "***@proxy");
    }
}
