//! W4: download of an image instance to disk, upload of a file from disk.

use cytomine_core::Fetch;
use cytomine_models::{ImageInstance, UploadImageOptions, UploadedFile};

use crate::{connect, Args, Outcome, WORK_TIMER};

fn file(args: &Args) -> Result<&std::path::Path, String> {
    args.file
        .as_deref()
        .ok_or_else(|| "--file is required".to_string())
}

/// `ImageInstance::fetch` then `download` to `--file`; returns the bytes written.
pub async fn download(args: &Args) -> Outcome {
    let destination = file(args)?;
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    let image = ImageInstance::fetch(&cm, args.image)
        .await
        .map_err(|e| e.to_string())?;
    image
        .download(&cm, destination)
        .await
        .map_err(|e| e.to_string())
}

/// `UploadedFile::upload` of `--file` into `--storage`; returns the size the server recorded.
pub async fn upload(args: &Args) -> Outcome {
    let source = file(args)?;
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    let result = UploadedFile::upload(&cm, source, args.storage, &UploadImageOptions::default())
        .await
        .map_err(|e| e.to_string())?;
    let size = result.uploaded_file.size.unwrap_or(0);
    u64::try_from(size).map_err(|_| format!("the server recorded size {size}"))
}
