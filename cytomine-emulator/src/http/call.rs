//! One incoming request, fully read, with typed accessors for query and body.

use axum::http::HeaderMap;
use bytes::Bytes;
use serde_json::{Map, Value};

use super::fail::Fail;
use crate::keys::Role;
use crate::profile::Profile;

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// User id.
    pub(crate) id: i64,
    /// Username.
    pub(crate) username: String,
    /// Highest stored role.
    pub(crate) role: Role,
    /// Effective admin right (ROLE_SUPER_ADMIN, or ROLE_ADMIN with an open admin session).
    pub(crate) admin_by_now: bool,
}

impl Caller {
    /// Whether the caller is only a guest (guests cannot write).
    pub(crate) fn is_guest(&self) -> bool {
        self.role == Role::Guest
    }
}

/// A request after authentication, as handlers see it.
#[derive(Debug)]
pub(crate) struct Call {
    /// HTTP method, upper case.
    pub(crate) method: String,
    /// The path as received (with `/api/`).
    pub(crate) path: String,
    /// Decoded query pairs, in order.
    pub(crate) query: Vec<(String, String)>,
    /// Request headers.
    pub(crate) headers: HeaderMap,
    /// The raw body.
    pub(crate) body: Bytes,
    /// The caller, or `None` for an anonymous request.
    pub(crate) caller: Option<Caller>,
    /// `http://127.0.0.1:PORT`, the base of absolute URLs in JSON.
    pub(crate) server_url: String,
    /// Request time, epoch milliseconds.
    pub(crate) now: i64,
    /// The wire format served for the migrated domains.
    pub(crate) profile: Profile,
}

impl Call {
    /// A `GET` of `path` with `query` (url-encoded), for handler tests.
    #[cfg(test)]
    pub(crate) fn test_get(
        path: &str,
        query: &str,
        caller: Option<Caller>,
        server_url: &str,
    ) -> Call {
        Call {
            method: "GET".into(),
            path: path.into(),
            query: url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            caller,
            server_url: server_url.into(),
            now: 1_000_000,
            profile: Profile::Classic,
        }
    }
    /// Whether the migrated domains answer in the 2026 repository format.
    pub(crate) fn is_repository(&self) -> bool {
        self.profile == Profile::Repository
    }
    /// The first value of a query parameter.
    pub(crate) fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    /// A non-empty query parameter.
    pub(crate) fn nonempty(&self, key: &str) -> Option<&str> {
        self.param(key).filter(|v| !v.is_empty() && *v != "null")
    }
    /// Whether some query key appears twice (Spring then answers 500).
    pub(crate) fn has_repeated_param(&self) -> bool {
        let mut keys: Vec<&str> = self.query.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2).any(|w| w[0] == w[1])
    }
    /// A boolean parameter, parsed case-insensitively; absent or unparsable gives `None`.
    pub(crate) fn flag(&self, key: &str) -> Option<bool> {
        parse_bool(self.param(key)?)
    }
    /// A boolean parameter with a default.
    pub(crate) fn flag_or(&self, key: &str, default: bool) -> bool {
        self.flag(key).unwrap_or(default)
    }
    /// An integer parameter; a malformed value is a 400.
    pub(crate) fn int(&self, key: &str) -> Result<Option<i64>, Fail> {
        match self.nonempty(key) {
            None => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                Fail::bad(format!(
                    "Failed to convert value '{v}' of parameter '{key}' to a number"
                ))
            }),
        }
    }
    /// An id list parameter (`1,2,3` or `1_2_3`).
    pub(crate) fn ids(&self, key: &str) -> Result<Option<Vec<i64>>, Fail> {
        match self.nonempty(key) {
            None => Ok(None),
            Some(v) => parse_id_list(v)
                .map(Some)
                .ok_or_else(|| Fail::bad(format!("{key} is not a list of ids: {v}"))),
        }
    }
    /// The authenticated caller (handlers behind authentication only).
    pub(crate) fn user(&self) -> Result<&Caller, Fail> {
        self.caller.as_ref().ok_or_else(|| {
            Fail::forbidden("Cannot identify user or user is not authorized to log in")
        })
    }
    /// The body parsed as JSON; an unparsable body is a 400.
    pub(crate) fn json(&self) -> Result<Value, Fail> {
        serde_json::from_slice(&self.body).map_err(|_| {
            Fail::bad("The body cannot be parsed, is the body content in the good format?")
        })
    }
    /// The body as one JSON object.
    pub(crate) fn json_object(&self) -> Result<Map<String, Value>, Fail> {
        match self.json()? {
            Value::Object(m) => Ok(m),
            _ => Err(Fail::bad(
                "The body cannot be parsed, is the body content in the good format?",
            )),
        }
    }
    /// A header value as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Parse `true`/`false` in any case.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Parse ids separated by `,` or `_`; empty items are skipped.
pub(crate) fn parse_id_list(text: &str) -> Option<Vec<i64>> {
    text.split([',', '_'])
        .map(str::trim)
        .filter(|item| !item.is_empty() && *item != "null")
        .map(|item| item.parse().ok())
        .collect()
}
