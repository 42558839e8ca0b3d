//! Waiting for the background import of an upload (docs/protocol.md §4.5): the uploaded file's
//! status, then its abstract image, then one image instance per project.

use std::future::Future;
use std::time::Duration;

use cytomine::prelude::*;
use cytomine::{Cytomine, Error, Result};
use tokio::time::Instant;

use crate::image::{AbstractImage, ImageInstance};
use crate::model::require_id;
use crate::storage::{UploadedFile, UploadedFileStatus};
use crate::upload::{UploadResult, UploadedImage};

/// First pause between two polls; it doubles up to [`LONGEST_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(20);
/// Longest pause between two polls.
const LONGEST_PAUSE: Duration = Duration::from_secs(2);

/// Pauses that double between polls and never pass the deadline.
struct Backoff {
    uploaded_file: i64,
    deadline: Instant,
    timeout: Duration,
    pause: Duration,
}

impl Backoff {
    /// Sleeps before the next poll, or fails when the deadline has passed; `waiting` says what
    /// is still awaited and `status` is the last status seen.
    async fn pause(&mut self, waiting: &str, status: Option<i64>) -> Result<()> {
        let now = Instant::now();
        if now >= self.deadline {
            return Err(Error::Import {
                uploaded_file: self.uploaded_file,
                status,
                reason: format!(
                    "{waiting} after {:?} (last status {})",
                    self.timeout,
                    status.map_or_else(|| "unknown".to_string(), |s| s.to_string())
                ),
            });
        }
        tokio::time::sleep(self.pause.min(self.deadline - now)).await;
        self.pause = (self.pause * 2).min(LONGEST_PAUSE);
        Ok(())
    }

    /// Polls `probe` until it gives `Some`, pausing between polls.
    async fn until<T, F, Fut>(&mut self, waiting: &str, status: i64, mut probe: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Option<T>>>,
    {
        loop {
            if let Some(found) = probe().await? {
                return Ok(found);
            }
            self.pause(waiting, Some(status)).await?;
        }
    }
}

/// Whether `status` ends an import well: even and at least DEPLOYED (100).
fn is_success(status: i64) -> bool {
    status >= UploadedFileStatus::DEPLOYED && status % 2 == 0
}

/// Whether `status` ends an import badly: odd, or one of the old error codes.
fn is_failure(status: i64) -> bool {
    status % 2 != 0 || UploadedFileStatus::is_error(status)
}

/// The abstract image made from uploaded file `id` (`uploadedfile/{id}/abstractimage.json`, a
/// 404 until it exists), or from one of its children (a converted file's image hangs off the
/// child); `None` while there is none.
async fn abstract_image_of(cm: &Cytomine, id: i64) -> Result<Option<AbstractImage>> {
    let own = cm
        .get_json::<AbstractImage>(&format!("uploadedfile/{id}/abstractimage.json"), &[])
        .await;
    match own {
        Ok(image) => return Ok(Some(image)),
        Err(e) if e.is_not_found() => {}
        Err(e) => return Err(e),
    }
    for child in UploadedFile::list().parent(id).fetch(cm).await?.iter() {
        let Some(child) = child.id else { continue };
        match cm
            .get_json::<AbstractImage>(&format!("uploadedfile/{child}/abstractimage.json"), &[])
            .await
        {
            Ok(image) => return Ok(Some(image)),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// The instance of `image` in each of `projects`; `None` until every project has one.
async fn instances_of(
    cm: &Cytomine,
    image: &AbstractImage,
    projects: &[i64],
) -> Result<Option<Vec<ImageInstance>>> {
    let mut found = Vec::with_capacity(projects.len());
    for project in projects {
        let listed = ImageInstance::list().project(*project).fetch(cm).await?;
        let instance = listed
            .iter()
            .find(|i| i.base_image.is_some() && i.base_image == image.id);
        match instance {
            Some(instance) => found.push(instance.clone()),
            None => return Ok(None),
        }
    }
    Ok(Some(found))
}

impl UploadedFile {
    /// Waits for the import of this upload to end, polling with growing pauses (from 20 ms up
    /// to 2 s): the uploaded file until its status is DEPLOYED or another success (even, at
    /// least 100), then its abstract image, then its image instance in each of its projects,
    /// since the image server creates the instances after marking the file deployed. Returns
    /// the uploaded file as it ends and its image, as a synchronous upload does.
    ///
    /// Needed after an upload without `sync`: the server answers at once with the file in status
    /// UPLOADED (0) and no image, and imports in the background (docs/protocol.md §4.5).
    ///
    /// Fails with [`Error::Import`] when the status becomes an error (odd) or when `timeout`
    /// passes first; with the request's error when a poll fails.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// use std::time::Duration;
    /// use cytomine_models::{UploadedFile, UploadImageOptions};
    /// let options = UploadImageOptions { projects: vec![42], ..Default::default() };
    /// let upload = UploadedFile::upload(&cm, "/data/slide.tiff", 3, &options).await?;
    /// let done = upload.uploaded_file.wait_until_deployed(&cm, Duration::from_secs(600)).await?;
    /// println!("image instances: {:?}", done.images[0].image_instances);
    /// # Ok(()) }
    /// ```
    pub async fn wait_until_deployed(
        &self,
        cm: &Cytomine,
        timeout: Duration,
    ) -> Result<UploadResult> {
        let id = require_id(self.id, "wait for an import")?;
        let mut backoff = Backoff {
            uploaded_file: id,
            deadline: Instant::now() + timeout,
            timeout,
            pause: FIRST_PAUSE,
        };
        let file = loop {
            let file = UploadedFile::fetch(cm, id).await?;
            match file.status {
                Some(status) if is_failure(status) => {
                    return Err(Error::Import {
                        uploaded_file: id,
                        status: Some(status),
                        reason: format!("the import failed with status {status}"),
                    })
                }
                Some(status) if is_success(status) => break file,
                status => backoff.pause("not deployed", status).await?,
            }
        };
        let status = file.status.unwrap_or(UploadedFileStatus::DEPLOYED);
        let image = backoff
            .until("deployed, but no abstract image", status, || {
                abstract_image_of(cm, id)
            })
            .await?;
        let projects = file.projects.clone().unwrap_or_default();
        let instances = backoff
            .until("deployed, but not in all its projects", status, || {
                instances_of(cm, &image, &projects)
            })
            .await?;
        Ok(UploadResult {
            uploaded_file: file,
            images: vec![UploadedImage {
                abstract_image: image,
                image_instances: instances,
            }],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_that_end_an_import() {
        for ok in [100, 102, 104, 106] {
            assert!(is_success(ok) && !is_failure(ok), "{ok}");
        }
        for failed in [11, 21, 31, 41, 51, 61, 4] {
            assert!(is_failure(failed) && !is_success(failed), "{failed}");
        }
        for going_on in [0, 10, 20, 30, 40, 50, 60] {
            assert!(!is_failure(going_on) && !is_success(going_on), "{going_on}");
        }
    }
}
