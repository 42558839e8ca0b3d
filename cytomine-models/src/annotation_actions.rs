//! Actions on annotations beyond CRUD (docs/protocol.md §6.2): review, and dumps of
//! crops and masks built from the annotation's `cropURL`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use cytomine::{Cytomine, Error, Result};
use futures::stream::{self, StreamExt};
use serde::Deserialize;
use serde_json::json;

use crate::annotation::Annotation;
use crate::dump_pattern::DumpPattern;
use crate::image_actions::RenderFormat;
use crate::model::require_id;

/// What [`Annotation::dump`] renders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum DumpKind {
    /// The image region under the annotation (`crop.{ext}`).
    #[default]
    Crop,
    /// A black and white mask of the geometry (`mask.{ext}`).
    Mask,
    /// The crop, transparent outside the geometry (`alphamask.{ext}`; png or webp only).
    AlphaMask,
}

impl DumpKind {
    fn url_name(self) -> &'static str {
        match self {
            DumpKind::Crop => "crop",
            DumpKind::Mask => "mask",
            DumpKind::AlphaMask => "alphamask",
        }
    }
}

/// Rendering settings of [`Annotation::dump`]; unset values are not sent. The default is a
/// crop with `bits=8` and `complete=true`, as the Python client sends.
///
/// ```
/// let o = cytomine_models::DumpOptions { max_size: Some(256), ..Default::default() };
/// assert_eq!(o.query(), [("maxSize".to_string(), "256".to_string()),
///                        ("bits".into(), "8".into()), ("complete".into(), "true".into())]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DumpOptions {
    /// Crop, mask or alpha mask.
    pub kind: DumpKind,
    /// Longest side of the image, in pixels (`maxSize`).
    pub max_size: Option<u32>,
    /// Zoom level (`zoom`).
    pub zoom: Option<i32>,
    /// Margin around the geometry, as a factor of its size (`increaseArea`).
    pub increase_area: Option<f64>,
    /// Contrast (`contrast`).
    pub contrast: Option<f64>,
    /// Gamma (`gamma`).
    pub gamma: Option<f64>,
    /// Colour map name (`colormap`).
    pub colormap: Option<String>,
    /// Inverted colours (`inverse`).
    pub inverse: Option<bool>,
    /// Bits per sample (`bits`).
    pub bits: Option<u32>,
    /// Draw the complete geometry, not its simplified form (`complete`).
    pub complete: Option<bool>,
}

impl Default for DumpOptions {
    fn default() -> Self {
        DumpOptions {
            kind: DumpKind::Crop,
            max_size: None,
            zoom: None,
            increase_area: None,
            contrast: None,
            gamma: None,
            colormap: None,
            inverse: None,
            bits: Some(8),
            complete: Some(true),
        }
    }
}

impl DumpOptions {
    /// The query parameters, in the Python client's order.
    pub fn query(&self) -> Vec<(String, String)> {
        let pairs = [
            ("zoom", self.zoom.map(|v| v.to_string())),
            ("maxSize", self.max_size.map(|v| v.to_string())),
            ("increaseArea", self.increase_area.map(|v| v.to_string())),
            ("contrast", self.contrast.map(|v| v.to_string())),
            ("gamma", self.gamma.map(|v| v.to_string())),
            ("colormap", self.colormap.clone()),
            ("inverse", self.inverse.map(|v| v.to_string())),
            ("bits", self.bits.map(|v| v.to_string())),
            ("complete", self.complete.map(|v| v.to_string())),
        ];
        pairs
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect()
    }
}

/// The render URL: `cropURL` with its last segment `crop.*` replaced by `{kind}.{ext}`.
fn render_url(crop_url: &str, kind: DumpKind, format: RenderFormat) -> Result<String> {
    let (path, query) = match crop_url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (crop_url, None),
    };
    let (dir, last) = path.rsplit_once('/').unwrap_or(("", path));
    if !last.starts_with("crop.") {
        return Err(Error::Usage(format!(
            "annotation dump: cannot tell the crop endpoint from the cropURL `{crop_url}`"
        )));
    }
    let mut url = format!("{dir}/{}.{}", kind.url_name(), format.extension());
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    Ok(url)
}

/// The envelope of `annotation/{id}/review.json`.
#[derive(Deserialize)]
struct ReviewAnswer {
    #[serde(alias = "data")]
    reviewedannotation: Annotation,
}

impl Annotation {
    /// Renders the annotation ([`DumpOptions::kind`]: crop, mask or alpha mask) into every path
    /// `destination` resolves to for this annotation (see [`DumpPattern`]): downloaded once to
    /// the first path, copied to the others. The format follows the first path's extension
    /// (png, jpg or webp; an alpha mask needs png or webp). Returns the paths written.
    ///
    /// The URL is the annotation's `cropURL`, which must be on the connection's own server.
    /// When the annotation has none (it comes from a listing that did not ask for the `meta`
    /// columns, e.g. `show_wkt(true)` alone), it is fetched first (`GET annotation/{id}.json`)
    /// and the fetched annotation is dumped: each dump requests what it needs itself.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, a: cytomine_models::Annotation) -> cytomine_core::Result<()> {
    /// use cytomine_models::{DumpKind, DumpOptions};
    /// let options = DumpOptions { kind: DumpKind::Mask, max_size: Some(512), ..Default::default() };
    /// let paths = a.dump(&cm, "/tmp/masks/{image}/{id}.png", &options).await?;
    /// # Ok(()) }
    /// ```
    pub async fn dump(
        &self,
        cm: &Cytomine,
        destination: impl Into<DumpPattern>,
        options: &DumpOptions,
    ) -> Result<Vec<PathBuf>> {
        let pattern = destination.into();
        let annotation = self.with_crop_url(cm).await?;
        let paths = pattern
            .resolve(annotation.as_ref())
            .map_err(|e| Error::Usage(format!("annotation dump: {e}")))?;
        let first = paths.first().ok_or_else(|| {
            Error::Usage(format!(
                "annotation dump: the pattern `{}` gives no path for this annotation",
                pattern.as_str()
            ))
        })?;
        let format = RenderFormat::for_thumbnail(first)?;
        let url = annotation.render_url(options.kind, format)?;
        cytomine::files::download_url(cm, &url, &options.query(), first, None).await?;
        for other in &paths[1..] {
            copy_file(first, other).await?;
        }
        Ok(paths)
    }

    /// The rendering of [`dump`](Self::dump) in memory, encoded as `format` (png, jpg or webp;
    /// an alpha mask needs png or webp).
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, a: cytomine_models::Annotation) -> cytomine_core::Result<()> {
    /// use cytomine_models::{DumpOptions, RenderFormat};
    /// let options = DumpOptions { max_size: Some(224), ..Default::default() };
    /// let jpeg = a.dump_bytes(&cm, RenderFormat::Jpg, &options).await?;
    /// # Ok(()) }
    /// ```
    pub async fn dump_bytes(
        &self,
        cm: &Cytomine,
        format: RenderFormat,
        options: &DumpOptions,
    ) -> Result<Bytes> {
        let url = self
            .with_crop_url(cm)
            .await?
            .render_url(options.kind, format)?;
        cytomine::files::download_url_bytes(cm, &url, &options.query()).await
    }

    /// The rendering of [`dump`](Self::dump), decoded (requested as PNG, lossless; feature
    /// `image`): a crop ready for a model's input.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, a: cytomine_models::Annotation) -> cytomine_core::Result<()> {
    /// use cytomine_models::DumpOptions;
    /// let options = DumpOptions { max_size: Some(224), ..Default::default() };
    /// let crop = a.dump_image(&cm, &options).await?.to_rgb8();
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "image")]
    pub async fn dump_image(
        &self,
        cm: &Cytomine,
        options: &DumpOptions,
    ) -> Result<image::DynamicImage> {
        let url = self
            .with_crop_url(cm)
            .await?
            .render_url(options.kind, RenderFormat::Png)?;
        let bytes = cytomine::files::download_url_bytes(cm, &url, &options.query()).await?;
        crate::image_actions::decode_image(&url, &bytes)
    }

    /// This annotation when it has its `cropURL`, else the annotation fetched.
    async fn with_crop_url(&self, cm: &Cytomine) -> Result<Cow<'_, Annotation>> {
        let id = require_id(self.id, "annotation dump")?;
        match self.crop_url {
            Some(_) => Ok(Cow::Borrowed(self)),
            None => Ok(Cow::Owned(
                <Annotation as cytomine::Fetch>::fetch(cm, id).await?,
            )),
        }
    }

    /// The URL rendering this annotation as `kind`, encoded as `format`.
    fn render_url(&self, kind: DumpKind, format: RenderFormat) -> Result<String> {
        let crop_url = self.crop_url.as_deref().ok_or_else(|| {
            Error::Usage("annotation dump: the server gives the annotation no cropURL".into())
        })?;
        if format == RenderFormat::Tiff {
            return Err(Error::Usage(
                "annotation dump: a rendering is png, jpg or webp, not tif".into(),
            ));
        }
        if kind == DumpKind::AlphaMask && format == RenderFormat::Jpg {
            return Err(Error::Usage(
                "annotation dump: an alpha mask has transparency, so it must be png or webp".into(),
            ));
        }
        render_url(crop_url, kind, format)
    }

    /// Accepts the annotation as reviewed, with `terms` (the annotation's own terms are added
    /// by the server): `POST annotation/{id}/review.json` with the JSON body
    /// `{"id": .., "terms": [..]}` (the Python client sends it form-encoded). The image must be
    /// in review mode. Returns the reviewed annotation.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, a: cytomine_models::Annotation) -> cytomine_core::Result<()> {
    /// let reviewed = a.review(&cm, [10, 11]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn review(
        &self,
        cm: &Cytomine,
        terms: impl IntoIterator<Item = i64>,
    ) -> Result<Annotation> {
        let id = require_id(self.id, "annotation review")?;
        let terms: Vec<i64> = terms.into_iter().collect();
        let body = json!({"id": id, "terms": terms});
        let answer: ReviewAnswer = cm
            .post_json(&format!("annotation/{id}/review.json"), &body)
            .await?;
        Ok(answer.reviewedannotation)
    }

    /// Rejects the review (deletes the reviewed copy): `DELETE annotation/{id}/review.json`.
    pub async fn unreview(&self, cm: &Cytomine) -> Result<()> {
        let id = require_id(self.id, "annotation unreview")?;
        cm.delete_path(&format!("annotation/{id}/review.json"))
            .await
            .map(drop)
    }
}

async fn copy_file(from: &Path, to: &Path) -> Result<()> {
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| io_error(dir, e))?;
    }
    tokio::fs::copy(from, to)
        .await
        .map(drop)
        .map_err(|e| io_error(to, e))
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// What [`dump_crops`] did for one annotation.
#[derive(Debug)]
pub struct CropOutcome {
    /// Id of the annotation.
    pub annotation: Option<i64>,
    /// The paths written, or why nothing was.
    pub result: Result<Vec<PathBuf>>,
}

/// The outcome of [`dump_crops`]: one entry per annotation, in the input order. Nothing is
/// dropped: failures are reported next to successes.
#[derive(Debug, Default)]
pub struct CropReport {
    /// One outcome per annotation.
    pub outcomes: Vec<CropOutcome>,
}

impl CropReport {
    /// The annotations dumped, with their paths.
    pub fn dumped(&self) -> impl Iterator<Item = (Option<i64>, &[PathBuf])> {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok().map(|p| (o.annotation, p.as_slice())))
    }

    /// The annotations that failed, with the reason.
    pub fn failed(&self) -> impl Iterator<Item = (Option<i64>, &Error)> {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().err().map(|e| (o.annotation, e)))
    }

    /// Whether every annotation was dumped.
    pub fn is_complete(&self) -> bool {
        self.failed().next().is_none()
    }
}

/// Dumps every annotation with [`Annotation::dump`], at most `concurrency` at a time (at least
/// one; `None`: the client's [`Cytomine::concurrency`], which bounds any value anyway), and
/// reports each one's outcome, as `AnnotationCollection.dump_crops` (which, unlike this,
/// silently drops failures). The listing needs no particular columns: an annotation without
/// its `cropURL` is fetched before its dump.
///
/// ```no_run
/// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
/// use cytomine_core::{Query, Resource};
/// use cytomine_models::{dump_crops, Annotation, DumpOptions, DumpPattern};
/// let annotations = Annotation::list().project(42).fetch(&cm).await?;
/// let pattern = DumpPattern::new("/tmp/crops/{term}/{id}.png");
/// let report = dump_crops(&cm, &annotations, &pattern, &DumpOptions::default(), None).await;
/// for (id, err) in report.failed() {
///     eprintln!("annotation {id:?}: {err}");
/// }
/// # Ok(()) }
/// ```
pub async fn dump_crops(
    cm: &Cytomine,
    annotations: &[Annotation],
    pattern: &DumpPattern,
    options: &DumpOptions,
    concurrency: impl Into<Option<usize>>,
) -> CropReport {
    let concurrency = concurrency.into().unwrap_or_else(|| cm.concurrency());
    let outcomes = stream::iter(annotations)
        .map(|annotation| async move {
            CropOutcome {
                annotation: annotation.id,
                result: annotation.dump(cm, pattern.clone(), options).await,
            }
        })
        .buffered(concurrency.max(1))
        .collect()
        .await;
    CropReport { outcomes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_urls_swap_the_last_segment() {
        let base = "http://h:1/api/userannotation/5/crop.png";
        let cases = [
            (
                DumpKind::Crop,
                RenderFormat::Jpg,
                "http://h:1/api/userannotation/5/crop.jpg",
            ),
            (
                DumpKind::Mask,
                RenderFormat::Png,
                "http://h:1/api/userannotation/5/mask.png",
            ),
            (
                DumpKind::AlphaMask,
                RenderFormat::Webp,
                "http://h:1/api/userannotation/5/alphamask.webp",
            ),
        ];
        for (kind, format, expected) in cases {
            assert_eq!(render_url(base, kind, format).unwrap(), expected);
        }
        let with_query = "http://h:1/api/reviewedannotation/5/crop.jpg?maxSize=256";
        assert_eq!(
            render_url(with_query, DumpKind::Mask, RenderFormat::Png).unwrap(),
            "http://h:1/api/reviewedannotation/5/mask.png?maxSize=256"
        );
        assert!(render_url(
            "http://h:1/api/userannotation/5",
            DumpKind::Crop,
            RenderFormat::Png
        )
        .is_err());
    }

    #[test]
    fn options_query_in_python_order() {
        let o = DumpOptions {
            kind: DumpKind::Mask,
            max_size: Some(512),
            zoom: Some(2),
            increase_area: Some(1.5),
            contrast: Some(0.5),
            gamma: Some(1.2),
            colormap: Some("viridis".into()),
            inverse: Some(false),
            bits: Some(16),
            complete: None,
        };
        let keys: Vec<String> = o.query().into_iter().map(|p| p.0).collect();
        assert_eq!(
            keys,
            [
                "zoom",
                "maxSize",
                "increaseArea",
                "contrast",
                "gamma",
                "colormap",
                "inverse",
                "bits"
            ]
        );
    }
}
