//! The stored records of every domain (plain data; JSON views live in `domains`).

use std::collections::BTreeSet;

use super::StoredFile;
use crate::geometry::Geometry;
use crate::keys::Role;

/// Id and audit timestamps shared by every record.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    /// Global sequence id.
    pub id: i64,
    /// Creation time, epoch ms.
    pub created: i64,
    /// Last update, epoch ms.
    pub updated: i64,
}

/// A user account.
#[derive(Debug, Clone)]
pub struct User {
    /// Id and times.
    pub meta: Meta,
    /// Login name.
    pub username: String,
    /// First name.
    pub firstname: String,
    /// Last name.
    pub lastname: String,
    /// E-mail.
    pub email: String,
    /// Highest role.
    pub role: Role,
    /// Disabled users cannot authenticate.
    pub enabled: bool,
    /// Public API key.
    pub public_key: String,
    /// Private API key.
    pub private_key: String,
    /// Language enum name.
    pub language: String,
    /// Developer flag.
    pub is_developer: bool,
}

/// Project access mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectMode {
    /// Anyone in the project may write.
    Classic,
    /// Contributors may only edit their own data.
    Restricted,
    /// Only managers may write.
    ReadOnly,
}

/// A project.
#[derive(Debug, Clone)]
pub struct Project {
    /// Id and times.
    pub meta: Meta,
    /// Unique name.
    pub name: String,
    /// Ontology id.
    pub ontology: Option<i64>,
    /// Blind mode.
    pub blind_mode: bool,
    /// Whether images may be downloaded.
    pub are_images_downloadable: bool,
    /// Closed flag.
    pub is_closed: bool,
    /// Access mode.
    pub mode: ProjectMode,
    /// Hide users' layers.
    pub hide_users_layers: bool,
    /// Hide admins' layers.
    pub hide_admins_layers: bool,
    /// Member user ids (admins included).
    pub members: BTreeSet<i64>,
    /// Manager user ids.
    pub admins: BTreeSet<i64>,
    /// Image instance count.
    pub number_of_images: i64,
    /// User annotation count.
    pub number_of_annotations: i64,
}

/// An ontology.
#[derive(Debug, Clone)]
pub struct Ontology {
    /// Id and times.
    pub meta: Meta,
    /// Name.
    pub name: String,
    /// Creator id.
    pub user: i64,
}

/// A term of an ontology.
#[derive(Debug, Clone)]
pub struct Term {
    /// Id and times.
    pub meta: Meta,
    /// Name.
    pub name: String,
    /// Comment.
    pub comment: Option<String>,
    /// Ontology id.
    pub ontology: i64,
    /// Colour, e.g. `#FF0000`.
    pub color: String,
    /// Parent term id.
    pub parent: Option<i64>,
}

/// A storage.
#[derive(Debug, Clone)]
pub struct Storage {
    /// Id and times.
    pub meta: Meta,
    /// Name.
    pub name: String,
    /// Owner id.
    pub user: i64,
}

/// An uploaded file, with its bytes when it was uploaded for real.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    /// Id and times.
    pub meta: Meta,
    /// Uploader.
    pub user: i64,
    /// Parent uploaded file.
    pub parent: Option<i64>,
    /// Storage id.
    pub storage: i64,
    /// Name as uploaded.
    pub original_filename: String,
    /// Stored name.
    pub filename: String,
    /// Extension.
    pub ext: String,
    /// MIME type.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Status code (100 = DEPLOYED).
    pub status: i64,
    /// Project ids.
    pub projects: Vec<i64>,
    /// The original file, when its bytes were uploaded.
    pub file: Option<StoredFile>,
}

/// An abstract image (the image file itself).
#[derive(Debug, Clone)]
pub struct AbstractImage {
    /// Id and times.
    pub meta: Meta,
    /// Uploaded file id.
    pub uploaded_file: Option<i64>,
    /// Original file name.
    pub original_filename: String,
    /// Width in pixels.
    pub width: Option<i64>,
    /// Height in pixels.
    pub height: Option<i64>,
    /// Z depth.
    pub depth: i64,
    /// Time frames.
    pub duration: i64,
    /// Channels.
    pub channels: i64,
    /// Physical pixel size X (µm).
    pub physical_size_x: Option<f64>,
    /// Physical pixel size Y.
    pub physical_size_y: Option<f64>,
    /// Physical pixel size Z.
    pub physical_size_z: Option<f64>,
    /// Frames per second.
    pub fps: Option<f64>,
    /// Magnification.
    pub magnification: Option<i64>,
    /// Bits per sample.
    pub bit_per_sample: i64,
    /// Samples per pixel.
    pub sample_per_pixel: i64,
    /// Colour space.
    pub colorspace: Option<String>,
    /// Tile size.
    pub tile_size: i64,
}

/// A slice (C, Z, T) of an abstract image.
#[derive(Debug, Clone)]
pub struct AbstractSlice {
    /// Id and times.
    pub meta: Meta,
    /// Abstract image id.
    pub image: i64,
    /// Uploaded file id.
    pub uploaded_file: Option<i64>,
    /// Channel.
    pub channel: i64,
    /// Z.
    pub z_stack: i64,
    /// T.
    pub time: i64,
    /// MIME type.
    pub mime: Option<String>,
}

/// An abstract image placed in a project.
#[derive(Debug, Clone)]
pub struct ImageInstance {
    /// Id and times.
    pub meta: Meta,
    /// Abstract image id.
    pub base_image: i64,
    /// Project id.
    pub project: i64,
    /// Creator id.
    pub user: i64,
    /// Custom name.
    pub instance_filename: Option<String>,
    /// Own physical size X.
    pub physical_size_x: Option<f64>,
    /// Own physical size Y.
    pub physical_size_y: Option<f64>,
    /// Own physical size Z.
    pub physical_size_z: Option<f64>,
    /// Own fps.
    pub fps: Option<f64>,
    /// User annotation count.
    pub number_of_annotations: i64,
}

/// A slice of an image instance.
#[derive(Debug, Clone)]
pub struct SliceInstance {
    /// Id and times.
    pub meta: Meta,
    /// Project id.
    pub project: i64,
    /// Abstract slice id.
    pub base_slice: i64,
    /// Image instance id.
    pub image: i64,
}

/// A user annotation, with its geometry facts computed once at write time.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Id and times.
    pub meta: Meta,
    /// Slice instance id.
    pub slice: i64,
    /// Image instance id.
    pub image: i64,
    /// Project id.
    pub project: i64,
    /// Author id.
    pub user: i64,
    /// WKT exactly as received.
    pub location: String,
    /// Simplification ratio.
    pub geometry_compression: f64,
    /// Pixel area.
    pub area: f64,
    /// Pixel length of the outline.
    pub perimeter: f64,
    /// Centroid.
    pub centroid: (f64, f64),
    /// Bounding box (minx, miny, maxx, maxy).
    pub bbox: (f64, f64, f64, f64),
    /// The parsed geometry (for spatial filters and masks).
    pub geometry: Geometry,
}

/// A link between an annotation and a term, by a user.
#[derive(Debug, Clone)]
pub struct AnnotationTerm {
    /// Id and times.
    pub meta: Meta,
    /// Annotation id.
    pub annotation: i64,
    /// Term id.
    pub term: i64,
    /// User who linked them.
    pub user: i64,
}

impl Meta {
    /// A placeholder stamped by the CRUD code when the record is stored.
    pub fn blank() -> Meta {
        Meta {
            id: 0,
            created: 0,
            updated: 0,
        }
    }
}
