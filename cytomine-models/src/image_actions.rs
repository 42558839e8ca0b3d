//! Actions on images beyond CRUD (docs/protocol.md §6.2): original-file downloads, thumbnails,
//! windows and the reference slice. Each one is a path built here, sent by the runtime's
//! generic pieces (`cytomine::files::download`, `Cytomine::get_json`).

use std::path::Path;

use cytomine::{Cytomine, Error, Result};

use crate::image::{AbstractImage, ImageInstance, SliceInstance};
use crate::model::require_id;

/// An image encoding the server renders, chosen from a destination file's extension.
///
/// ```
/// use cytomine_models::RenderFormat;
/// assert_eq!(RenderFormat::for_thumbnail("/tmp/t.PNG".as_ref()).unwrap(), RenderFormat::Png);
/// assert_eq!(RenderFormat::for_thumbnail("t.jpeg".as_ref()).unwrap().extension(), "jpg");
/// let err = RenderFormat::for_thumbnail("t.bmp".as_ref()).unwrap_err();
/// assert!(err.to_string().contains("png, jpg, webp"));
/// assert_eq!(RenderFormat::for_window("w.tif".as_ref()).unwrap(), RenderFormat::Tiff);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderFormat {
    /// PNG (`.png`).
    Png,
    /// JPEG (`.jpg`, `.jpeg`).
    Jpg,
    /// WebP (`.webp`).
    Webp,
    /// TIFF (`.tif`, `.tiff`); windows only.
    Tiff,
}

const THUMBNAIL_FORMATS: &[RenderFormat] =
    &[RenderFormat::Png, RenderFormat::Jpg, RenderFormat::Webp];
const WINDOW_FORMATS: &[RenderFormat] = &[
    RenderFormat::Png,
    RenderFormat::Jpg,
    RenderFormat::Webp,
    RenderFormat::Tiff,
];

impl RenderFormat {
    /// The extension used in the server's URL.
    pub fn extension(self) -> &'static str {
        match self {
            RenderFormat::Png => "png",
            RenderFormat::Jpg => "jpg",
            RenderFormat::Webp => "webp",
            RenderFormat::Tiff => "tif",
        }
    }

    /// The format of a thumbnail written to `destination`: png, jpg or webp.
    pub fn for_thumbnail(destination: &Path) -> Result<Self> {
        Self::from_destination(destination, THUMBNAIL_FORMATS)
    }

    /// The format of a window written to `destination`: png, jpg, webp or tif.
    pub fn for_window(destination: &Path) -> Result<Self> {
        Self::from_destination(destination, WINDOW_FORMATS)
    }

    fn from_destination(destination: &Path, allowed: &[RenderFormat]) -> Result<Self> {
        let ext = destination
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let format = match ext.as_str() {
            "png" => Some(RenderFormat::Png),
            "jpg" | "jpeg" => Some(RenderFormat::Jpg),
            "webp" => Some(RenderFormat::Webp),
            "tif" | "tiff" => Some(RenderFormat::Tiff),
            _ => None,
        };
        format.filter(|f| allowed.contains(f)).ok_or_else(|| {
            let names: Vec<&str> = allowed.iter().map(|f| f.extension()).collect();
            Error::Usage(format!(
                "cannot tell the image format of `{}`: its extension must be one of {}",
                destination.display(),
                names.join(", ")
            ))
        })
    }
}

/// Downloads `GET /api/{kind}/{id}/download` to `destination`.
async fn download_original(
    cm: &Cytomine,
    kind: &str,
    id: Option<i64>,
    destination: &Path,
) -> Result<u64> {
    let id = require_id(id, &format!("{kind} download"))?;
    let path = format!("{kind}/{id}/download");
    cytomine::files::download(cm, &path, &[], destination, None).await
}

/// A region of an image, in full-resolution pixels.
#[derive(Debug, Clone, Copy)]
struct Region {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

/// Writes `GET /api/{kind}/{id}/thumb.{ext}?maxSize=N` to `destination`.
async fn thumbnail(
    cm: &Cytomine,
    kind: &str,
    id: Option<i64>,
    destination: &Path,
    max_size: u32,
) -> Result<u64> {
    let format = RenderFormat::for_thumbnail(destination)?;
    let id = require_id(id, &format!("{kind} thumbnail"))?;
    let path = format!("{kind}/{id}/thumb.{}", format.extension());
    let query = [("maxSize".to_string(), max_size.to_string())];
    cytomine::files::download(cm, &path, &query, destination, None).await
}

/// Writes `GET /api/{kind}/{id}/window-{x}-{y}-{w}-{h}.{ext}` to `destination`.
async fn window(
    cm: &Cytomine,
    kind: &str,
    id: Option<i64>,
    region: Region,
    destination: &Path,
) -> Result<u64> {
    let format = RenderFormat::for_window(destination)?;
    let id = require_id(id, &format!("{kind} window"))?;
    let Region { x, y, w, h } = region;
    let path = format!("{kind}/{id}/window-{x}-{y}-{w}-{h}.{}", format.extension());
    cytomine::files::download(cm, &path, &[], destination, None).await
}

impl AbstractImage {
    /// Downloads the original file (`abstractimage/{id}/download`) to `destination`; returns
    /// the number of bytes written. Nothing is left under `destination` on failure.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, image: cytomine_models::AbstractImage) -> cytomine_core::Result<()> {
    /// let bytes = image.download(&cm, "/tmp/slide.tiff").await?;
    /// # Ok(()) }
    /// ```
    pub async fn download(&self, cm: &Cytomine, destination: impl AsRef<Path>) -> Result<u64> {
        download_original(cm, "abstractimage", self.id, destination.as_ref()).await
    }
}

impl ImageInstance {
    /// Downloads the original file (`imageinstance/{id}/download`) to `destination`; returns
    /// the number of bytes written.
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, image: cytomine_models::ImageInstance) -> cytomine_core::Result<()> {
    /// let bytes = image.download(&cm, "/tmp/image13.tiff").await?;
    /// # Ok(()) }
    /// ```
    pub async fn download(&self, cm: &Cytomine, destination: impl AsRef<Path>) -> Result<u64> {
        download_original(cm, "imageinstance", self.id, destination.as_ref()).await
    }

    /// The slice shown by default (`imageinstance/{id}/sliceinstance/reference.json`).
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, image: cytomine_models::ImageInstance) -> cytomine_core::Result<()> {
    /// let slice = image.reference_slice(&cm).await?;
    /// # Ok(()) }
    /// ```
    pub async fn reference_slice(&self, cm: &Cytomine) -> Result<SliceInstance> {
        let id = require_id(self.id, "reference slice")?;
        cm.get_json(
            &format!("imageinstance/{id}/sliceinstance/reference.json"),
            &[],
        )
        .await
    }
}

/// `dump` (thumbnail) and `window` for a rendered kind of image, the same for image instances
/// and slices: `$kind` is the path segment, `$var` the name used in the examples.
macro_rules! rendered_views {
    ($type:ident, $kind:literal, $var:ident) => {
        impl $type {
            #[doc = concat!(
                "Writes a thumbnail whose longest side is at most `max_size` pixels (`",
                $kind, "/{id}/thumb.{ext}?maxSize=N`). The format follows the extension of ",
                "`destination` (png, jpg or webp; anything else is an error and nothing is sent).\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                stringify!($var), ".dump(&cm, \"/tmp/thumb.png\", 256).await?;\n",
                "# Ok(()) }\n```"
            )]
            pub async fn dump(
                &self,
                cm: &Cytomine,
                destination: impl AsRef<Path>,
                max_size: u32,
            ) -> Result<u64> {
                thumbnail(cm, $kind, self.id, destination.as_ref(), max_size).await
            }

            #[doc = concat!(
                "Writes the region `x, y, w, h` (full-resolution pixels) (`", $kind,
                "/{id}/window-{x}-{y}-{w}-{h}.{ext}`); the format follows the extension of ",
                "`destination` (png, jpg, webp or tif). The window comes at full resolution ",
                "(`w` x `h` pixels): the server reads no size limit for windows; a side over ",
                "10000 pixels is refused by the image server (400). For a smaller picture of a ",
                "large region, ask for a thumbnail ([`", stringify!($type), "::dump`]) or scale ",
                "the file after download (docs/protocol.md §4.4).\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                stringify!($var), ".window(&cm, 0, 0, 512, 512, \"/tmp/corner.png\").await?;\n",
                "# Ok(()) }\n```"
            )]
            pub async fn window(
                &self,
                cm: &Cytomine,
                x: i64,
                y: i64,
                w: i64,
                h: i64,
                destination: impl AsRef<Path>,
            ) -> Result<u64> {
                let region = Region { x, y, w, h };
                window(cm, $kind, self.id, region, destination.as_ref()).await
            }
        }
    };
}

rendered_views!(ImageInstance, "imageinstance", image);
rendered_views!(SliceInstance, "sliceinstance", slice);
