//! Downloads that do not go to a file: the whole body in memory, or a stream of its chunks.

use bytes::Bytes;
use futures::stream::{self, Stream, StreamExt};

use super::download::{check_not_html, same_server_target};
use crate::client::Cytomine;
use crate::error::{Error, RequestInfo, Result, TransportKind};
use crate::http::request::Call;
use crate::http::transport::{transport_error, AttemptBody};
use crate::http::Method;

/// Downloads `GET /api/{path}?{query}` into memory and returns its bytes: for thumbnails,
/// windows and crops that go straight into a program (a large original file is better
/// [`download`](super::download)ed to disk, or read with [`download_stream`]). A broken
/// transfer is retried per the client's retry policy, from the start; a body shorter than its
/// `Content-Length` is an error.
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
/// let query = [("maxSize".to_string(), "256".to_string())];
/// let png = cytomine_core::files::download_bytes(&cm, "imageinstance/13/thumb.png", &query).await?;
/// println!("{} bytes of PNG", png.len());
/// # Ok(()) }
/// ```
pub async fn download_bytes(
    cm: &Cytomine,
    path: &str,
    query: &[(String, String)],
) -> Result<Bytes> {
    read_all(cm, Call::api(Method::Get, path).query(query.to_vec())).await
}

/// [`download_bytes`] of an absolute URL that the server gave (an annotation's `cropURL`),
/// which must be on the connection's own server, as for [`download_url`](super::download_url).
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
/// let url = format!("{}/api/userannotation/5/crop.png", cm.base_url());
/// let png = cytomine_core::files::download_url_bytes(&cm, &url, &[]).await?;
/// # Ok(()) }
/// ```
pub async fn download_url_bytes(
    cm: &Cytomine,
    url: &str,
    query: &[(String, String)],
) -> Result<Bytes> {
    let (target, mut pairs) = same_server_target(cm.base_url(), url)?;
    pairs.extend(query.iter().cloned());
    let call = Call {
        target,
        ..Call::api(Method::Get, String::new()).query(pairs)
    };
    read_all(cm, call).await
}

/// Starts `GET /api/{path}?{query}` and returns its body as a stream of chunks, for a large
/// file read as it arrives (to hash it, to hand it to another writer). The request is retried
/// per the client's retry policy until the server answers; a failure after that ends the
/// stream with an error (nothing is resumed: use [`download`](super::download) for that),
/// and so does a body shorter than its `Content-Length`.
///
/// As a [`tokio::io::AsyncRead`], through `tokio_util::io::StreamReader`:
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
/// use futures::TryStreamExt;
/// let chunks = cytomine_core::files::download_stream(&cm, "imageinstance/13/download", &[]).await?;
/// let mut reader = tokio_util::io::StreamReader::new(chunks.map_err(std::io::Error::other));
/// let mut file = tokio::fs::File::create("/tmp/image13.tiff").await?;
/// let n = tokio::io::copy(&mut reader, &mut file).await?;
/// # Ok(()) }
/// ```
pub async fn download_stream(
    cm: &Cytomine,
    path: &str,
    query: &[(String, String)],
) -> Result<impl Stream<Item = Result<Bytes>> + Send + Unpin + 'static> {
    let call = Call {
        content_type: Some("application/json"),
        ..Call::api(Method::Get, path).query(query.to_vec())
    };
    let read = |info: RequestInfo, response: reqwest::Response| async move {
        check_not_html(&info, &response)?;
        Ok((info, response))
    };
    let (info, response) = cm
        .transport()
        .execute(&call, Vec::new, || Ok(AttemptBody::None), read)
        .await?;
    let expected = response.content_length();
    let body = Box::pin(response.bytes_stream());
    // Each step yields the next chunk; the end checks the length against `Content-Length`.
    let chunks = stream::unfold(Some((body, 0u64)), move |state| {
        let info = info.clone();
        async move {
            let (mut body, done) = state?;
            match body.next().await {
                Some(Ok(chunk)) => {
                    let done = done + chunk.len() as u64;
                    Some((Ok(chunk), Some((body, done))))
                }
                Some(Err(e)) => Some((Err(transport_error(&info, e)), None)),
                None => expected
                    .filter(|e| *e != done)
                    .map(|e| (Err(short_body(&info, done, e)), None)),
            }
        }
    });
    Ok(Box::pin(chunks))
}

/// One request, its whole body in memory.
async fn read_all(cm: &Cytomine, call: Call) -> Result<Bytes> {
    let call = Call {
        content_type: Some("application/json"),
        ..call
    };
    let read = |info: RequestInfo, response: reqwest::Response| async move {
        check_not_html(&info, &response)?;
        let expected = response.content_length();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport_error(&info, e))?;
        match expected.filter(|e| *e != body.len() as u64) {
            Some(e) => Err(short_body(&info, body.len() as u64, e)),
            None => Ok(body),
        }
    };
    cm.transport()
        .execute(&call, Vec::new, || Ok(AttemptBody::None), read)
        .await
}

fn short_body(info: &RequestInfo, done: u64, expected: u64) -> Error {
    let reason = format!("body ended after {done} of {expected} bytes");
    Error::transport(info, TransportKind::Interrupted, reason)
}
