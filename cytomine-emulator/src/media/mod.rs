//! Image bytes: uploads, downloads and rendered views.

pub mod download;
pub mod import;
pub mod multipart;
pub mod render;
pub mod source;
pub mod upload;
