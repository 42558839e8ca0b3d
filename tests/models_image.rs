//! Image models against the emulator: abstract images and slices, image instances and slices,
//! and the image actions (download, thumbnail, window, reference slice).

mod common;

use common::*;
use cytomine::models::{
    AbstractImage, AbstractSlice, ImageInstance, ImageServer, Project, SliceInstance,
};
use cytomine::prelude::*;

fn decoded_size(path: &std::path::Path) -> (u32, u32) {
    let img = image::open(path).expect("a decodable image");
    (img.width(), img.height())
}

#[tokio::test]
async fn abstract_image_fetch_list_update_download() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, instance, bytes) = project_with_image(cm, dir.path(), 200, 100).await;
    let id = instance.base_image.unwrap();

    let mut image =
        assert_round_trip::<AbstractImage>(cm, &format!("abstractimage/{id}.json"), id).await;
    assert_eq!(
        image.class_name.as_deref(),
        Some("be.cytomine.domain.image.AbstractImage")
    );
    assert_eq!(
        (image.shape.width, image.shape.height),
        (Some(200), Some(100))
    );

    let in_project = AbstractImage::list()
        .project(project.id.unwrap())
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(
        in_project.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![Some(id)]
    );

    image.shape.magnification = Some(40);
    image.update(cm).await.unwrap();
    let again = AbstractImage::fetch(cm, id).await.unwrap();
    assert_eq!(again.shape.magnification, Some(40));

    let dest = dir.path().join("original.png");
    let written = image.download(cm, &dest).await.unwrap();
    assert_eq!(written, bytes.len() as u64);
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);

    let err = image.delete(cm).await.unwrap_err();
    assert_eq!(err.status(), Some(403), "an image used in a project: {err}");
}

#[tokio::test]
async fn abstract_image_create_and_delete() {
    let env = start().await;
    let cm = &env.cm;
    let mut image = AbstractImage::new("virtual.tiff", 0);
    image.uploaded_file = None;
    image.shape.width = Some(10);
    image.shape.height = Some(10);
    image.save(cm).await.unwrap();
    let id = image.id.unwrap();
    assert_eq!(image.original_filename.as_deref(), Some("virtual.tiff"));
    AbstractImage::delete_by_id(cm, id).await.unwrap();
    assert_not_found(&AbstractImage::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn abstract_slices_of_an_image() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, instance, _) = project_with_image(cm, dir.path(), 50, 40).await;
    let image_id = instance.base_image.unwrap();
    let slices = AbstractSlice::list()
        .abstractimage(image_id)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(slices.len(), 1);
    let id = slices[0].id.unwrap();
    let slice =
        assert_round_trip::<AbstractSlice>(cm, &format!("abstractslice/{id}.json"), id).await;
    assert_eq!(slice.image, Some(image_id));
    assert_eq!(slice.position.channel, Some(0));

    let err = AbstractSlice::list().fetch(cm).await.unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    assert!(
        err.to_string().contains("abstractimage, uploadedfile"),
        "{err}"
    );
}

#[tokio::test]
async fn abstract_slices_of_an_uploaded_file() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, instance, _) = project_with_image(cm, dir.path(), 50, 40).await;
    let image = AbstractImage::fetch(cm, instance.base_image.unwrap())
        .await
        .unwrap();
    let slices = AbstractSlice::list()
        .uploadedfile(image.uploaded_file.unwrap())
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(slices.len(), 1);
}

#[tokio::test]
async fn image_instance_crud_and_project_filter() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, instance, _) = project_with_image(cm, dir.path(), 64, 64).await;
    let id = instance.id.unwrap();
    let mut fetched =
        assert_round_trip::<ImageInstance>(cm, &format!("imageinstance/{id}.json"), id).await;
    assert_eq!(
        fetched.class_name.as_deref(),
        Some("be.cytomine.domain.image.ImageInstance")
    );

    let listed = ImageInstance::list()
        .project(project.id.unwrap())
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![Some(id)]
    );

    fetched.instance_filename = Some("renamed.png".into());
    fetched.update(cm).await.unwrap();
    let again = ImageInstance::fetch(cm, id).await.unwrap();
    assert_eq!(again.instance_filename.as_deref(), Some("renamed.png"));

    let mut other = Project::new(unique("second"));
    other.save(cm).await.unwrap();
    let mut copy = ImageInstance::new(instance.base_image.unwrap(), other.id.unwrap());
    copy.save(cm).await.unwrap();
    let copy_id = copy.id.unwrap();
    assert_eq!(copy.project, other.id);
    copy.delete(cm).await.unwrap();
    assert_not_found(&ImageInstance::fetch(cm, copy_id).await.unwrap_err());

    let err = ImageInstance::list().fetch(cm).await.unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    let by_group = ImageInstance::list().imagegroup(5);
    assert_eq!(
        by_group.as_query().path().unwrap(),
        "imagegroup/5/imageinstance.json"
    );
}

#[tokio::test]
async fn slice_instances_and_reference_slice() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, instance, _) = project_with_image(cm, dir.path(), 64, 32).await;
    let id = instance.id.unwrap();
    let slices = SliceInstance::list()
        .imageinstance(id)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(slices.len(), 1);
    let slice_id = slices[0].id.unwrap();
    let slice =
        assert_round_trip::<SliceInstance>(cm, &format!("sliceinstance/{slice_id}.json"), slice_id)
            .await;
    assert_eq!(slice.image, Some(id));
    assert!(slice.base_slice.is_some());

    let reference = instance.reference_slice(cm).await.unwrap();
    assert_eq!(reference.id, Some(slice_id));
    let err = ImageInstance::default()
        .reference_slice(cm)
        .await
        .unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
}

#[tokio::test]
async fn image_instance_download_dump_and_window() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, bytes) = project_with_image(cm, dir.path(), 300, 150).await;

    let original = dir.path().join("nested/dir/original.png");
    let written = image.download(cm, &original).await.unwrap();
    assert_eq!(written, bytes.len() as u64);
    assert_eq!(std::fs::read(&original).unwrap(), bytes);

    let png = dir.path().join("thumb.png");
    image.dump(cm, &png, 64).await.unwrap();
    assert_eq!(decoded_size(&png), (64, 32));
    let jpg = dir.path().join("thumb.jpg");
    image.dump(cm, &jpg, 100).await.unwrap();
    assert!(std::fs::read(&jpg).unwrap().starts_with(&[0xFF, 0xD8]));
    assert_eq!(decoded_size(&jpg), (100, 50));

    let window = dir.path().join("window.png");
    image.window(cm, 10, 20, 40, 30, &window).await.unwrap();
    assert_eq!(decoded_size(&window), (40, 30));

    let bmp = dir.path().join("thumb.bmp");
    let err = image.dump(cm, &bmp, 64).await.unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    assert!(err.to_string().contains("png, jpg, webp"), "{err}");
    assert!(!bmp.exists());

    let missing = ImageInstance {
        id: Some(999_999),
        ..Default::default()
    };
    let dest = dir.path().join("missing.png");
    let err = missing.download(cm, &dest).await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
    assert!(!dest.exists(), "nothing left under the final name");
}

/// The same views without a file: the bytes, the decoded image (feature `image`), and the
/// original as a stream of chunks.
#[tokio::test]
async fn image_views_as_bytes_decoded_images_and_streams() {
    use cytomine::models::RenderFormat;
    use futures::TryStreamExt;
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, bytes) = project_with_image(cm, dir.path(), 300, 150).await;

    assert_eq!(image.download_bytes(cm).await.unwrap(), bytes);
    let chunks: Vec<bytes::Bytes> = image
        .download_stream(cm)
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(chunks.concat(), bytes);
    let base = AbstractImage::fetch(cm, image.base_image.unwrap())
        .await
        .unwrap();
    assert_eq!(base.download_bytes(cm).await.unwrap(), bytes);

    let jpg = image.dump_bytes(cm, RenderFormat::Jpg, 100).await.unwrap();
    assert!(jpg.starts_with(&[0xFF, 0xD8]));
    let thumb = image::load_from_memory(&jpg).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (100, 50));
    let err = image
        .dump_bytes(cm, RenderFormat::Tiff, 64)
        .await
        .unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    let tif = image
        .window_bytes(cm, 10, 20, 40, 30, RenderFormat::Tiff)
        .await
        .unwrap();
    let window = image::load_from_memory(&tif).unwrap();
    assert_eq!((window.width(), window.height()), (40, 30));

    let decoded = image.dump_image(cm, 64).await.unwrap();
    assert_eq!((decoded.width(), decoded.height()), (64, 32));
    let region = image.window_image(cm, 0, 0, 300, 150).await.unwrap();
    let original = image::load_from_memory(&bytes).unwrap();
    assert_eq!(
        region.to_rgb8(),
        original.to_rgb8(),
        "the whole image, lossless"
    );
    let slice = image.reference_slice(cm).await.unwrap();
    let corner = slice.window_image(cm, 0, 0, 8, 8).await.unwrap();
    assert_eq!((corner.width(), corner.height()), (8, 8));

    let missing = ImageInstance {
        id: Some(999_999),
        ..Default::default()
    };
    let err = missing.download_stream(cm).await.err().unwrap();
    assert_eq!(err.status(), Some(404), "{err}");
    assert_eq!(
        missing.download_bytes(cm).await.unwrap_err().status(),
        Some(404)
    );
}

#[test]
fn image_server_is_read_only() {
    let ops = ImageServer::OPERATIONS;
    assert!(ops.fetch);
    assert!(!ops.create && !ops.update && !ops.delete);
    assert_eq!(ImageServer::LIST_PATH, "imageserver.json");
}
