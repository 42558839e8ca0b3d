//! Image bytes: uploads, downloads and rendered views.

pub(crate) mod download;
pub(crate) mod import;
pub(crate) mod multipart;
pub(crate) mod render;
pub(crate) mod source;
pub(crate) mod upload;
