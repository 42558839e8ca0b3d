//! [`Error`]: every failure as a value, with the request it belongs to.
//!
//! Each variant that comes from a request keeps its method, URL (never a signature: those travel
//! in headers only), the HTTP status where there is one, and a short snippet of the body.

use std::fmt;

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Longest body snippet an error keeps, in characters.
pub(crate) const SNIPPET_CHARS: usize = 300;

/// The request an error belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    /// HTTP method, upper case.
    pub method: String,
    /// Full URL, query included.
    pub url: String,
}

impl fmt::Display for RequestInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)
    }
}

/// What went wrong talking to Cytomine.
///
/// Its `Display` is one line that says what happened, the underlying error's own words included,
/// so that printing an error is enough; [`source`](std::error::Error::source) gives the
/// underlying error itself (the HTTP stack's with the I/O error beneath it, serde's, the file
/// system's) to programs that inspect it.
///
/// ```
/// # use cytomine_core::{Error, RequestInfo};
/// let err = Error::Status {
///     request: Box::new(RequestInfo { method: "GET".into(), url: "http://h/api/project/0.json".into() }),
///     status: 404,
///     message: Some("Project not found with filters : {id=0}".into()),
///     body: String::new(),
/// };
/// assert_eq!(err.status(), Some(404));
/// assert!(err.is_not_found());
/// assert!(err.to_string().contains("Project not found"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status other than success. For a 401 its `Display` ends with
    /// what to check (the key pair, the host, the signing rule, the `Date` header).
    #[error("{request} failed with HTTP {status}{}{}", describe(message, body), status_hint(*status))]
    Status {
        /// The request.
        request: Box<RequestInfo>,
        /// The HTTP status.
        status: u16,
        /// The server's own message (from its JSON error body), when it gave one.
        message: Option<String>,
        /// The first characters of the body.
        body: String,
    },
    /// The server answered 200, but the body is not what this type expects.
    #[error("{request}: cannot decode the answer at `{path}`: {reason}; body starts with: {body}")]
    Decode {
        /// The request.
        request: Box<RequestInfo>,
        /// The HTTP status.
        status: u16,
        /// JSON path of the offending value (`collection[3].id`), `.` for the root.
        path: String,
        /// What did not fit, in words.
        reason: String,
        /// The first characters of the body.
        body: String,
        /// serde's error, when serde found the problem.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// The request did not complete: connection refused or dropped, timeout, broken body, or a
    /// redirect.
    #[error("{request}: {kind}{}", describe_transport(reason, source.as_deref()))]
    Transport {
        /// The request.
        request: Box<RequestInfo>,
        /// What kind of failure.
        kind: TransportKind,
        /// What the client saw, in words (`HTTP 302 to /login`, `body ended after 10 of 20
        /// bytes`); empty when the underlying error says it all.
        reason: String,
        /// The underlying error (the HTTP stack's, with the I/O error beneath it), if any.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A local file could not be read or written, or another I/O operation failed (an
    /// [`std::io::Error`] converted with `?`, whose `path` is then empty).
    #[error("{}{source}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Io {
        /// The file; empty when the error did not come from a file of this crate.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The call cannot be made as asked (missing id, filter or credential, bad host...).
    /// Nothing was sent.
    #[error("{0}")]
    Usage(String),
    /// The HTTP client could not be built from the connection's network settings
    /// ([`ClientBuilder`](crate::ClientBuilder)): root certificates that are not PEM
    /// certificates (its `Display` names the file), a proxy URL that is not one, a user agent
    /// that is not a header value, or a TLS backend that failed to start. Nothing was sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let err = cytomine_core::Cytomine::builder("https://cytomine.example")
    ///     .credentials("public-key", "private-key")
    ///     .root_certificates_pem("not a certificate")
    ///     .connect()
    ///     .await
    ///     .unwrap_err();
    /// assert!(matches!(err, cytomine_core::Error::HttpClient { .. }), "{err}");
    /// # }
    /// ```
    #[error("cannot build the HTTP client{}", describe_transport(reason, source.as_deref()))]
    HttpClient {
        /// Which setting, in words (`root certificates `/etc/ssl/lab-ca.pem`: ...`).
        reason: String,
        /// The HTTP stack's error, if it found the problem.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A task the client runs in the background ended without its result: it panicked or was
    /// cancelled (the pages a [`Query::stream`](crate::Query::stream) fetches ahead run as
    /// tasks). A bug rather than a problem with the server; `source` is tokio's error.
    #[error("a background task of the client failed: {source}")]
    Task {
        /// tokio's error, which says whether the task panicked or was cancelled.
        #[source]
        source: tokio::task::JoinError,
    },
    /// An uploaded image was not imported: its uploaded file reached an error status, or the
    /// wait for the import ended first.
    #[error("uploaded file {uploaded_file}: {reason}")]
    Import {
        /// The uploaded file's id.
        uploaded_file: i64,
        /// Its last status seen (the uploaded file statuses of the server), if it was read.
        status: Option<i64>,
        /// What happened, in words.
        reason: String,
    },
}

/// The kinds of [`Error::Transport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection could be made: the request surely never reached the server.
    Connect,
    /// The request or the answer took too long.
    Timeout,
    /// The connection broke or the body ended early, after the request was sent.
    Interrupted,
    /// The server redirected the request (Cytomine never does; a proxy or login page did).
    Redirect,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "cannot connect",
            TransportKind::Timeout => "timed out",
            TransportKind::Interrupted => "connection interrupted",
            TransportKind::Redirect => "redirected",
        })
    }
}

fn describe(message: &Option<String>, body: &str) -> String {
    match message {
        Some(m) => format!(": {m}"),
        None if body.is_empty() => String::new(),
        None => format!("; body starts with: {body}"),
    }
}

/// What to check after a 401: the server took the request as anonymous, which is all it says
/// about a signature it did not accept (docs/protocol.md §1.3). Names no key, only what to check.
pub(crate) const UNAUTHORIZED_HINT: &str = "the server did not accept the request's signature; \
check that the public and private keys are the pair of one enabled user, that they were issued \
by this host (keys are per server), that the signing rule fits the server's generation (servers \
before December 2025 want the legacy rule: connecting tries it unless `signing_rule` forced one), \
and that the `Date` header reaches the server (Cytomine signs it but never compares it with its \
clock; a proxy in front of it may)";

/// The hint a status calls for, as ` (hint: ...)`, or nothing.
fn status_hint(status: u16) -> String {
    match status {
        401 => format!(" (hint: {UNAUTHORIZED_HINT})"),
        _ => String::new(),
    }
}

/// `: reason: cause: its cause...`, or nothing. The HTTP stack repeats the URL in its own
/// messages, which the error names already, and sometimes a cause's words in the next one:
/// both are said once.
fn describe_transport(
    reason: &str,
    source: Option<&(dyn std::error::Error + Send + Sync + 'static)>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !reason.is_empty() {
        parts.push(reason.to_string());
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = match source {
        Some(err) => Some(err),
        None => None,
    };
    while let Some(err) = cause {
        let text = err.to_string();
        let text = text.split(" for url (").next().unwrap_or(&text).to_string();
        // The HTTP stack wraps some of its errors in another of the same words.
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        cause = err.source();
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join(": "))
    }
}

impl Error {
    pub(crate) fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    /// An [`Error::HttpClient`] about `reason`, caused by the HTTP stack's `source`.
    pub(crate) fn http_client(reason: impl Into<String>, source: reqwest::Error) -> Self {
        Error::HttpClient {
            reason: reason.into(),
            source: Some(Box::new(source)),
        }
    }

    /// An [`Error::HttpClient`] told by `reason` alone.
    pub(crate) fn http_client_reason(reason: impl Into<String>) -> Self {
        Error::HttpClient {
            reason: reason.into(),
            source: None,
        }
    }

    /// A transport failure the client saw itself, told by `reason` (no underlying error).
    pub(crate) fn transport(request: &RequestInfo, kind: TransportKind, reason: String) -> Self {
        Error::Transport {
            request: Box::new(request.clone()),
            kind,
            reason,
            source: None,
        }
    }

    /// A body that is not what was expected, told by `reason` (serde did not say it).
    pub(crate) fn decode(
        request: &RequestInfo,
        status: u16,
        path: impl Into<String>,
        reason: impl Into<String>,
        body: String,
    ) -> Self {
        Error::Decode {
            request: Box::new(request.clone()),
            status,
            path: path.into(),
            reason: reason.into(),
            body,
            source: None,
        }
    }

    pub(crate) fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// The HTTP status, where the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The request this error belongs to, if any.
    pub fn request(&self) -> Option<&RequestInfo> {
        match self {
            Error::Status { request, .. }
            | Error::Decode { request, .. }
            | Error::Transport { request, .. } => Some(request.as_ref()),
            _ => None,
        }
    }

    /// True for a 404.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// True when the same request may succeed later: connection failures, timeouts, and the
    /// statuses 429, 502, 503, 504.
    pub fn is_retryable(&self) -> bool {
        crate::http::response::may_succeed_later(self)
    }
}

/// JSON attributes whose string values are secrets: never shown in logs or errors.
const SECRET_KEYS: [&str; 4] = ["privateKey", "private_key", "secondaryKey", "password"];

/// Whether an attribute named `key` holds a secret.
pub(crate) fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.contains(&key)
}

/// The body with the string value of every [`SECRET_KEYS`] attribute replaced by `***`.
pub(crate) fn redact(text: &str) -> String {
    let mut out = text.to_string();
    for key in SECRET_KEYS {
        let pattern = format!("\"{key}\"");
        let mut from = 0;
        while let Some(found) = out[from..].find(&pattern) {
            let after_key = from + found + pattern.len();
            let rest = &out[after_key..];
            let value_start = rest
                .find(|c: char| !c.is_whitespace() && c != ':')
                .map(|i| after_key + i);
            match value_start.filter(|&i| out[i..].starts_with('"')) {
                Some(open) => {
                    let close = string_end(&out, open + 1);
                    out.replace_range(open + 1..close, "***");
                    from = open + 4;
                }
                None => from = after_key,
            }
        }
    }
    out
}

/// Index of the closing quote of a JSON string starting at `start` (or the end of the text).
fn string_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    text.len()
}

/// The first [`SNIPPET_CHARS`] characters of a body, lossily decoded, secrets redacted, on
/// one line.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = redact(&String::from_utf8_lossy(body));
    let mut out: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().count() > SNIPPET_CHARS {
        out.push('…');
    }
    out.replace(['\n', '\r'], " ")
}

/// Any I/O error, so that `?` works on it in a function returning [`Result`]: for example
/// starting an emulator (`cytomine_emulator::EmulatorBuilder::start` returns an
/// `std::io::Result`) in a test that returns `cytomine::Result`.
///
/// ```
/// fn read_keys() -> cytomine_core::Result<String> {
///     Ok(std::fs::read_to_string("/nonexistent/keys.toml")?)
/// }
/// let err = read_keys().unwrap_err();
/// assert!(matches!(err, cytomine_core::Error::Io { .. }));
/// ```
impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        Error::Io {
            path: String::new(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_failed_task_keeps_tokio_s_error_as_its_source() {
        let joined = tokio::spawn(async { panic!("page decoder bug") }).await;
        let err = Error::Task {
            source: joined.unwrap_err(),
        };
        assert!(matches!(err, Error::Task { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.starts_with("a background task of the client failed: ") && text.contains("panic"),
            "{text}"
        );
        let source = std::error::Error::source(&err).expect("a source");
        assert!(source
            .downcast_ref::<tokio::task::JoinError>()
            .is_some_and(|e| e.is_panic()));
    }

    #[test]
    fn secrets_are_redacted_from_snippets() {
        let body = br#"{"id":1,"privateKey" : "abc-123","publicKey":"pub","password":"p\"w","secondaryKey":"s"}"#;
        let shown = snippet(body);
        assert!(
            !shown.contains("abc-123") && !shown.contains("p\\\"w") && !shown.contains(":\"s\""),
            "{shown}"
        );
        assert!(shown.contains("\"publicKey\":\"pub\""), "{shown}");
        assert_eq!(redact(r#"{"privateKey":null}"#), r#"{"privateKey":null}"#);
        assert_eq!(
            redact(r#"{"privateKey":"unterminated"#),
            r#"{"privateKey":"***"#
        );
    }
}
