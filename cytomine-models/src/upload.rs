//! Image upload: `POST /ims/upload` (served by the image server; the URL is the client's
//! [`upload_url`](cytomine::ClientBuilder::upload_url)), docs/protocol.md §6.2 and §4.5.

use std::path::{Path, PathBuf};

use cytomine::files::{upload_file, upload_many, Progress, UploadOptions};
use cytomine::{Cytomine, Error, Result};
use serde::Deserialize;

use crate::image::{AbstractImage, ImageInstance};
use crate::storage::UploadedFile;

/// Options of [`UploadedFile::upload`].
///
/// ```
/// let options = cytomine_models::UploadImageOptions {
///     projects: vec![42],
///     properties: vec![("stain".into(), "HE".into())],
///     sync: true,
/// };
/// assert!(options.sync);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadImageOptions {
    /// Projects to add the new images to.
    pub projects: Vec<i64>,
    /// Properties (key, value) to attach to the new images.
    pub properties: Vec<(String, String)>,
    /// Ask the server to import before answering, so that [`UploadResult::images`] is filled.
    /// Without it the server answers at once, with the uploaded file in status UPLOADED (0) and
    /// no image: wait with [`UploadedFile::wait_until_deployed`] before using the image.
    pub sync: bool,
}

impl UploadImageOptions {
    /// The query string, in the order the Python client sends it: `idStorage`, `storage`,
    /// `sync`, then `idProject`, `projects`, `keys`, `values` when set.
    ///
    /// ```
    /// let o = cytomine_models::UploadImageOptions { projects: vec![4, 5], ..Default::default() };
    /// let q = o.query(3).unwrap();
    /// assert_eq!(q[0], ("idStorage".to_string(), "3".to_string()));
    /// assert_eq!(q[4], ("projects".to_string(), "4,5".to_string()));
    /// ```
    pub fn query(&self, storage_id: i64) -> Result<Vec<(String, String)>> {
        let pair = |k: &str, v: String| (k.to_string(), v);
        let mut query = vec![
            pair("idStorage", storage_id.to_string()),
            pair("storage", storage_id.to_string()),
            pair("sync", self.sync.to_string()),
        ];
        if !self.projects.is_empty() {
            let ids: Vec<String> = self.projects.iter().map(i64::to_string).collect();
            query.push(pair("idProject", ids.join(",")));
            query.push(pair("projects", ids.join(",")));
        }
        if !self.properties.is_empty() {
            if let Some((k, v)) = self
                .properties
                .iter()
                .find(|(k, v)| k.contains(',') || v.contains(','))
            {
                return Err(Error::Usage(format!(
                    "upload property `{k}` = `{v}`: keys and values cannot contain a comma"
                )));
            }
            let (keys, values): (Vec<&str>, Vec<&str>) = self
                .properties
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .unzip();
            query.push(pair("keys", keys.join(",")));
            query.push(pair("values", values.join(",")));
        }
        Ok(query)
    }
}

/// What an upload created: the uploaded file and, for a synchronous upload (or after
/// [`UploadedFile::wait_until_deployed`]), its images.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UploadResult {
    /// The uploaded file record.
    pub uploaded_file: UploadedFile,
    /// The images imported from it (empty after an upload without `sync`).
    pub images: Vec<UploadedImage>,
}

/// One image imported by an upload.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadedImage {
    /// The abstract image (`image` on the wire).
    #[serde(rename = "image")]
    pub abstract_image: AbstractImage,
    /// Its instances in the requested projects.
    #[serde(default, deserialize_with = "instances")]
    pub image_instances: Vec<ImageInstance>,
}

/// `imageInstances` as a plain array, a `{"collection": [...]}` envelope, or `null`.
fn instances<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ImageInstance>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        List(Vec<ImageInstance>),
        Envelope { collection: Vec<ImageInstance> },
        One(Box<ImageInstance>),
    }
    Ok(match Option::<Shape>::deserialize(d)? {
        None => Vec::new(),
        Some(Shape::List(list)) | Some(Shape::Envelope { collection: list }) => list,
        Some(Shape::One(one)) => vec![*one],
    })
}

/// The one element of the `/upload` answer (a JSON array of length 1; another length is a
/// decode error that names the request).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadAnswer {
    uploaded_file: UploadedFile,
    #[serde(default)]
    images: Vec<UploadedImage>,
}

impl UploadedFile {
    /// Uploads a local image file into storage `storage_id`: multipart `POST` to the client's
    /// [`upload_url`](cytomine::ClientBuilder::upload_url) (`/ims/upload` by default) with the
    /// file as part `files[]`, streamed from disk. See [`UploadImageOptions`].
    ///
    /// With `sync` the server imports before answering and the result holds the images.
    /// Without it, the answer comes at once with the uploaded file in its real status
    /// (UPLOADED, 0) and no image yet: the import runs in the background, so listing the
    /// project's images right away finds none. Wait with [`UploadedFile::wait_until_deployed`].
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// use cytomine_models::{UploadedFile, UploadImageOptions};
    /// let options = UploadImageOptions { projects: vec![42], sync: true, ..Default::default() };
    /// let result = UploadedFile::upload(&cm, "/data/slide.tiff", 3, &options).await?;
    /// for image in &result.images {
    ///     println!("{:?} in {} projects", image.abstract_image.id, image.image_instances.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn upload(
        cm: &Cytomine,
        file: impl AsRef<Path>,
        storage_id: i64,
        options: &UploadImageOptions,
    ) -> Result<UploadResult> {
        Self::upload_with_progress(cm, file, storage_id, options, None).await
    }

    /// [`UploadedFile::upload`] with a progress hook, called with the bytes sent so far and the
    /// file's size.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// use std::sync::Arc;
    /// use cytomine_models::{UploadedFile, UploadImageOptions};
    /// let progress: cytomine_core::files::Progress =
    ///     Arc::new(|sent, total| println!("{sent} / {total:?} bytes"));
    /// UploadedFile::upload_with_progress(&cm, "/data/slide.tiff", 3,
    ///     &UploadImageOptions::default(), Some(progress)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn upload_with_progress(
        cm: &Cytomine,
        file: impl AsRef<Path>,
        storage_id: i64,
        options: &UploadImageOptions,
        progress: Option<Progress>,
    ) -> Result<UploadResult> {
        let request = upload_request(cm, storage_id, options)?;
        let answer = upload_file(cm, file.as_ref(), &request, progress).await?;
        Ok(result_of(answer))
    }

    /// Uploads many image files into storage `storage_id` with the same options, at most the
    /// client's concurrency ([`Cytomine::concurrency`]) at a time, with one progress for all
    /// (bytes sent over all the files, and their total size). Gives each file with its result,
    /// in the order of the files: one failure costs the others nothing.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine) {
    /// use cytomine_models::{UploadedFile, UploadImageOptions};
    /// let files = ["/data/a.tiff", "/data/b.tiff"].map(std::path::PathBuf::from);
    /// let options = UploadImageOptions { sync: true, ..Default::default() };
    /// for (file, result) in UploadedFile::upload_many(&cm, files, 3, &options, None).await {
    ///     if let Err(err) = result {
    ///         eprintln!("{}: {err}", file.display());
    ///     }
    /// }
    /// # }
    /// ```
    pub async fn upload_many(
        cm: &Cytomine,
        files: impl IntoIterator<Item = PathBuf>,
        storage_id: i64,
        options: &UploadImageOptions,
        progress: Option<Progress>,
    ) -> Vec<(PathBuf, Result<UploadResult>)> {
        let files = files.into_iter();
        let request = match upload_request(cm, storage_id, options) {
            Ok(request) => request,
            Err(err) => {
                let reason = err.to_string();
                return files
                    .map(|f| (f, Err(Error::Usage(reason.clone()))))
                    .collect();
            }
        };
        upload_many::<(UploadAnswer,)>(cm, files, &request, progress)
            .await
            .into_iter()
            .map(|(file, answer)| (file, answer.map(result_of)))
            .collect()
    }
}

/// Where and how an image upload goes: the client's upload URL ([`Cytomine::upload_url`]).
fn upload_request(
    cm: &Cytomine,
    storage_id: i64,
    options: &UploadImageOptions,
) -> Result<UploadOptions> {
    Ok(UploadOptions {
        root: true,
        path: cm.upload_url().to_string(),
        query: options.query(storage_id)?,
        field: "files[]".to_string(),
    })
}

fn result_of((first,): (UploadAnswer,)) -> UploadResult {
    UploadResult {
        uploaded_file: first.uploaded_file,
        images: first.images,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_follows_the_python_client_order() {
        let options = UploadImageOptions {
            projects: vec![4, 5],
            properties: vec![("stain".into(), "HE".into()), ("zoom".into(), "40".into())],
            sync: true,
        };
        let query = options.query(3).unwrap();
        let expected = [
            ("idStorage", "3"),
            ("storage", "3"),
            ("sync", "true"),
            ("idProject", "4,5"),
            ("projects", "4,5"),
            ("keys", "stain,zoom"),
            ("values", "HE,40"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(query, expected);
        let minimal = UploadImageOptions::default().query(9).unwrap();
        assert_eq!(minimal.len(), 3);
        assert_eq!(minimal[2], ("sync".to_string(), "false".to_string()));
    }

    #[test]
    fn the_answer_is_read_in_every_shape_of_image_instances() {
        let body = r#"[{"status": 200, "name": "a.png", "size": "10",
            "uploadedFile": {"id": 1, "storage": 3},
            "images": [{"image": {"id": 2, "width": 10}, "imageInstances": {"collection": [{"id": 5}]}},
                       {"image": {"id": 3}, "imageInstances": [{"id": 6}, {"id": 7}]},
                       {"image": {"id": 4}, "imageInstances": null}]}]"#;
        let (answer,): (UploadAnswer,) = serde_json::from_str(body).unwrap();
        assert_eq!(answer.uploaded_file.id, Some(1));
        let counts: Vec<usize> = answer
            .images
            .iter()
            .map(|i| i.image_instances.len())
            .collect();
        assert_eq!(counts, vec![1, 2, 0]);
        assert_eq!(answer.images[0].abstract_image.shape.width, Some(10));
        assert!(serde_json::from_str::<(UploadAnswer,)>("[]").is_err());
    }
}
