//! Actions on images beyond CRUD (docs/protocol.md §6.2): original-file downloads, thumbnails,
//! windows and the reference slice. Each one is a path built here, sent by the runtime's
//! generic pieces (`cytomine::files::download` and its in-memory and streamed forms,
//! `Cytomine::get_json`). Rendered views go to a file, into memory (`_bytes`), or, with the
//! feature `image`, into a decoded `image::DynamicImage` (`_image`).

use std::path::Path;

use bytes::Bytes;
use cytomine::{Cytomine, Error, Result};
use futures::Stream;

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

/// `{kind}/{id}/download`, the original file.
fn original_path(kind: &str, id: Option<i64>) -> Result<String> {
    let id = require_id(id, &format!("{kind} download"))?;
    Ok(format!("{kind}/{id}/download"))
}

/// A region of an image, in full-resolution pixels.
#[derive(Debug, Clone, Copy)]
struct Region {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

/// A rendered view to request: its path under `/api/` and its query.
struct Rendered {
    path: String,
    query: Vec<(String, String)>,
}

impl Rendered {
    /// `GET /api/{kind}/{id}/thumb.{ext}?maxSize=N`.
    fn thumbnail(kind: &str, id: Option<i64>, format: RenderFormat, max_size: u32) -> Result<Self> {
        if !THUMBNAIL_FORMATS.contains(&format) {
            return Err(Error::Usage(format!(
                "a thumbnail is png, jpg or webp, not {}",
                format.extension()
            )));
        }
        let id = require_id(id, &format!("{kind} thumbnail"))?;
        Ok(Rendered {
            path: format!("{kind}/{id}/thumb.{}", format.extension()),
            query: vec![("maxSize".to_string(), max_size.to_string())],
        })
    }

    /// `GET /api/{kind}/{id}/window-{x}-{y}-{w}-{h}.{ext}`.
    fn window(kind: &str, id: Option<i64>, region: Region, format: RenderFormat) -> Result<Self> {
        let id = require_id(id, &format!("{kind} window"))?;
        let Region { x, y, w, h } = region;
        Ok(Rendered {
            path: format!("{kind}/{id}/window-{x}-{y}-{w}-{h}.{}", format.extension()),
            query: Vec::new(),
        })
    }

    async fn to_file(&self, cm: &Cytomine, destination: &Path) -> Result<u64> {
        cytomine::files::download(cm, &self.path, &self.query, destination, None).await
    }

    async fn to_bytes(&self, cm: &Cytomine) -> Result<Bytes> {
        cytomine::files::download_bytes(cm, &self.path, &self.query).await
    }

    #[cfg(feature = "image")]
    async fn to_image(&self, cm: &Cytomine) -> Result<image::DynamicImage> {
        let bytes = self.to_bytes(cm).await?;
        let url = format!("{}/api/{}", cm.base_url(), self.path);
        decode_image(&url, &bytes)
    }
}

/// The image in `bytes` (the answer to `url`), decoded.
#[cfg(feature = "image")]
pub(crate) fn decode_image(url: &str, bytes: &[u8]) -> Result<image::DynamicImage> {
    image::load_from_memory(bytes).map_err(|e| Error::Decode {
        request: Box::new(cytomine::RequestInfo {
            method: "GET".into(),
            url: url.to_string(),
        }),
        status: 200,
        path: ".".into(),
        reason: format!("not an image this build can decode: {e}"),
        body: String::new(),
        source: None,
    })
}

/// `download` (to a file), `download_bytes` and `download_stream` of the original file, the
/// same for abstract images and image instances: `$kind` is the path segment, `$var` the name
/// used in the examples.
macro_rules! original_downloads {
    ($type:ident, $kind:literal, $var:ident) => {
        impl $type {
            #[doc = concat!(
                "Downloads the original file (`", $kind, "/{id}/download`) to `destination`; ",
                "returns the number of bytes written. Nothing is left under `destination` on ",
                "failure.\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "let bytes = ", stringify!($var), ".download(&cm, \"/tmp/slide.tiff\").await?;\n",
                "# Ok(()) }\n```"
            )]
            pub async fn download(
                &self,
                cm: &Cytomine,
                destination: impl AsRef<Path>,
            ) -> Result<u64> {
                let path = original_path($kind, self.id)?;
                cytomine::files::download(cm, &path, &[], destination.as_ref(), None).await
            }

            #[doc = concat!(
                "The original file (`", $kind, "/{id}/download`) in memory, for files small ",
                "enough to hold; see [`download_stream`](Self::download_stream) for large ones.",
                "\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "let bytes = ", stringify!($var), ".download_bytes(&cm).await?;\n",
                "println!(\"{} bytes\", bytes.len());\n",
                "# Ok(()) }\n```"
            )]
            pub async fn download_bytes(&self, cm: &Cytomine) -> Result<Bytes> {
                let path = original_path($kind, self.id)?;
                cytomine::files::download_bytes(cm, &path, &[]).await
            }

            #[doc = concat!(
                "The original file as a stream of chunks, read as they arrive ",
                "([`cytomine::files::download_stream`]; wrap it in ",
                "`tokio_util::io::StreamReader` for an `AsyncRead`).\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "use futures::TryStreamExt;\n",
                "let mut chunks = ", stringify!($var), ".download_stream(&cm).await?;\n",
                "let mut total = 0;\n",
                "while let Some(chunk) = chunks.try_next().await? {\n",
                "    total += chunk.len();\n",
                "}\n",
                "# Ok(()) }\n```"
            )]
            pub async fn download_stream(
                &self,
                cm: &Cytomine,
            ) -> Result<impl Stream<Item = Result<Bytes>> + Send + Unpin + 'static> {
                let path = original_path($kind, self.id)?;
                cytomine::files::download_stream(cm, &path, &[]).await
            }
        }
    };
}

original_downloads!(AbstractImage, "abstractimage", image);
original_downloads!(ImageInstance, "imageinstance", image);

impl ImageInstance {
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
                let destination = destination.as_ref();
                let format = RenderFormat::for_thumbnail(destination)?;
                Rendered::thumbnail($kind, self.id, format, max_size)?
                    .to_file(cm, destination)
                    .await
            }

            #[doc = concat!(
                "The thumbnail of [`dump`](Self::dump) in memory, encoded as `format` ",
                "(png, jpg or webp).\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "use cytomine_models::RenderFormat;\n",
                "let png = ", stringify!($var), ".dump_bytes(&cm, RenderFormat::Png, 256).await?;\n",
                "# Ok(()) }\n```"
            )]
            pub async fn dump_bytes(
                &self,
                cm: &Cytomine,
                format: RenderFormat,
                max_size: u32,
            ) -> Result<Bytes> {
                Rendered::thumbnail($kind, self.id, format, max_size)?
                    .to_bytes(cm)
                    .await
            }

            #[doc = concat!(
                "The thumbnail of [`dump`](Self::dump), decoded (requested as PNG, lossless; ",
                "feature `image`).\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "let thumb = ", stringify!($var), ".dump_image(&cm, 256).await?;\n",
                "println!(\"{} x {}\", thumb.width(), thumb.height());\n",
                "# Ok(()) }\n```"
            )]
            #[cfg(feature = "image")]
            pub async fn dump_image(
                &self,
                cm: &Cytomine,
                max_size: u32,
            ) -> Result<image::DynamicImage> {
                Rendered::thumbnail($kind, self.id, RenderFormat::Png, max_size)?
                    .to_image(cm)
                    .await
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
                let destination = destination.as_ref();
                let format = RenderFormat::for_window(destination)?;
                let region = Region { x, y, w, h };
                Rendered::window($kind, self.id, region, format)?
                    .to_file(cm, destination)
                    .await
            }

            #[doc = concat!(
                "The region of [`window`](Self::window) in memory, encoded as `format`.\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "use cytomine_models::RenderFormat;\n",
                "let tif = ", stringify!($var), ".window_bytes(&cm, 0, 0, 512, 512, RenderFormat::Tiff).await?;\n",
                "# Ok(()) }\n```"
            )]
            #[allow(clippy::too_many_arguments)]
            pub async fn window_bytes(
                &self,
                cm: &Cytomine,
                x: i64,
                y: i64,
                w: i64,
                h: i64,
                format: RenderFormat,
            ) -> Result<Bytes> {
                let region = Region { x, y, w, h };
                Rendered::window($kind, self.id, region, format)?
                    .to_bytes(cm)
                    .await
            }

            #[doc = concat!(
                "The region of [`window`](Self::window), decoded (requested as PNG; feature ",
                "`image`).\n\n",
                "```no_run\n",
                "# async fn demo(cm: cytomine_core::Cytomine, ", stringify!($var),
                ": cytomine_models::", stringify!($type), ") -> cytomine_core::Result<()> {\n",
                "let corner = ", stringify!($var), ".window_image(&cm, 0, 0, 512, 512).await?.to_rgb8();\n",
                "# Ok(()) }\n```"
            )]
            #[cfg(feature = "image")]
            pub async fn window_image(
                &self,
                cm: &Cytomine,
                x: i64,
                y: i64,
                w: i64,
                h: i64,
            ) -> Result<image::DynamicImage> {
                let region = Region { x, y, w, h };
                Rendered::window($kind, self.id, region, RenderFormat::Png)?
                    .to_image(cm)
                    .await
            }
        }
    };
}

rendered_views!(ImageInstance, "imageinstance", image);
rendered_views!(SliceInstance, "sliceinstance", slice);
