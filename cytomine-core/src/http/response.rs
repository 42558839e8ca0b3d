//! What an answer means: the one place for the response-status policy.
//!
//! | answer | becomes | sent again? |
//! |---|---|---|
//! | 2xx | the value ([`decode`](super::decode::decode)) | – |
//! | 3xx | [`TransportKind::Redirect`]: Cytomine never redirects, a proxy or a login page did | no |
//! | 401 to the current user's fetch while connecting | the legacy signing rule is tried, unless a rule was forced ([`calls_for_legacy_signing`]) | once, signed the other way |
//! | 404 to a DELETE sent again | success: an earlier attempt deleted it and its answer was lost ([`already_deleted`]) | – |
//! | 429, 503 | [`Error::Status`]: the server did not take the request | yes, even a POST, after `Retry-After` |
//! | 502, 504 | [`Error::Status`]: the request may have been applied | a GET, PUT or DELETE only |
//! | other statuses | [`Error::Status`], with the server's own message ([`status_error`]) | no |
//! | no answer | [`Error::Transport`] ([`transport_error`](super::transport::transport_error)) | a GET, PUT or DELETE; a POST only when no connection was made |
//!
//! [`may_succeed_later`] and [`may_have_been_applied`] decide the last column, for retries
//! ([`may_send_again`]) and for bulk saves alike (an item is "unknown" exactly when its request
//! may have been applied); [`RetryPolicy`](super::retry::RetryPolicy) decides how long to wait
//! and how often.

use std::time::{Duration, SystemTime};

use reqwest::header::{LOCATION, RETRY_AFTER};

use super::Method;
use crate::error::{snippet, Error, RequestInfo, TransportKind};

/// An answer other than a success: its error, and the wait the server asked for before a new
/// attempt (`Retry-After`), if any.
pub(crate) struct Refused {
    pub error: Error,
    pub retry_after: Option<Duration>,
}

/// Hands a successful response on as it is; a redirect or an error status becomes its error
/// (the body of an error status is read for the server's message).
pub(crate) async fn accept(
    info: &RequestInfo,
    response: reqwest::Response,
) -> Result<reqwest::Response, Refused> {
    let status = response.status();
    if status.is_redirection() {
        let to = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("?");
        let reason = format!("HTTP {} to {to}", status.as_u16());
        let error = Error::transport(info, TransportKind::Redirect, reason);
        return Err(Refused {
            error,
            retry_after: None,
        });
    }
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    let body = response.bytes().await.unwrap_or_default();
    tracing::trace!(target: "cytomine::http", body = %snippet(&body), "error body");
    Err(Refused {
        error: status_error(info.clone(), status.as_u16(), &body),
        retry_after,
    })
}

/// Whether the same request may succeed later: no answer (except a redirect), or the statuses
/// 429, 502, 503 and 504.
pub(crate) fn may_succeed_later(err: &Error) -> bool {
    match err {
        Error::Status { status, .. } => matches!(status, 429 | 502 | 503 | 504),
        Error::Transport { kind, .. } => *kind != TransportKind::Redirect,
        _ => false,
    }
}

/// Whether a failed request may have changed something on the server. It surely did not when no
/// connection was made, when a proxy redirected it, when the server refused it (4xx) or said it
/// could not take it (503), or when nothing was sent (a usage or local file error). Everything
/// else may have been applied: an answer lost, a 5xx, a 200 whose body is unreadable.
pub(crate) fn may_have_been_applied(err: &Error) -> bool {
    match err {
        Error::Transport { kind, .. } => {
            !matches!(kind, TransportKind::Connect | TransportKind::Redirect)
        }
        Error::Status { status, .. } => !(400..500).contains(status) && *status != 503,
        Error::Usage(_) | Error::Io { .. } => false,
        _ => true,
    }
}

/// Whether a request that failed with `err` may be sent again: it may succeed later, and
/// sending it twice cannot apply it twice (GET, PUT, DELETE) or it surely was not applied.
pub(crate) fn may_send_again(method: Method, err: &Error) -> bool {
    may_succeed_later(err) && (method.is_idempotent() || !may_have_been_applied(err))
}

/// Whether `err`, after `attempts` attempts of a `method` request, is the 404 of a DELETE whose
/// earlier attempt succeeded (its answer lost): the item is gone, as asked.
pub(crate) fn already_deleted(method: Method, attempts: u32, err: &Error) -> bool {
    method == Method::Delete && attempts > 1 && err.status() == Some(404)
}

/// Whether the current user's fetch while connecting, refused with `err`, should be signed again
/// by the legacy rule: servers before December 2025 answer 401 to the current rule.
pub(crate) fn calls_for_legacy_signing(err: &Error) -> bool {
    err.status() == Some(401)
}

/// Reads a `Retry-After` header: delta-seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The server's message from an error body, whatever its shape:
/// `{"errors": "msg"}`, `{"errors": {"message": "msg"}}`, a ProblemDetail `{"detail": "msg"}`,
/// `{"message": "msg"}`, or the `<h1>`/`<title>` of an HTML page.
pub(crate) fn server_message(body: &[u8]) -> Option<String> {
    if let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) {
        let errors = json.get("errors");
        let candidates = [
            errors.and_then(|e| e.as_str()),
            errors
                .and_then(|e| e.get("message"))
                .and_then(|m| m.as_str()),
            json.get("detail").and_then(|d| d.as_str()),
            json.get("message").and_then(|m| m.as_str()),
            json.get("error").and_then(|m| m.as_str()),
        ];
        return candidates.into_iter().flatten().next().map(str::to_string);
    }
    let text = String::from_utf8_lossy(body);
    html_element(&text, "h1").or_else(|| html_element(&text, "title"))
}

fn html_element(text: &str, tag: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find(&format!("<{tag}"))?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find(&format!("</{tag}>"))?;
    let inner = text[open_end..close].trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

/// The error for a non-success status.
pub(crate) fn status_error(request: RequestInfo, status: u16, body: &[u8]) -> Error {
    Error::Status {
        request: Box::new(request),
        status,
        message: server_message(body),
        body: snippet(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_message_in_every_error_shape() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"{"success":false,"errors":"Project p already exist!","errorValues":{}}"#, Some("Project p already exist!")),
            (r#"{"errors":{"message":"AbstractImage 5 not found"},"errorValues":{}}"#, Some("AbstractImage 5 not found")),
            (r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Unable to find ontology with id: 5"}"#, Some("Unable to find ontology with id: 5")),
            ("<html><head><title>Cytomine error 401</title></head><body><h1>Authorization required</h1></body></html>", Some("Authorization required")),
            ("<html><title>Cytomine error 500</title></html>", Some("Cytomine error 500")),
            ("", None),
            ("plain words", None),
        ];
        for (body, expected) in cases {
            assert_eq!(
                server_message(body.as_bytes()).as_deref(),
                *expected,
                "{body}"
            );
        }
    }

    fn status(status: u16) -> Error {
        status_error(
            RequestInfo {
                method: "POST".into(),
                url: "u".into(),
            },
            status,
            b"",
        )
    }

    fn transport(kind: TransportKind) -> Error {
        let request = RequestInfo {
            method: "POST".into(),
            url: "u".into(),
        };
        Error::transport(&request, kind, String::new())
    }

    #[test]
    fn a_post_is_sent_again_only_when_it_surely_was_not_applied() {
        use TransportKind::{Connect, Interrupted, Redirect, Timeout};
        let cases = [
            (transport(Connect), true, true),
            (transport(Timeout), true, false),
            (transport(Interrupted), true, false),
            (transport(Redirect), false, false),
            (status(429), true, true),
            (status(503), true, true),
            (status(502), true, false),
            (status(504), true, false),
            (status(400), false, false),
            (status(500), false, false),
        ];
        for (err, idempotent, post) in cases {
            assert_eq!(may_send_again(Method::Put, &err), idempotent, "PUT {err}");
            assert_eq!(may_send_again(Method::Post, &err), post, "POST {err}");
        }
        assert!(!may_have_been_applied(&status(404)));
        assert!(may_have_been_applied(&status(500)));
    }

    #[test]
    fn parses_both_retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Mon, 01 Jan 2024 00:00:05 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
