//! Streaming download to disk: written aside (`.<name>.part`), length checked, then renamed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use futures::StreamExt;
use reqwest::header::{CONTENT_RANGE, RANGE};
use tokio::io::AsyncWriteExt;

use crate::client::Cytomine;
use crate::error::{Error, RequestInfo, Result, TransportKind};
use crate::http::request::{Call, Target};
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
    let call = Call::api(Method::Get, path).query(query.to_vec());
    download_call(cm, call, destination, progress).await
}

/// Downloads an absolute URL that the server gave (an annotation's `cropURL`, say) to
/// `destination`, exactly as [`download`] does. The URL must be on the connection's own server
/// (same scheme, host and port): the request is signed with the connection's keys, so any other
/// host is refused with [`Error::Usage`] and nothing is sent. The URL's own query parameters
/// come first, then `query`.
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
/// let url = format!("{}/api/userannotation/5/crop.png", cm.base_url());
/// let query = [("maxSize".to_string(), "256".to_string())];
/// cytomine_core::files::download_url(&cm, &url, &query, "/tmp/crop5.png".as_ref(), None).await?;
/// # Ok(()) }
/// ```
pub async fn download_url(
    cm: &Cytomine,
    url: &str,
    query: &[(String, String)],
    destination: &Path,
    progress: Option<Progress>,
) -> Result<u64> {
    let (target, mut pairs) = same_server_target(cm.base_url(), url)?;
    pairs.extend(query.iter().cloned());
    let call = Call {
        target,
        ..Call::api(Method::Get, String::new()).query(pairs)
    };
    download_call(cm, call, destination, progress).await
}

/// Where `url` points on the server at `base`, and its query pairs; an error when it is on
/// another server (or not an http(s) URL).
pub(super) fn same_server_target(base: &str, url: &str) -> Result<(Target, Vec<(String, String)>)> {
    let refused = |why: &str| {
        Error::usage(format!(
            "refusing to download `{url}`: {why}; only URLs on this connection's server ({base}) are signed and fetched"
        ))
    };
    let parsed =
        url::Url::parse(url).map_err(|e| refused(&format!("not an absolute URL ({e})")))?;
    let own = url::Url::parse(base).map_err(|e| refused(&format!("bad base URL ({e})")))?;
    let same = parsed.scheme() == own.scheme()
        && parsed.host_str() == own.host_str()
        && parsed.port_or_known_default() == own.port_or_known_default();
    if !same {
        return Err(refused("it is on another server"));
    }
    let path = parsed.path();
    let target = match path.strip_prefix("/api/") {
        Some(rest) if !rest.is_empty() => Target::Api(rest.to_string()),
        _ => Target::Root(path.to_string()),
    };
    let pairs = parsed
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Ok((target, pairs))
}

async fn download_call(
    cm: &Cytomine,
    call: Call,
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
        ..call
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
    check_not_html(&info, &response)?;
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
    set(&written, start);
    // The chunks go to the file as they arrive: memory holds one chunk at a time, whatever the
    // file's size.
    let received: Result<u64> = async {
        let mut done = start;
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| transport_error(&info, e))?;
            file.write_all(&chunk)
                .await
                .map_err(|e| Error::io(part, e))?;
            done += chunk.len() as u64;
            set(&written, done);
            if let Some(p) = &progress {
                p(done, total);
            }
        }
        Ok(done)
    }
    .await;
    // Whatever was received is on disk before anything else happens to the file (a resumed
    // attempt appends to it; the rename gives it its final name).
    let synced = match file.flush().await {
        Ok(()) => file.sync_all().await,
        Err(e) => Err(e),
    };
    let done = received?;
    synced.map_err(|e| Error::io(part, e))?;
    if let Some(expected) = total.filter(|t| *t != done) {
        let reason = format!("body ended after {done} of {expected} bytes");
        return Err(Error::transport(&info, TransportKind::Interrupted, reason));
    }
    Ok(done)
}

/// A login page or a proxy's error page served with 200 is not the file.
pub(super) fn check_not_html(info: &RequestInfo, response: &reqwest::Response) -> Result<()> {
    if is_html(response) {
        let status = response.status().as_u16();
        let reason = "an HTML page came instead of the file";
        return Err(Error::decode(info, status, ".", reason, String::new()));
    }
    Ok(())
}

fn set(written: &Mutex<u64>, value: u64) {
    if let Ok(mut w) = written.lock() {
        *w = value;
    }
}

fn is_html(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("text/html")
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://127.0.0.1:8080";

    #[test]
    fn urls_on_the_same_server_become_targets() {
        let cases = [
            (
                "http://127.0.0.1:8080/api/userannotation/5/crop.png",
                Target::Api("userannotation/5/crop.png".into()),
                vec![],
            ),
            (
                "http://127.0.0.1:8080/api/userannotation/5/crop.png?maxSize=256&x=a%20b",
                Target::Api("userannotation/5/crop.png".into()),
                vec![
                    ("maxSize".to_string(), "256".to_string()),
                    ("x".into(), "a b".into()),
                ],
            ),
            (
                "HTTP://127.0.0.1:8080/files/x",
                Target::Root("/files/x".into()),
                vec![],
            ),
        ];
        for (url, target, pairs) in cases {
            assert_eq!(
                same_server_target(BASE, url).unwrap(),
                (target, pairs),
                "{url}"
            );
        }
        let https = same_server_target("https://cyto.example", "https://cyto.example:443/api/a");
        assert_eq!(https.unwrap().0, Target::Api("a".into()));
    }

    #[test]
    fn urls_elsewhere_are_refused() {
        for url in [
            "http://127.0.0.1:8081/api/userannotation/5/crop.png",
            "https://127.0.0.1:8080/api/userannotation/5/crop.png",
            "http://evil.example/api/userannotation/5/crop.png",
            "http://127.0.0.1.evil.example:8080/api/x",
            "/api/userannotation/5/crop.png",
            "ftp://127.0.0.1:8080/api/x",
        ] {
            let err = same_server_target(BASE, url).unwrap_err();
            assert!(matches!(err, Error::Usage(_)), "{url}");
            assert!(err.to_string().contains("refusing"), "{err}");
        }
    }
}
