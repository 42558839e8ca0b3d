//! Many files at once: downloads and uploads at most the client's concurrency at a time, with one
//! progress for all of them, and each file's own result.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use futures::stream::{self, StreamExt};
use serde::de::DeserializeOwned;

use super::download::{download, download_url, Progress};
use super::upload::{upload_file, UploadOptions};
use crate::client::Cytomine;
use crate::error::Result;

/// One file of [`download_many`]: where it comes from, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadItem {
    source: Source,
    destination: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Api(String, Vec<(String, String)>),
    Url(String),
}

impl DownloadItem {
    /// `GET /api/{path}?{query}` to `destination`, as [`download`] does.
    pub fn api(
        path: impl Into<String>,
        query: Vec<(String, String)>,
        destination: impl Into<PathBuf>,
    ) -> Self {
        DownloadItem {
            source: Source::Api(path.into(), query),
            destination: destination.into(),
        }
    }
    /// An absolute URL on the connection's server to `destination`, as [`download_url`] does.
    pub fn url(url: impl Into<String>, destination: impl Into<PathBuf>) -> Self {
        DownloadItem {
            source: Source::Url(url.into()),
            destination: destination.into(),
        }
    }
    /// Where the file goes.
    pub fn destination(&self) -> &Path {
        &self.destination
    }
}

/// Downloads every item, at most the client's concurrency
/// ([`Cytomine::concurrency`]) at a time, each exactly as [`download`] does (streamed, written
/// aside then renamed, resumed when broken). Gives each item with its result (the bytes
/// written, or why not), in the order of the items: one failure costs the others nothing.
/// `progress` is called with the bytes received over all the files, and their total once
/// every file's length is known.
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) {
/// use cytomine_core::files::{download_many, DownloadItem};
/// let items = [13, 14, 15].map(|id| {
///     DownloadItem::api(format!("imageinstance/{id}/download"), vec![], format!("/tmp/{id}.tiff"))
/// });
/// for (item, result) in download_many(&cm, items, None).await {
///     if let Err(err) = result {
///         eprintln!("{}: {err}", item.destination().display());
///     }
/// }
/// # }
/// ```
pub async fn download_many(
    cm: &Cytomine,
    items: impl IntoIterator<Item = DownloadItem>,
    progress: Option<Progress>,
) -> Vec<(DownloadItem, Result<u64>)> {
    let items: Vec<DownloadItem> = items.into_iter().collect();
    let overall = Overall::new(items.len(), None, progress);
    each(cm, items, &overall, |item, progress| async move {
        let result = match &item.source {
            Source::Api(path, query) => {
                download(cm, path, query, &item.destination, progress).await
            }
            Source::Url(url) => download_url(cm, url, &[], &item.destination, progress).await,
        };
        (item, result)
    })
    .await
}

/// Uploads every file with the same `options`, at most the client's concurrency at a time, each
/// exactly as [`upload_file`] does, and decodes each answer as `T`. Gives each file with its
/// result, in the order of the files. `progress` is called with the bytes sent over all the
/// files and their total size (when every file's size could be read).
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) {
/// use cytomine_core::files::{upload_many, UploadOptions};
/// let options = UploadOptions { root: false, path: "attachedfile.json".into(),
///     query: vec![], field: "file".into() };
/// let files = ["/data/a.pdf", "/data/b.pdf"].map(std::path::PathBuf::from);
/// let results = upload_many::<serde_json::Value>(&cm, files, &options, None).await;
/// # }
/// ```
pub async fn upload_many<T: DeserializeOwned>(
    cm: &Cytomine,
    files: impl IntoIterator<Item = PathBuf>,
    options: &UploadOptions,
    progress: Option<Progress>,
) -> Vec<(PathBuf, Result<T>)> {
    let files: Vec<PathBuf> = files.into_iter().collect();
    let mut total = Some(0u64);
    for file in &files {
        let size = tokio::fs::metadata(file).await.ok().map(|m| m.len());
        total = total.zip(size).map(|(t, s)| t + s);
    }
    let overall = Overall::new(files.len(), total, progress);
    each(cm, files, &overall, |file, progress| async move {
        let result = upload_file(cm, &file, options, progress).await;
        (file, result)
    })
    .await
}

/// Runs `job` on every item, at most the client's concurrency at a time, in order; each job gets
/// its file's share of the overall progress.
async fn each<I, O, F, Fut>(cm: &Cytomine, items: Vec<I>, overall: &Overall, job: F) -> Vec<O>
where
    F: Fn(I, Option<Progress>) -> Fut,
    Fut: Future<Output = O>,
{
    stream::iter(items.into_iter().enumerate())
        .map(|(index, item)| job(item, overall.for_file(index)))
        .buffered(cm.concurrency())
        .collect()
        .await
}

/// The progress of many files reported as one: bytes so far and total over all the files.
struct Overall {
    hook: Option<Progress>,
    state: Arc<Mutex<Tally>>,
}

struct Tally {
    done: Vec<u64>,
    sizes: Vec<Option<u64>>,
    /// The total given up front (uploads: the files' sizes).
    known_total: Option<u64>,
}

impl Overall {
    fn new(files: usize, known_total: Option<u64>, hook: Option<Progress>) -> Self {
        let tally = Tally {
            done: vec![0; files],
            sizes: vec![None; files],
            known_total,
        };
        Overall {
            hook,
            state: Arc::new(Mutex::new(tally)),
        }
    }

    /// The hook of file `index`: records its bytes and total, then reports the sum.
    fn for_file(&self, index: usize) -> Option<Progress> {
        let hook = self.hook.clone()?;
        let state = Arc::clone(&self.state);
        Some(Arc::new(move |done, size| {
            let (sum, total) = {
                let Ok(mut tally) = state.lock() else { return };
                tally.done[index] = done;
                tally.sizes[index] = size;
                let total = tally
                    .known_total
                    .or_else(|| tally.sizes.iter().copied().sum());
                (tally.done.iter().sum::<u64>(), total)
            };
            hook(sum, total);
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overall_progress_sums_the_files() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let hook: Progress =
            Arc::new(move |done, total| record.lock().unwrap().push((done, total)));
        let overall = Overall::new(2, None, Some(hook));
        let (a, b) = (overall.for_file(0).unwrap(), overall.for_file(1).unwrap());
        a(10, Some(100));
        b(5, Some(50));
        a(100, Some(100));
        assert_eq!(
            *seen.lock().unwrap(),
            vec![(10, None), (15, Some(150)), (105, Some(150))]
        );
        assert!(Overall::new(1, None, None).for_file(0).is_none());
    }
}
