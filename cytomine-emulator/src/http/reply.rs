//! An HTTP answer built by handlers, turned into an axum response at the edge.

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Response, StatusCode};
use bytes::Bytes;
use serde::Serialize;
use tokio::sync::mpsc;

/// A finished answer: status, content type, extra headers and body.
#[derive(Debug)]
pub struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(HeaderName, String)>,
    body: Payload,
}

/// The body of a [`Reply`].
#[derive(Debug)]
enum Payload {
    /// All of it, sent with its `Content-Length`.
    Whole(Bytes),
    /// Chunks still being written (see `early`), sent chunked as they come.
    Chunks(mpsc::UnboundedReceiver<Bytes>),
}

const JSON: &str = "application/json";
const HTML: &str = "text/html;charset=UTF-8";

impl Reply {
    /// A JSON answer serialized straight from `value`.
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply::raw(status, JSON, Bytes::from(body)),
            Err(_) => Reply::error_page(500),
        }
    }
    /// A JSON answer already written as bytes.
    pub fn json_bytes(status: u16, body: Vec<u8>) -> Reply {
        Reply::raw(status, JSON, Bytes::from(body))
    }
    /// A JSON answer whose body arrives in chunks through `chunks` (see `early`).
    pub fn json_chunks(status: u16, chunks: mpsc::UnboundedReceiver<Bytes>) -> Reply {
        Reply {
            status,
            content_type: JSON,
            headers: Vec::new(),
            body: Payload::Chunks(chunks),
        }
    }
    /// Stands for an answer that already went out early (see `early`): the dispatcher drops it.
    pub fn sent_early() -> Reply {
        Reply::raw(200, JSON, Bytes::new())
    }
    /// An answer with the given type and body.
    pub fn raw(status: u16, content_type: &'static str, body: Bytes) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: Payload::Whole(body),
        }
    }
    /// Add a header.
    pub fn header(mut self, name: HeaderName, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The body bytes (none for a body sent in chunks).
    #[cfg(test)]
    pub fn body(&self) -> &[u8] {
        match &self.body {
            Payload::Whole(bytes) => bytes,
            Payload::Chunks(_) => &[],
        }
    }
    /// The chunks of a body sent in chunks.
    #[cfg(test)]
    pub fn into_chunks(self) -> Option<mpsc::UnboundedReceiver<Bytes>> {
        match self.body {
            Payload::Whole(_) => None,
            Payload::Chunks(chunks) => Some(chunks),
        }
    }

    /// The server's HTML error page (`CustomErrorController`): 401, 404 or 500.
    pub fn error_page(status: u16) -> Reply {
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
    pub fn into_response(self) -> Response<Body> {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = match self.body {
            Payload::Whole(bytes) => Body::from(bytes),
            Payload::Chunks(mut chunks) => Body::from_stream(futures::stream::poll_fn(move |cx| {
                chunks
                    .poll_recv(cx)
                    .map(|chunk| chunk.map(Ok::<_, std::convert::Infallible>))
            })),
        };
        let mut res = Response::new(body);
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
