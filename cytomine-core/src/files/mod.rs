//! Files: streamed downloads (never a truncated file under the final name, resumed where the
//! server supports ranges), downloads into memory or as a stream of chunks, streamed multipart
//! uploads, with progress hooks; and many files at once with one progress ([`download_many`],
//! [`upload_many`]), bounded by the client's concurrency.

mod download;
mod many;
mod memory;
mod upload;

pub use download::{download, download_url, Progress};
pub use many::{download_many, upload_many, DownloadItem};
pub use memory::{download_bytes, download_stream, download_url_bytes};
pub use upload::{upload_file, UploadOptions};
