//! Streaming multipart upload of a local file, re-opened for every attempt.

use std::path::Path;

use futures::StreamExt;
use serde::de::DeserializeOwned;
use tokio_util::io::ReaderStream;

use super::download::Progress;
use crate::client::Cytomine;
use crate::error::{Error, Result};
use crate::http::decode::decode;
use crate::http::request::{Call, Target};
use crate::http::transport::AttemptBody;
use crate::http::Method;

/// Bytes read from disk per chunk. Memory holds a few chunks whatever the file's size (users
/// upload whole-slide images of gigabytes); each read is one trip to tokio's blocking pool, so
/// the chunk is large enough that a file takes few of them.
const UPLOAD_CHUNK: usize = 1024 * 1024;

/// Where and how to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadOptions {
    /// `api` path (`attachedfile.json`) or root path (`/ims/upload`).
    pub root: bool,
    /// The path; with `root`, an absolute `http(s)://` URL is also taken as it is.
    pub path: String,
    /// Query parameters.
    pub query: Vec<(String, String)>,
    /// Multipart field name (`files[]`, as the Python client sends).
    pub field: String,
}

/// POSTs `file` as the one part of a multipart body, streamed from disk with bounded memory,
/// and decodes the answer as `T`. The upload is retried only when it surely never reached the
/// server.
pub async fn upload_file<T: DeserializeOwned>(
    cm: &Cytomine,
    file: &Path,
    options: &UploadOptions,
    progress: Option<Progress>,
) -> Result<T> {
    let meta = tokio::fs::metadata(file)
        .await
        .map_err(|e| Error::io(file, e))?;
    if !meta.is_file() {
        return Err(Error::usage(format!("`{}` is not a file", file.display())));
    }
    let len = meta.len();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload".into());
    let target = if options.root {
        Target::Root(options.path.clone())
    } else {
        Target::Api(options.path.clone())
    };
    let call = Call {
        target,
        ..Call::api(Method::Post, "").query(options.query.clone())
    };
    let make_body = || {
        let std_file = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
        let progress = progress.clone();
        let mut sent = 0u64;
        let stream = ReaderStream::with_capacity(tokio::fs::File::from_std(std_file), UPLOAD_CHUNK)
            .inspect(move |chunk| {
                if let (Ok(c), Some(p)) = (chunk, &progress) {
                    sent += c.len() as u64;
                    p(sent, Some(len));
                }
            });
        let part =
            reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
                .file_name(name.clone());
        Ok(AttemptBody::Form(
            reqwest::multipart::Form::new().part(options.field.clone(), part),
        ))
    };
    let answer = cm
        .transport()
        .execute(&call, Vec::new, make_body, |info, response| async move {
            let status = response.status().as_u16();
            let body = response
                .bytes()
                .await
                .map_err(|e| crate::http::transport::transport_error(&info, e))?;
            Ok((info, status, body))
        })
        .await?;
    decode(&answer.0, answer.1, &answer.2)
}
