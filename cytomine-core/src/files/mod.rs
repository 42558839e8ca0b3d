//! Files: streamed downloads (never a truncated file under the final name, resumed where the
//! server supports ranges), downloads into memory or as a stream of chunks, and streamed
//! multipart uploads, with progress hooks.

mod download;
mod memory;
mod upload;

pub use download::{download, download_url, Progress};
pub use memory::{download_bytes, download_stream, download_url_bytes};
pub use upload::{upload_file, UploadOptions};
