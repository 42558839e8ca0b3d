//! Files larger than any default body limit go through upload and download intact, streamed.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use cytomine::models::{UploadImageOptions, UploadedFile};
use cytomine_emulator::imaging::{demo_image, Format};

#[tokio::test]
async fn an_image_of_several_megabytes_round_trips() {
    let env = common::start().await;
    let cm = &env.cm;
    let storage = common::my_storage(cm).await;
    let mut project = cytomine::models::Project::new(common::unique("large"));
    cytomine::Create::save(&mut project, cm).await.unwrap();

    // An uncompressed TIFF: 1500 x 1500 RGB is 6.75 MB, over the 2 MiB default body limits.
    let bytes = demo_image(1500, 1500, Format::Tiff, 7);
    assert!(bytes.len() > 6_000_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("large.tif");
    std::fs::write(&source, &bytes).unwrap();

    let sent = Arc::new(AtomicU64::new(0));
    let seen = sent.clone();
    let progress: cytomine::files::Progress =
        Arc::new(move |done, _| seen.store(done, Ordering::Relaxed));
    let options = UploadImageOptions {
        projects: vec![project.id.unwrap()],
        sync: true,
        ..Default::default()
    };
    let result = UploadedFile::upload_with_progress(
        cm,
        &source,
        storage.id.unwrap(),
        &options,
        Some(progress),
    )
    .await
    .unwrap();
    assert_eq!(
        sent.load(Ordering::Relaxed),
        bytes.len() as u64,
        "progress reached the file size"
    );
    let image = &result.images[0].image_instances[0];
    assert_eq!(
        (image.shape.width, image.shape.height),
        (Some(1500), Some(1500))
    );

    let back = dir.path().join("back.tif");
    let n = image.download(cm, &back).await.unwrap();
    assert_eq!(n, bytes.len() as u64);
    assert!(
        std::fs::read(&back).unwrap() == bytes,
        "downloaded bytes equal the upload"
    );
}
