//! L4 and L5: many objects by id with `fetch_many`, many files up and back with
//! `UploadedFile::upload_many` and `files::download_many`, at the client's default concurrency.

use cytomine_core::files::{download_many, DownloadItem};
use cytomine_core::Fetch;
use cytomine_models::{Annotation, UploadImageOptions, UploadedFile};

use crate::{connect, dir, Args, Outcome, WORK_TIMER};

/// `Annotation::fetch_many` of `--ids`; every id must come back.
pub async fn fetch(args: &Args) -> Outcome {
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    let results = Annotation::fetch_many(&cm, args.ids.iter().copied()).await;
    for (id, result) in &results {
        let annotation = result
            .as_ref()
            .map_err(|e| format!("annotation {id}: {e}"))?;
        if annotation.id != Some(*id) {
            return Err(format!("asked for {id}, got {:?}", annotation.id));
        }
    }
    Ok(results.len() as u64)
}

/// Uploads `--files` into `--storage`, placed in `--project` (imported at once), then downloads
/// the image instances they became into `--dir`; returns the bytes downloaded.
pub async fn files(args: &Args) -> Outcome {
    let into = dir(args)?;
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    let options = UploadImageOptions {
        projects: vec![args.project],
        sync: true,
        ..Default::default()
    };
    let uploaded = UploadedFile::upload_many(
        &cm,
        args.files.iter().cloned(),
        args.storage,
        &options,
        None,
    )
    .await;
    let mut items = Vec::new();
    for (file, result) in uploaded {
        let result = result.map_err(|e| format!("upload of {}: {e}", file.display()))?;
        let instance = result
            .images
            .first()
            .and_then(|i| i.image_instances.first())
            .and_then(|i| i.id)
            .ok_or_else(|| format!("{}: no image instance after the upload", file.display()))?;
        let path = format!("imageinstance/{instance}/download");
        items.push(DownloadItem::api(
            path,
            vec![],
            into.join(format!("{instance}.tif")),
        ));
    }
    let mut bytes = 0;
    for (item, result) in download_many(&cm, items, None).await {
        bytes += result.map_err(|e| format!("{}: {e}", item.destination().display()))?;
    }
    Ok(bytes)
}
