//! Files: streamed downloads (never a truncated file under the final name, resumed where the
//! server supports ranges) and streamed multipart uploads, with progress hooks.

mod download;
mod upload;

pub use download::{download, download_url, Progress};
pub use upload::{upload_file, UploadOptions};
