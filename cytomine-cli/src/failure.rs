//! Every way the command can fail, its exit code, and the one human line printed for it.
//!
//! | code | kind | |
//! |---|---|---|
//! | 1 | [`Kind::Server`] | the server refused the request (other HTTP errors, unreadable answers) |
//! | 2 | [`Kind::Usage`] | the command line or the credentials are incomplete or wrong (clap uses 2 too) |
//! | 3 | [`Kind::Input`] | a local file is missing, unreadable, unwritable or malformed |
//! | 4 | [`Kind::Auth`] | the keys were refused (HTTP 401) or lack the rights (HTTP 403) |
//! | 5 | [`Kind::NotFound`] | the object does not exist (HTTP 404) |
//! | 6 | [`Kind::Network`] | the server could not be reached, or the connection broke |
//! | 7 | [`Kind::Partial`] | a bulk operation left some items not done (see its report) |

use std::fmt;
use std::process::ExitCode;

use cytomine::models::geo::GeoError;

/// The kinds of failure, one exit code each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The server refused.
    Server,
    /// Bad command line or credentials.
    Usage,
    /// A local file problem.
    Input,
    /// Keys refused.
    Auth,
    /// Not found.
    NotFound,
    /// Unreachable server.
    Network,
    /// Some items of a bulk operation not done.
    Partial,
    /// Whoever read the output stopped reading (`cytomine ... | head`): not an error.
    OutputClosed,
}

impl Kind {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Kind::Server => 1,
            Kind::Usage => 2,
            Kind::Input => 3,
            Kind::Auth => 4,
            Kind::NotFound => 5,
            Kind::Network => 6,
            Kind::Partial => 7,
            Kind::OutputClosed => 0,
        }
    }

    /// A stable name, for `--json` error objects.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Server => "server",
            Kind::Usage => "usage",
            Kind::Input => "input",
            Kind::Auth => "auth",
            Kind::NotFound => "not_found",
            Kind::Network => "network",
            Kind::Partial => "partial",
            Kind::OutputClosed => "output_closed",
        }
    }
}

/// A failure: its kind and one human line (never a key or a signature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The kind, which decides the exit code.
    pub kind: Kind,
    /// What went wrong, on one line.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Failure {
    /// A failure of `kind`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into().replace(['\n', '\r'], " "),
        }
    }

    /// A usage failure.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(Kind::Usage, message)
    }

    /// A local file failure about `path`.
    pub fn input(path: &std::path::Path, reason: impl fmt::Display) -> Self {
        Failure::new(Kind::Input, format!("{}: {reason}", path.display()))
    }

    /// The exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.kind.code())
    }

    /// The `--json` form: `{"error": {"kind", "code", "message"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"error": {
            "kind": self.kind.name(),
            "code": self.kind.code(),
            "message": self.message,
        }})
    }
}

impl From<cytomine::Error> for Failure {
    fn from(err: cytomine::Error) -> Self {
        use cytomine::Error as E;
        let kind = match &err {
            E::Status {
                status: 401 | 403, ..
            } => Kind::Auth,
            E::Status { status: 404, .. } => Kind::NotFound,
            E::Transport { .. } => Kind::Network,
            E::Io { .. } => Kind::Input,
            E::Usage(_) | E::HttpClient { .. } => Kind::Usage,
            _ => Kind::Server,
        };
        // A 401 carries its own hint (the library's); a 403 is about rights, not keys. A
        // refused certificate is often an internal authority's, whose certificate the system
        // does not hold.
        let hint = match (&err, kind) {
            (E::Status { status: 403, .. }, _) => " (check your rights on the object)",
            (_, Kind::Network) if err.to_string().contains("certificate") => {
                " (if an internal certificate authority issued the server's certificate, pass its \
                 PEM file with --ca-cert or CYTOMINE_CA_BUNDLE)"
            }
            (_, Kind::Network) => " (is the host right and the server up?)",
            _ => "",
        };
        Failure::new(kind, format!("{err}{hint}"))
    }
}

impl From<GeoError> for Failure {
    fn from(err: GeoError) -> Self {
        Failure::new(Kind::Input, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cytomine::{Error, RequestInfo, TransportKind};

    fn request() -> RequestInfo {
        RequestInfo {
            method: "GET".into(),
            url: "http://h/api/x.json".into(),
        }
    }

    fn status(status: u16) -> Error {
        Error::Status {
            request: request().into(),
            status,
            message: Some("nope\nsecond line".into()),
            body: String::new(),
        }
    }

    #[test]
    fn errors_map_to_exit_codes() {
        let table = [
            (status(401), 4),
            (status(403), 4),
            (status(404), 5),
            (status(500), 1),
            (
                Error::Transport {
                    request: request().into(),
                    kind: TransportKind::Connect,
                    reason: "refused".into(),
                    source: None,
                },
                6,
            ),
            (Error::Usage("bad".into()), 2),
            (
                Error::HttpClient {
                    reason: "root certificates `ca.pem`: no PEM certificate in it".into(),
                    source: None,
                },
                2,
            ),
        ];
        for (err, code) in table {
            let failure = Failure::from(err);
            assert_eq!(failure.kind.code(), code, "{failure}");
            assert!(!failure.message.contains('\n'), "{failure}");
        }
    }

    #[test]
    fn a_refused_key_says_what_to_check_once() {
        let unauthorized = Failure::from(status(401)).message;
        assert_eq!(unauthorized.matches("hint:").count(), 1, "{unauthorized}");
        assert!(
            unauthorized.contains("the pair of one enabled user"),
            "{unauthorized}"
        );
        let forbidden = Failure::from(status(403)).message;
        assert!(
            forbidden.ends_with("(check your rights on the object)"),
            "{forbidden}"
        );
        assert!(!forbidden.contains("hint:"), "{forbidden}");
    }

    #[test]
    fn a_refused_certificate_points_to_ca_cert() {
        let refused = |reason: &str| {
            Failure::from(Error::Transport {
                request: request().into(),
                kind: TransportKind::Connect,
                reason: reason.into(),
                source: None,
            })
            .message
        };
        let untrusted = refused("invalid peer certificate: UnknownIssuer");
        assert!(
            untrusted.ends_with("--ca-cert or CYTOMINE_CA_BUNDLE)"),
            "{untrusted}"
        );
        let down = refused("Connection refused");
        assert!(
            down.ends_with("(is the host right and the server up?)"),
            "{down}"
        );
    }
}
