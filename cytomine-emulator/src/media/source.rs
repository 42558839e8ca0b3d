//! Resolving which pixels an image endpoint serves, under a short read lock.

use std::sync::RwLock;

use crate::domains::acl;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{State, StoredFile};

/// An image's pixels, detached from the state.
#[derive(Debug, Clone)]
pub(crate) struct Pixels {
    /// The original file, when one was uploaded.
    pub(crate) file: Option<StoredFile>,
    /// Width.
    pub(crate) width: u32,
    /// Height.
    pub(crate) height: u32,
    /// Seed of synthetic pixels (the abstract image id).
    pub(crate) seed: u64,
    /// Original file name.
    pub(crate) filename: String,
}

/// The kinds of image records that serve pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// `abstractimage/{id}`.
    Abstract,
    /// `imageinstance/{id}`.
    Instance,
    /// `sliceinstance/{id}`.
    Slice,
    /// `uploadedfile/{id}` (downloads only).
    Uploaded,
}

fn of_abstract(state: &State, id: i64) -> Option<Pixels> {
    let a = state.abstract_images.get(id)?;
    let file = a
        .uploaded_file
        .and_then(|u| state.uploaded_files.get(u))
        .and_then(|u| u.file.clone());
    Some(Pixels {
        file,
        width: a.width.unwrap_or(1024).clamp(1, 100_000) as u32,
        height: a.height.unwrap_or(1024).clamp(1, 100_000) as u32,
        seed: id as u64,
        filename: a.original_filename.clone(),
    })
}

/// Look up the pixels of `kind` `id`, checking read access to its project.
pub(crate) fn resolve(
    call: &Call,
    lock: &RwLock<State>,
    kind: Kind,
    id: Option<i64>,
) -> Result<Pixels, Fail> {
    let state = lock.read().unwrap_or_else(|e| e.into_inner());
    let missing = || Fail::not_found(format!("Image {} not found", id.unwrap_or(0)));
    let id = id.ok_or_else(missing)?;
    let base = match kind {
        Kind::Abstract => id,
        Kind::Instance => {
            let i = state.image_instances.get(id).ok_or_else(missing)?;
            acl::read_project(call, &state, i.project)?;
            i.base_image
        }
        Kind::Slice => {
            let s = state.slice_instances.get(id).ok_or_else(missing)?;
            acl::read_project(call, &state, s.project)?;
            state
                .image_instances
                .get(s.image)
                .map(|i| i.base_image)
                .ok_or_else(missing)?
        }
        Kind::Uploaded => {
            let u = state.uploaded_files.get(id).ok_or_else(missing)?;
            return Ok(Pixels {
                file: u.file.clone(),
                width: 1,
                height: 1,
                seed: 0,
                filename: u.original_filename.clone(),
            });
        }
    };
    of_abstract(&state, base).ok_or_else(missing)
}
