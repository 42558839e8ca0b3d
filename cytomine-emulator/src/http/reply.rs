//! An HTTP answer built by handlers, turned into an axum response at the edge.

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Response, StatusCode};
use bytes::Bytes;
use serde::Serialize;

/// A finished answer: status, content type, extra headers and body.
#[derive(Debug)]
pub(crate) struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(HeaderName, String)>,
    body: Bytes,
}

const JSON: &str = "application/json";
const HTML: &str = "text/html;charset=UTF-8";

impl Reply {
    /// A JSON answer serialized straight from `value`.
    pub(crate) fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply::raw(status, JSON, Bytes::from(body)),
            Err(_) => Reply::error_page(500),
        }
    }
    /// An answer with the given type and body.
    pub(crate) fn raw(status: u16, content_type: &'static str, body: Bytes) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }
    /// Add a header.
    pub(crate) fn header(mut self, name: HeaderName, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
    /// The HTTP status code.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }
    /// The body bytes.
    #[cfg(test)]
    pub(crate) fn body(&self) -> &[u8] {
        &self.body
    }

    /// The server's HTML error page (`CustomErrorController`): 401, 404 or 500.
    pub(crate) fn error_page(status: u16) -> Reply {
        let (heading, text) = match status {
            401 => (
                "Authorization required",
                "This page is not publicly available. To access it, please login first or use a valid token.",
            ),
            404 => ("Page not found", "The page you are looking for does not exist."),
            _ => ("Internal Error", "An unexpected error occurred on the server."),
        };
        let page = format!(
            "<!DOCTYPE html><html><head><title>Cytomine error {status}</title></head><body>\
             <h1>{heading}</h1><p>{text}</p><p><a href=\"/\">Back to Cytomine</a></p></body></html>"
        );
        Reply::raw(status, HTML, Bytes::from(page))
    }

    /// Convert into an axum response.
    pub(crate) fn into_response(self) -> Response<Body> {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = Response::new(Body::from(self.body));
        *res.status_mut() = status;
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.append(name, v);
            }
        }
        res
    }
}
