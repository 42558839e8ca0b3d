//! Storage and UploadedFile models against the emulator, and the upload action.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use cytomine::models::{ImageInstance, Project, Storage, UploadImageOptions, UploadedFile};
use cytomine::prelude::*;
use cytomine_emulator::Emulator;

#[tokio::test]
async fn storage_crud_and_all_modifier() {
    let env = start().await;
    let cm = &env.cm;
    let me = env.admin_id();
    let mut storage = Storage::new(unique("scans"), me);
    storage.save(cm).await.unwrap();
    let id = storage.id.unwrap();
    assert_eq!(
        storage.class_name.as_deref(),
        Some("be.cytomine.domain.image.server.Storage")
    );

    let mut fetched = assert_round_trip::<Storage>(cm, &format!("storage/{id}.json"), id).await;
    let renamed = unique("renamed");
    fetched.name = Some(renamed.clone());
    fetched.update(cm).await.unwrap();
    assert_eq!(Storage::fetch(cm, id).await.unwrap().name, Some(renamed));

    let (_, bob) = env.user(&unique("bob")).await;
    let bobs = my_storage(&bob).await.id;
    let mine = Storage::list().fetch(cm).await.unwrap();
    assert!(mine.iter().any(|s| s.id == Some(id)));
    assert!(!mine.iter().any(|s| s.id == bobs));
    cm.open_admin_session().await.unwrap();
    let all = Storage::list().all(true).fetch(cm).await.unwrap();
    assert!(all.iter().any(|s| s.id == bobs));

    fetched.delete(cm).await.unwrap();
    assert_not_found(&Storage::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn uploaded_file_crud() {
    let env = start().await;
    let cm = &env.cm;
    let storage = my_storage(cm).await.id.unwrap();
    let mut file = UploadedFile::new("scan.png", "scan.png", storage, env.admin_id());
    file.size = Some(1234);
    file.ext = Some("png".into());
    file.content_type = Some("image/png".into());
    file.status = Some(0);
    file.save(cm).await.unwrap();
    let id = file.id.unwrap();

    let mut fetched =
        assert_round_trip::<UploadedFile>(cm, &format!("uploadedfile/{id}.json"), id).await;
    assert_eq!(fetched.size, Some(1234));
    fetched.status = Some(cytomine::models::UploadedFileStatus::DEPLOYED);
    fetched.update(cm).await.unwrap();
    assert_eq!(UploadedFile::fetch(cm, id).await.unwrap().status, Some(100));

    let listed = UploadedFile::list().fetch(cm).await.unwrap();
    assert!(listed.iter().any(|f| f.id == Some(id)));

    UploadedFile::delete_by_id(cm, id).await.unwrap();
    assert_not_found(&UploadedFile::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn uploaded_file_parent_and_all_modifiers() {
    let env = start().await;
    let cm = &env.cm;
    let storage = my_storage(cm).await.id.unwrap();
    let mut parent = UploadedFile::new("archive.zip", "archive.zip", storage, env.admin_id());
    parent.save(cm).await.unwrap();
    let mut child = UploadedFile::new("inner.png", "inner.png", storage, env.admin_id());
    child.parent = parent.id;
    child.save(cm).await.unwrap();
    let children = UploadedFile::list()
        .parent(parent.id.unwrap())
        .fetch(cm)
        .await
        .unwrap();
    let ids: Vec<_> = children.iter().map(|f| f.id).collect();
    assert_eq!(ids, vec![child.id]);

    let (_, bob) = env.user(&unique("bob")).await;
    let none_of_mine = UploadedFile::list().all(false).fetch(&bob).await.unwrap();
    assert!(none_of_mine.is_empty());
}

#[tokio::test]
async fn upload_without_sync_creates_the_uploaded_file_and_reports_progress() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = png_file(dir.path(), "async-upload.png", 64, 48);
    let storage = my_storage(cm).await.id.unwrap();
    let last = Arc::new(AtomicU64::new(0));
    let seen = last.clone();
    let size = bytes.len() as u64;
    let progress: cytomine::files::Progress = Arc::new(move |sent, total| {
        assert_eq!(total, Some(size));
        seen.store(sent, Ordering::Relaxed);
    });
    let result = UploadedFile::upload_with_progress(
        cm,
        &path,
        storage,
        &UploadImageOptions::default(),
        Some(progress),
    )
    .await
    .unwrap();
    assert_eq!(last.load(Ordering::Relaxed), size);
    assert!(result.images.is_empty(), "images come only with sync");
    let file = result.uploaded_file;
    assert_eq!(file.status, Some(0), "UPLOADED until the import has run");
    assert_eq!(file.storage, Some(storage));
    assert_eq!(file.original_filename.as_deref(), Some("async-upload.png"));
    let fetched = UploadedFile::fetch(cm, file.id.unwrap()).await.unwrap();
    assert_eq!(fetched.size, Some(size as i64));
}

#[tokio::test]
async fn upload_with_sync_into_projects_gives_typed_images() {
    let env = start().await;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, _) = project_with_image(&env.cm, dir.path(), 120, 80).await;
    assert_eq!(image.project, project.id);
    assert_eq!(image.shape.width, Some(120));
    assert_eq!(image.shape.height, Some(80));
    assert!(image.base_image.is_some());
}

#[tokio::test]
async fn upload_errors_name_the_problem() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.png");
    let err = UploadedFile::upload(cm, &missing, 1, &UploadImageOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, cytomine::Error::Io { .. }), "{err}");

    let (path, _) = png_file(dir.path(), "comma.png", 8, 8);
    let options = UploadImageOptions {
        properties: vec![("a,b".into(), "c".into())],
        ..Default::default()
    };
    let err = UploadedFile::upload(cm, &path, 1, &options)
        .await
        .unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    assert!(err.to_string().contains("comma"), "{err}");
}

/// Without `sync` the server answers before importing (docs/protocol.md §4.5): the project has no
/// image yet, and `wait_until_deployed` returns once the file is deployed and its instance exists.
#[tokio::test]
async fn an_upload_without_sync_is_waited_for() {
    let env = start_custom(
        Emulator::builder().import_delay(Duration::from_millis(600)),
        |c| c,
    )
    .await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = png_file(dir.path(), "later.png", 32, 24);
    let mut project = Project::new(unique("later"));
    project.save(cm).await.unwrap();
    let project = project.id.unwrap();
    let storage = my_storage(cm).await.id.unwrap();
    let options = UploadImageOptions {
        projects: vec![project],
        ..Default::default()
    };
    let result = UploadedFile::upload(cm, &path, storage, &options)
        .await
        .unwrap();
    assert_eq!(result.uploaded_file.status, Some(0));
    let listed = ImageInstance::list()
        .project(project)
        .fetch(cm)
        .await
        .unwrap();
    assert!(
        listed.is_empty(),
        "listing right after the upload races the import"
    );

    let done = result
        .uploaded_file
        .wait_until_deployed(cm, Duration::from_secs(20))
        .await
        .unwrap();
    assert_eq!(done.uploaded_file.status, Some(100));
    assert_eq!(done.images.len(), 1);
    let image = &done.images[0];
    assert_eq!(image.abstract_image.shape.width, Some(32));
    assert_eq!(image.image_instances.len(), 1);
    assert_eq!(image.image_instances[0].project, Some(project));
    let listed = ImageInstance::list()
        .project(project)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}

/// The error of waiting `timeout` for the import of `file`; asserts it is an import error whose
/// last status is `status`.
async fn import_error(
    cm: &Cytomine,
    file: &UploadedFile,
    timeout: Duration,
    status: i64,
) -> cytomine::Error {
    let err = file.wait_until_deployed(cm, timeout).await.unwrap_err();
    let seen = match &err {
        cytomine::Error::Import { status, .. } => *status,
        _ => None,
    };
    assert_eq!(seen, Some(status), "{err}");
    err
}

#[tokio::test]
async fn waiting_for_an_import_ends_on_an_error_status_or_the_timeout() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let storage = my_storage(cm).await.id.unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let result = UploadedFile::upload(cm, &text, storage, &UploadImageOptions::default())
        .await
        .unwrap();
    import_error(cm, &result.uploaded_file, Duration::from_secs(20), 11).await;

    let slow = start_custom(
        Emulator::builder().import_delay(Duration::from_secs(30)),
        |c| c,
    )
    .await;
    let storage = my_storage(&slow.cm).await.id.unwrap();
    let (path, _) = png_file(dir.path(), "slow.png", 8, 8);
    let result = UploadedFile::upload(&slow.cm, &path, storage, &UploadImageOptions::default())
        .await
        .unwrap();
    let err = import_error(
        &slow.cm,
        &result.uploaded_file,
        Duration::from_millis(200),
        0,
    )
    .await;
    assert!(err.to_string().contains("not deployed after"), "{err}");
}

/// The upload URL defaults to `/ims/upload`, the route of current deployments
/// (`helm/charts/cytomine/templates/httproute.yaml:75-91` in cytomine/cytomine at 0165ef76);
/// a path or an absolute URL can be set instead.
#[tokio::test]
async fn the_upload_url_is_configurable() {
    let env = start().await;
    assert_eq!(env.cm.upload_url(), "/ims/upload");
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = png_file(dir.path(), "where.png", 8, 8);
    let admin = env.emu.admin();
    let connect = |url: String| {
        Cytomine::builder(env.emu.base_url())
            .credentials(admin.public_key.clone(), admin.private_key.clone())
            .upload_url(url)
            .connect()
    };
    let storage = my_storage(&env.cm).await.id.unwrap();
    let sync = UploadImageOptions {
        sync: true,
        ..Default::default()
    };
    let absolute = connect(format!("{}/upload", env.emu.base_url()))
        .await
        .unwrap();
    let uploaded = UploadedFile::upload(&absolute, &path, storage, &sync)
        .await
        .unwrap();
    assert_eq!(uploaded.images.len(), 1);
    let nowhere = connect("/nowhere".into()).await.unwrap();
    let err = UploadedFile::upload(&nowhere, &path, storage, &sync)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
    let err = connect("ftp://host/upload".into()).await.unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
}
