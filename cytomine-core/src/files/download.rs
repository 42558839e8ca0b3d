//! Streaming download to disk: written aside (`.<name>.part`), length checked, then renamed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use futures::StreamExt;
use reqwest::header::{CONTENT_RANGE, RANGE};
use tokio::io::AsyncWriteExt;

use crate::client::Cytomine;
use crate::error::{Error, RequestInfo, Result, TransportKind};
use crate::http::request::Call;
use crate::http::transport::{transport_error, AttemptBody};
use crate::http::Method;

/// A progress hook: called with the bytes received so far and the total when known.
pub type Progress = Arc<dyn Fn(u64, Option<u64>) + Send + Sync>;

/// Downloads `GET /api/{path}?{query}` to `destination`, streaming with bounded memory. The
/// bytes go to a hidden `.part` file beside the destination, which is renamed only once the
/// length matches `Content-Length`; on failure nothing is left under the final name. A broken
/// transfer is retried per the client's retry policy, resuming with `Range` when the server
/// supports it. Returns the number of bytes written.
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
/// let n = cytomine_core::files::download(&cm, "imageinstance/13/download", &[], "/tmp/image13.tiff".as_ref(), None).await?;
/// # Ok(()) }
/// ```
pub async fn download(
    cm: &Cytomine,
    path: &str,
    query: &[(String, String)],
    destination: &Path,
    progress: Option<Progress>,
) -> Result<u64> {
    let part = part_path(destination)?;
    if let Some(dir) = destination.parent().filter(|d| !d.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| Error::io(dir, e))?;
    }
    let call = Call {
        content_type: Some("application/json"),
        ..Call::api(Method::Get, path).query(query.to_vec())
    };
    let written = Arc::new(Mutex::new(0u64));
    let result = fetch_into(cm, &call, &part, written, progress).await;
    match result {
        Ok(total) => {
            tokio::fs::rename(&part, destination)
                .await
                .map_err(|e| Error::io(destination, e))?;
            Ok(total)
        }
        Err(err) => {
            let _ = tokio::fs::remove_file(&part).await;
            Err(err)
        }
    }
}

fn part_path(destination: &Path) -> Result<PathBuf> {
    let name = destination
        .file_name()
        .ok_or_else(|| Error::usage(format!("`{}` is not a file path", destination.display())))?;
    Ok(destination.with_file_name(format!(".{}.part", name.to_string_lossy())))
}

async fn fetch_into(
    cm: &Cytomine,
    call: &Call,
    part: &Path,
    written: Arc<Mutex<u64>>,
    progress: Option<Progress>,
) -> Result<u64> {
    let range = || {
        let done = written.lock().map(|w| *w).unwrap_or(0);
        if done > 0 {
            vec![(RANGE, format!("bytes={done}-"))]
        } else {
            Vec::new()
        }
    };
    let read = |info: RequestInfo, response: reqwest::Response| {
        let written = written.clone();
        let progress = progress.clone();
        async move { write_body(info, response, part, written, progress).await }
    };
    cm.transport()
        .execute(call, range, || Ok(AttemptBody::None), read)
        .await
}

/// Writes one response into the part file: appends after a `206` that starts where the file
/// ends, otherwise starts over. Checks the final length.
async fn write_body(
    info: RequestInfo,
    response: reqwest::Response,
    part: &Path,
    written: Arc<Mutex<u64>>,
    progress: Option<Progress>,
) -> Result<u64> {
    let already = written.lock().map(|w| *w).unwrap_or(0);
    let resume_from = resumed_at(&response).filter(|start| *start == already && already > 0);
    let start = resume_from.unwrap_or(0);
    let total = response.content_length().map(|len| start + len);
    let mut file = if resume_from.is_some() {
        tokio::fs::OpenOptions::new().append(true).open(part).await
    } else {
        tokio::fs::File::create(part).await
    }
    .map_err(|e| Error::io(part, e))?;
    let mut done = start;
    set(&written, done);
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| transport_error(&info, &e))?;
        file.write_all(&chunk)
            .await
            .map_err(|e| Error::io(part, e))?;
        done += chunk.len() as u64;
        set(&written, done);
        if let Some(p) = &progress {
            p(done, total);
        }
    }
    file.flush().await.map_err(|e| Error::io(part, e))?;
    file.sync_all().await.map_err(|e| Error::io(part, e))?;
    if let Some(expected) = total.filter(|t| *t != done) {
        return Err(Error::Transport {
            request: Box::new(info),
            kind: TransportKind::Interrupted,
            reason: format!("body ended after {done} of {expected} bytes"),
        });
    }
    Ok(done)
}

fn set(written: &Mutex<u64>, value: u64) {
    if let Ok(mut w) = written.lock() {
        *w = value;
    }
}

/// The first byte of a `206` answer, from `Content-Range: bytes N-M/T`.
fn resumed_at(response: &reqwest::Response) -> Option<u64> {
    if response.status().as_u16() != 206 {
        return None;
    }
    let value = response.headers().get(CONTENT_RANGE)?.to_str().ok()?;
    value
        .strip_prefix("bytes ")?
        .split('-')
        .next()?
        .trim()
        .parse()
        .ok()
}
