//! The blocking mirror of [`crate::files`]'s transfers of many files at once: at most the
//! client's concurrency at a time, one progress for all of them, each file with its own result.

use std::path::PathBuf;

use serde::de::DeserializeOwned;

use super::Cytomine;
use crate::files::{DownloadItem, Progress, UploadOptions};
use crate::Result;

impl Cytomine {
    /// [`files::download_many`](crate::files::download_many), blocking: downloads every item,
    /// at most [`Cytomine::concurrency`] at a time, and gives each item with its result (the
    /// bytes written, or why not), in the order of the items. The outer error is only for a
    /// call that cannot run at all (inside an async runtime).
    ///
    /// ```no_run
    /// # use cytomine::blocking::prelude::*;
    /// # fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// use cytomine::files::DownloadItem;
    /// let items = [13, 14].map(|id| {
    ///     DownloadItem::api(format!("imageinstance/{id}/download"), vec![], format!("/tmp/{id}.tiff"))
    /// });
    /// for (item, result) in cm.download_many(items, None)? {
    ///     if let Err(err) = result {
    ///         eprintln!("{}: {err}", item.destination().display());
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn download_many(
        &self,
        items: impl IntoIterator<Item = DownloadItem>,
        progress: Option<Progress>,
    ) -> Result<Vec<(DownloadItem, Result<u64>)>> {
        self.complete(crate::files::download_many(
            self.as_async(),
            items,
            progress,
        ))
    }

    /// [`files::upload_many`](crate::files::upload_many), blocking: uploads every file with the
    /// same `options`, at most [`Cytomine::concurrency`] at a time, and gives each file with its
    /// answer decoded as `T`, in the order of the files. For images into a storage, use
    /// `UploadedFile::upload_many` through [`Cytomine::run`].
    ///
    /// ```no_run
    /// # use cytomine::blocking::prelude::*;
    /// # fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// use cytomine::files::UploadOptions;
    /// let options = UploadOptions { root: false, path: "attachedfile.json".into(),
    ///     query: vec![], field: "file".into() };
    /// let files = ["/data/a.pdf", "/data/b.pdf"].map(std::path::PathBuf::from);
    /// let answers = cm.upload_many::<serde_json::Value>(files, &options, None)?;
    /// # Ok(()) }
    /// ```
    pub fn upload_many<T: DeserializeOwned>(
        &self,
        files: impl IntoIterator<Item = PathBuf>,
        options: &UploadOptions,
        progress: Option<Progress>,
    ) -> Result<Vec<(PathBuf, Result<T>)>> {
        self.complete(crate::files::upload_many(
            self.as_async(),
            files,
            options,
            progress,
        ))
    }
}
