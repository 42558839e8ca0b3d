//! CORS as the current server's Spring Security configuration answers it (docs/protocol.md §2.8):
//! a preflight is answered before authentication, and an answer to a request with an `Origin`
//! carries the allowed origin, credentials and exposed headers.

use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_REQUEST_HEADERS,
    ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use axum::http::HeaderMap;
use bytes::Bytes;

use super::reply::Reply;

/// The methods the configuration allows.
const ALLOWED_METHODS: [&str; 6] = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"];

fn header<'a>(headers: &'a HeaderMap, name: &axum::http::HeaderName) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The answer to a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`):
/// 200 with an empty body, or 403 `Invalid CORS request` for a method that is not allowed.
/// `None` for any other request.
pub(crate) fn preflight(method: &str, headers: &HeaderMap) -> Option<Reply> {
    if method != "OPTIONS" {
        return None;
    }
    let origin = header(headers, &ORIGIN)?;
    let requested = header(headers, &ACCESS_CONTROL_REQUEST_METHOD)?;
    let vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    if !ALLOWED_METHODS.contains(&requested.trim()) {
        return Some(
            Reply::raw(
                403,
                "text/plain",
                Bytes::from_static(b"Invalid CORS request"),
            )
            .header(VARY, vary),
        );
    }
    let mut reply = Reply::raw(200, "text/plain", Bytes::new())
        .header(VARY, vary)
        .header(ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .header(ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS.join(","));
    if let Some(asked) = header(headers, &ACCESS_CONTROL_REQUEST_HEADERS) {
        reply = reply.header(ACCESS_CONTROL_ALLOW_HEADERS, asked);
    }
    Some(
        reply
            .header(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
            .header(ACCESS_CONTROL_EXPOSE_HEADERS, "Content-Disposition"),
    )
}

/// `reply` with the CORS headers of an actual request from `origin`.
pub(crate) fn actual(reply: Reply, origin: Option<&str>) -> Reply {
    match origin {
        Some(origin) => reply
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, origin)
            .header(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
            .header(ACCESS_CONTROL_EXPOSE_HEADERS, "Content-Disposition"),
        None => reply,
    }
}
