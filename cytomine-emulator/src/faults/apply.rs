//! Turning a fired fault into what the client receives.

use std::future::Future;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderValue, Response};
use bytes::Bytes;
use futures::StreamExt;
use serde_json::json;

use super::rule::{Fault, Firing};
use crate::http::reply::Reply;

const HTML: &str = "text/html;charset=UTF-8";

/// Answers a request under `firing`; `process` authenticates, dispatches and answers it, and
/// runs only for the faults that let the request reach the server's logic.
pub(crate) async fn apply<F>(firing: Option<Firing>, server_url: &str, process: F) -> Response<Body>
where
    F: Future<Output = Response<Body>>,
{
    let Some(Firing { fault, retry_after }) = firing else {
        return process.await;
    };
    tracing::debug!(?fault, "injecting a fault");
    match fault {
        Fault::Status(code) => status(code, retry_after),
        Fault::Delay(wait) => {
            tokio::time::sleep(wait).await;
            process.await
        }
        Fault::DropBeforeProcessing => dropped(),
        Fault::DropAfterProcessing => {
            drop(process.await);
            dropped()
        }
        Fault::TruncateBody => truncated(process.await).await,
        Fault::MalformedJson => cut_off(process.await).await,
        Fault::HtmlWith200 => portal_page(),
        Fault::RedirectToLogin => Reply::raw(302, HTML, Bytes::new())
            .header(header::LOCATION, format!("{server_url}/login"))
            .into_response(),
    }
}

fn status(code: u16, retry_after: Option<u64>) -> Response<Body> {
    let body = json!({"success": false, "errors": format!("Injected fault: HTTP {code}"), "errorValues": {}});
    let reply = Reply::json(code, &body);
    match retry_after {
        Some(secs) => reply.header(header::RETRY_AFTER, secs.to_string()),
        None => reply,
    }
    .into_response()
}

fn portal_page() -> Response<Body> {
    let page = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in</h1>\
                <form action=\"/login\" method=\"post\"></form></body></html>";
    Reply::raw(200, HTML, Bytes::from_static(page.as_bytes())).into_response()
}

fn broken_pipe() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::ConnectionAborted,
        "injected fault: connection dropped",
    )
}

/// A response whose body fails at once: hyper aborts the connection without a complete answer.
fn dropped() -> Response<Body> {
    let stream = futures::stream::once(async { Err::<Bytes, _>(broken_pipe()) });
    Response::new(Body::from_stream(stream))
}

/// The handler's answer under its full `Content-Length`, but only the first half of the body.
async fn truncated(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return dropped();
    };
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    let first = futures::stream::once(async move { Ok::<Bytes, std::io::Error>(half) });
    let then_break = futures::stream::once(async {
        // Let the first half leave before the connection breaks.
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err(broken_pipe())
    });
    let stream = first.chain(then_break);
    Response::from_parts(parts, Body::from_stream(stream))
}

/// The handler's status and headers with a complete body of half its bytes.
async fn cut_off(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return dropped();
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}
