//! The stored records of every domain (plain data; JSON views live in `domains`).

use std::collections::BTreeSet;

use super::StoredFile;
use crate::geometry::Geometry;
use crate::keys::Role;

/// Id and audit timestamps shared by every record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meta {
    /// Global sequence id.
    pub(crate) id: i64,
    /// Creation time, epoch ms.
    pub(crate) created: i64,
    /// Last update, epoch ms.
    pub(crate) updated: i64,
}

/// A user account.
#[derive(Debug, Clone)]
pub(crate) struct User {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Login name.
    pub(crate) username: String,
    /// First name.
    pub(crate) firstname: String,
    /// Last name.
    pub(crate) lastname: String,
    /// E-mail.
    pub(crate) email: String,
    /// Highest role.
    pub(crate) role: Role,
    /// Disabled users cannot authenticate.
    pub(crate) enabled: bool,
    /// Public API key.
    pub(crate) public_key: String,
    /// Private API key.
    pub(crate) private_key: String,
    /// Language enum name.
    pub(crate) language: String,
    /// Developer flag.
    pub(crate) is_developer: bool,
}

/// Project access mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProjectMode {
    /// Anyone in the project may write.
    Classic,
    /// Contributors may only edit their own data.
    Restricted,
    /// Only managers may write.
    ReadOnly,
}

/// A project.
#[derive(Debug, Clone)]
pub(crate) struct Project {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Unique name.
    pub(crate) name: String,
    /// Ontology id.
    pub(crate) ontology: Option<i64>,
    /// Blind mode.
    pub(crate) blind_mode: bool,
    /// Whether images may be downloaded.
    pub(crate) are_images_downloadable: bool,
    /// Closed flag.
    pub(crate) is_closed: bool,
    /// Access mode.
    pub(crate) mode: ProjectMode,
    /// Hide users' layers.
    pub(crate) hide_users_layers: bool,
    /// Hide admins' layers.
    pub(crate) hide_admins_layers: bool,
    /// Member user ids (admins included).
    pub(crate) members: BTreeSet<i64>,
    /// Manager user ids.
    pub(crate) admins: BTreeSet<i64>,
    /// Image instance count.
    pub(crate) number_of_images: i64,
    /// User annotation count.
    pub(crate) number_of_annotations: i64,
}

/// An ontology.
#[derive(Debug, Clone)]
pub(crate) struct Ontology {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Name.
    pub(crate) name: String,
    /// Creator id.
    pub(crate) user: i64,
}

/// A term of an ontology.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Name.
    pub(crate) name: String,
    /// Comment.
    pub(crate) comment: Option<String>,
    /// Ontology id.
    pub(crate) ontology: i64,
    /// Colour, e.g. `#FF0000`.
    pub(crate) color: String,
    /// Parent term id.
    pub(crate) parent: Option<i64>,
}

/// A storage.
#[derive(Debug, Clone)]
pub(crate) struct Storage {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Name.
    pub(crate) name: String,
    /// Owner id.
    pub(crate) user: i64,
}

/// An uploaded file, with its bytes when it was uploaded for real.
#[derive(Debug, Clone)]
pub(crate) struct UploadedFile {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Uploader.
    pub(crate) user: i64,
    /// Parent uploaded file.
    pub(crate) parent: Option<i64>,
    /// Storage id.
    pub(crate) storage: i64,
    /// Name as uploaded.
    pub(crate) original_filename: String,
    /// Stored name.
    pub(crate) filename: String,
    /// Extension.
    pub(crate) ext: String,
    /// MIME type.
    pub(crate) content_type: String,
    /// Size in bytes.
    pub(crate) size: i64,
    /// Status code (100 = DEPLOYED).
    pub(crate) status: i64,
    /// Project ids.
    pub(crate) projects: Vec<i64>,
    /// The original file, when its bytes were uploaded.
    pub(crate) file: Option<StoredFile>,
}

/// An abstract image (the image file itself).
#[derive(Debug, Clone)]
pub(crate) struct AbstractImage {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Uploaded file id.
    pub(crate) uploaded_file: Option<i64>,
    /// Original file name.
    pub(crate) original_filename: String,
    /// Width in pixels.
    pub(crate) width: Option<i64>,
    /// Height in pixels.
    pub(crate) height: Option<i64>,
    /// Z depth.
    pub(crate) depth: i64,
    /// Time frames.
    pub(crate) duration: i64,
    /// Channels.
    pub(crate) channels: i64,
    /// Physical pixel size X (µm).
    pub(crate) physical_size_x: Option<f64>,
    /// Physical pixel size Y.
    pub(crate) physical_size_y: Option<f64>,
    /// Physical pixel size Z.
    pub(crate) physical_size_z: Option<f64>,
    /// Frames per second.
    pub(crate) fps: Option<f64>,
    /// Magnification.
    pub(crate) magnification: Option<i64>,
    /// Bits per sample.
    pub(crate) bit_per_sample: i64,
    /// Samples per pixel.
    pub(crate) sample_per_pixel: i64,
    /// Colour space.
    pub(crate) colorspace: Option<String>,
    /// Tile size.
    pub(crate) tile_size: i64,
}

/// A slice (C, Z, T) of an abstract image.
#[derive(Debug, Clone)]
pub(crate) struct AbstractSlice {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Abstract image id.
    pub(crate) image: i64,
    /// Uploaded file id.
    pub(crate) uploaded_file: Option<i64>,
    /// Channel.
    pub(crate) channel: i64,
    /// Z.
    pub(crate) z_stack: i64,
    /// T.
    pub(crate) time: i64,
    /// MIME type.
    pub(crate) mime: Option<String>,
}

/// An abstract image placed in a project.
#[derive(Debug, Clone)]
pub(crate) struct ImageInstance {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Abstract image id.
    pub(crate) base_image: i64,
    /// Project id.
    pub(crate) project: i64,
    /// Creator id.
    pub(crate) user: i64,
    /// Custom name.
    pub(crate) instance_filename: Option<String>,
    /// Own physical size X.
    pub(crate) physical_size_x: Option<f64>,
    /// Own physical size Y.
    pub(crate) physical_size_y: Option<f64>,
    /// Own physical size Z.
    pub(crate) physical_size_z: Option<f64>,
    /// Own fps.
    pub(crate) fps: Option<f64>,
    /// User annotation count.
    pub(crate) number_of_annotations: i64,
}

/// A slice of an image instance.
#[derive(Debug, Clone)]
pub(crate) struct SliceInstance {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Project id.
    pub(crate) project: i64,
    /// Abstract slice id.
    pub(crate) base_slice: i64,
    /// Image instance id.
    pub(crate) image: i64,
}

/// A user annotation, with its geometry facts computed once at write time.
#[derive(Debug, Clone)]
pub(crate) struct Annotation {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Slice instance id.
    pub(crate) slice: i64,
    /// Image instance id.
    pub(crate) image: i64,
    /// Project id.
    pub(crate) project: i64,
    /// Author id.
    pub(crate) user: i64,
    /// WKT exactly as received.
    pub(crate) location: String,
    /// Simplification ratio.
    pub(crate) geometry_compression: f64,
    /// Pixel area.
    pub(crate) area: f64,
    /// Pixel length of the outline.
    pub(crate) perimeter: f64,
    /// Centroid.
    pub(crate) centroid: (f64, f64),
    /// Bounding box (minx, miny, maxx, maxy).
    pub(crate) bbox: (f64, f64, f64, f64),
    /// The parsed geometry (for spatial filters and masks).
    pub(crate) geometry: Geometry,
}

/// A link between an annotation and a term, by a user.
#[derive(Debug, Clone)]
pub(crate) struct AnnotationTerm {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Annotation id.
    pub(crate) annotation: i64,
    /// Term id.
    pub(crate) term: i64,
    /// User who linked them.
    pub(crate) user: i64,
}

impl Meta {
    /// A placeholder stamped by the CRUD code when the record is stored.
    pub(crate) fn blank() -> Meta {
        Meta {
            id: 0,
            created: 0,
            updated: 0,
        }
    }
}
