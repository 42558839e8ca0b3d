//! Thumbnails, previews, windows and annotation crops/masks (docs/protocol.md §4.4), rendered from real pixels.

use std::sync::RwLock;

use bytes::Bytes;

use super::source::{resolve, Kind, Pixels};
use crate::domains::{acl, Routes};
use crate::geometry::Geometry;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::imaging::{render, Adjust, Format, Overlay, Region, Source};
use crate::store::State;

/// What an image route draws.
#[derive(Clone, Copy)]
enum Drawing {
    /// The whole image of a record, by default at most this many pixels wide and high.
    Thumb(Kind, u32),
    /// A window of the image of a record.
    Window(Kind),
    /// The bounding box of an annotation, plain or masked.
    Annotation(Mode),
}

/// The image routes and what each draws.
const IMAGE_ROUTES: [(&str, Drawing); 16] = [
    (
        "abstractimage/{id}/thumb.{fmt}",
        Drawing::Thumb(Kind::Abstract, 512),
    ),
    (
        "imageinstance/{id}/thumb.{fmt}",
        Drawing::Thumb(Kind::Instance, 512),
    ),
    (
        "sliceinstance/{id}/thumb.{fmt}",
        Drawing::Thumb(Kind::Slice, 512),
    ),
    (
        "abstractimage/{id}/preview.{fmt}",
        Drawing::Thumb(Kind::Abstract, 1024),
    ),
    (
        "imageinstance/{id}/preview.{fmt}",
        Drawing::Thumb(Kind::Instance, 1024),
    ),
    (
        "sliceinstance/{id}/preview.{fmt}",
        Drawing::Thumb(Kind::Slice, 1024),
    ),
    (
        "abstractimage/{id}/window-{x}-{y}-{w}-{h}.{fmt}",
        Drawing::Window(Kind::Abstract),
    ),
    (
        "imageinstance/{id}/window-{x}-{y}-{w}-{h}.{fmt}",
        Drawing::Window(Kind::Instance),
    ),
    (
        "sliceinstance/{id}/window-{x}-{y}-{w}-{h}.{fmt}",
        Drawing::Window(Kind::Slice),
    ),
    (
        "userannotation/{id}/crop.{fmt}",
        Drawing::Annotation(Mode::Crop),
    ),
    (
        "annotation/{id}/crop.{fmt}",
        Drawing::Annotation(Mode::Crop),
    ),
    (
        "userannotation/{id}/mask.{fmt}",
        Drawing::Annotation(Mode::Mask),
    ),
    (
        "userannotation/{id}/alphamask.{fmt}",
        Drawing::Annotation(Mode::AlphaMask),
    ),
    (
        "reviewedannotation/{id}/crop.{fmt}",
        Drawing::Annotation(Mode::Crop),
    ),
    (
        "reviewedannotation/{id}/mask.{fmt}",
        Drawing::Annotation(Mode::Mask),
    ),
    (
        "reviewedannotation/{id}/alphamask.{fmt}",
        Drawing::Annotation(Mode::AlphaMask),
    ),
];

/// Register the image routes.
pub(crate) fn routes(routes: &mut Routes) {
    for (pattern, drawing) in IMAGE_ROUTES {
        routes.media(pattern, move |call, params, state| match drawing {
            Drawing::Thumb(kind, size) => thumb(call, params, state, kind, size),
            Drawing::Window(kind) => window(call, params, state, kind),
            Drawing::Annotation(mode) => crop(call, params, state, mode),
        });
    }
}

/// `jpg`, `png`, `webp`; anything else is served as JPEG.
fn out_format(ext: &str) -> Format {
    match Format::from_extension(ext) {
        Some(Format::Tiff) | None => Format::Jpeg,
        Some(f) => f,
    }
}

fn float(call: &Call, key: &str) -> Option<f64> {
    call.nonempty(key).and_then(|v| v.parse().ok())
}

fn adjust(call: &Call) -> Adjust {
    Adjust {
        contrast: float(call, "contrast"),
        gamma: float(call, "gamma"),
        inverse: call.flag_or("inverse", false),
        colormap: call.nonempty("colormap").map(str::to_owned),
        bits: call
            .nonempty("bits")
            .and_then(|b| if b == "max" { Some(16) } else { b.parse().ok() }),
    }
}

fn max_size(call: &Call, default: Option<u32>) -> Result<Option<u32>, Fail> {
    Ok(call
        .int("maxSize")?
        .map(|v| v.clamp(1, 100_000) as u32)
        .or(default))
}

fn draw(
    pixels: &Pixels,
    region: Option<Region>,
    max: Option<u32>,
    out: Format,
    adj: &Adjust,
    overlay: Overlay,
) -> Outcome {
    let encoded = pixels.file.as_ref().map(|file| file.read()).transpose();
    let encoded =
        encoded.map_err(|_| Fail::not_found(format!("File {} not found", pixels.filename)))?;
    let src = match &encoded {
        Some(bytes) => Source::Encoded(bytes),
        None => Source::Synthetic {
            width: pixels.width,
            height: pixels.height,
            seed: pixels.seed,
        },
    };
    let bytes =
        render(&src, region, max, out, adj, overlay).map_err(|e| Fail::bad(e.to_string()))?;
    let real = crate::imaging::probe(&bytes).map_or(out, |i| i.format);
    Ok(Reply::raw(200, real.mime(), Bytes::from(bytes)))
}

fn thumb(call: &Call, params: &Params, lock: &RwLock<State>, kind: Kind, default: u32) -> Outcome {
    let px = resolve(call, lock, kind, params.id("id"))?;
    draw(
        &px,
        None,
        max_size(call, Some(default))?,
        out_format(params.get("fmt")),
        &adjust(call),
        Overlay::None,
    )
}

/// The image server's largest output side (`OUTPUT_SIZE_LIMIT`, docs/protocol.md §4.4).
const WINDOW_SIDE_LIMIT: u32 = 10_000;

/// A window at full resolution: the server forwards only x, y, w, h and the format to the image
/// server, at level 0 (docs/protocol.md §4.4).
fn window(call: &Call, params: &Params, lock: &RwLock<State>, kind: Kind) -> Outcome {
    let px = resolve(call, lock, kind, params.id("id"))?;
    let num = |k: &str| {
        params
            .get(k)
            .parse::<u32>()
            .map_err(|_| Fail::bad(format!("window {k} is not a number")))
    };
    let region = Region {
        x: num("x")?,
        y: num("y")?,
        w: num("w")?.max(1),
        h: num("h")?.max(1),
    };
    if region.w > WINDOW_SIDE_LIMIT || region.h > WINDOW_SIDE_LIMIT {
        return Err(Fail::bad("Too large image output dimensions."));
    }
    // The server reads no `maxSize` here: the window comes at full resolution.
    draw(
        &px,
        Some(region),
        None,
        out_format(params.get("fmt")),
        &adjust(call),
        Overlay::None,
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Crop,
    Mask,
    AlphaMask,
}

fn crop(call: &Call, params: &Params, lock: &RwLock<State>, mode: Mode) -> Outcome {
    let (geometry, bbox, image) = {
        let state = lock.read().unwrap_or_else(|e| e.into_inner());
        let id = params.id("id").unwrap_or(0);
        let a = state
            .annotations
            .get(id)
            .or_else(|| state.reviewed_annotations.get(id).map(|r| &r.base))
            .ok_or_else(|| Fail::not_found(format!("Annotation {id} not found")))?;
        acl::read_project(call, &state, a.project)?;
        (a.geometry.clone(), a.bbox, a.image)
    };
    let px = resolve(call, lock, Kind::Instance, Some(image))?;
    let mode = match mode {
        Mode::Crop if call.flag_or("alphaMask", false) => Mode::AlphaMask,
        Mode::Crop if call.flag_or("mask", false) => Mode::Mask,
        m => m,
    };
    let region = region_of(bbox, px.width, px.height);
    let mut out = out_format(params.get("fmt"));
    if mode == Mode::AlphaMask && out != Format::Webp {
        out = Format::Png;
    }
    let overlay = overlay(mode, &geometry);
    draw(
        &px,
        Some(region),
        max_size(call, None)?,
        out,
        &adjust(call),
        overlay,
    )
}

fn overlay(mode: Mode, geometry: &Geometry) -> Overlay<'_> {
    match mode {
        Mode::Crop => Overlay::None,
        Mode::Mask => Overlay::Mask(geometry),
        Mode::AlphaMask => Overlay::AlphaMask(geometry),
    }
}

/// The annotation's bounding box (bottom-left origin) as a top-left window inside the image.
fn region_of(bbox: (f64, f64, f64, f64), width: u32, height: u32) -> Region {
    let (w, h) = (f64::from(width), f64::from(height));
    let x0 = bbox.0.clamp(0.0, w - 1.0).floor();
    let x1 = bbox.2.clamp(x0 + 1.0, w).ceil();
    let top = (h - bbox.3).clamp(0.0, h - 1.0).floor();
    let bottom = (h - bbox.1).clamp(top + 1.0, h).ceil();
    Region {
        x: x0 as u32,
        y: top as u32,
        w: (x1 - x0).max(1.0) as u32,
        h: (bottom - top).max(1.0) as u32,
    }
}
