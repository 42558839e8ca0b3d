//! Turning an uploaded file into an uploaded file record, an abstract image, its slice and image
//! instances.

use std::io;

use crate::domains::{add_default_slice, add_slices};
use crate::imaging::{probe, ImageInfo};
use crate::store::{AbstractImage, ImageInstance, State, StoredFile, UploadedFile};

/// Uploaded file status: deployed.
pub(crate) const DEPLOYED: i64 = 100;
/// Uploaded file status: format not recognised.
pub(crate) const ERROR_FORMAT: i64 = 11;

/// What an import created.
#[derive(Debug, Clone)]
pub(crate) struct Imported {
    /// The uploaded file id.
    pub(crate) uploaded_file: i64,
    /// The abstract image id, when the format was recognised.
    pub(crate) abstract_image: Option<i64>,
    /// One image instance per project.
    pub(crate) instances: Vec<i64>,
}

/// A file received whole, with what its header tells.
pub(crate) struct Received {
    /// Its name as uploaded.
    pub(crate) filename: String,
    /// Its bytes.
    pub(crate) file: StoredFile,
    /// Its size, format and channels; `None` when it is not an image.
    pub(crate) info: Option<ImageInfo>,
}

impl Received {
    /// `file`, named `filename`, with its header probed.
    pub(crate) fn probed(filename: String, file: StoredFile) -> io::Result<Received> {
        let info = probe(&file.read()?);
        Ok(Received {
            filename,
            file,
            info,
        })
    }
}

/// Record `received` as an upload of `user` into `storage`, placed into `projects`.
pub(crate) fn import(
    state: &mut State,
    user: i64,
    storage: i64,
    received: Received,
    projects: &[i64],
    now: i64,
) -> Imported {
    let Received {
        filename,
        file,
        info,
    } = received;
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let meta = state.meta(now);
    state.uploaded_files.insert(
        meta.id,
        UploadedFile {
            meta,
            user,
            parent: None,
            storage,
            original_filename: filename.clone(),
            filename: format!("{}/{filename}", meta.id),
            ext,
            content_type: info
                .map_or("application/octet-stream", |i| i.format.mime())
                .to_owned(),
            size: file.len() as i64,
            status: if info.is_some() {
                DEPLOYED
            } else {
                ERROR_FORMAT
            },
            projects: projects.to_vec(),
            file: Some(file),
        },
    );
    let uploaded_file = meta.id;
    let Some(info) = info else {
        return Imported {
            uploaded_file,
            abstract_image: None,
            instances: Vec::new(),
        };
    };
    let meta = state.meta(now);
    state.abstract_images.insert(
        meta.id,
        AbstractImage {
            meta,
            uploaded_file: Some(uploaded_file),
            original_filename: filename,
            width: Some(i64::from(info.width)),
            height: Some(i64::from(info.height)),
            depth: 1,
            duration: 1,
            channels: i64::from(info.channels),
            physical_size_x: None,
            physical_size_y: None,
            physical_size_z: None,
            fps: None,
            magnification: None,
            bit_per_sample: i64::from(info.bit_depth),
            sample_per_pixel: i64::from(info.channels),
            colorspace: None,
            tile_size: 256,
        },
    );
    let abstract_image = meta.id;
    add_default_slice(state, abstract_image, now);
    let instances = projects
        .iter()
        .map(|p| add_instance(state, abstract_image, *p, user, now))
        .collect();
    Imported {
        uploaded_file,
        abstract_image: Some(abstract_image),
        instances,
    }
}

/// Place an abstract image into a project (with its slice instances).
pub(crate) fn add_instance(
    state: &mut State,
    base_image: i64,
    project: i64,
    user: i64,
    now: i64,
) -> i64 {
    let meta = state.meta(now);
    state.image_instances.insert(
        meta.id,
        ImageInstance {
            meta,
            base_image,
            project,
            user,
            instance_filename: None,
            physical_size_x: None,
            physical_size_y: None,
            physical_size_z: None,
            fps: None,
            number_of_annotations: 0,
        },
    );
    add_slices(state, meta.id, now);
    meta.id
}
