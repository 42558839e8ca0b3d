//! Annotation dumps (crop, mask, alpha mask; destination patterns; concurrent dumps with a
//! per-item report), annotation review, and slice thumbnails and windows, against the emulator.

mod common;

use common::*;
use cytomine::models::{dump_crops, Annotation, DumpKind, DumpOptions, DumpPattern, ImageInstance};
use cytomine::prelude::*;
use serde_json::Value;

/// A 200 x 200 image in a project whose ontology has two terms, and two annotations, the
/// first labelled with both terms.
struct Scene {
    env: Env,
    image: ImageInstance,
    terms: [i64; 2],
    annotations: [Annotation; 2],
    dir: tempfile::TempDir,
}

async fn scene() -> Scene {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_project, image, terms) = project_with_terms_and_image(cm, dir.path(), 200, 200).await;
    let image_id = image.id.unwrap();
    let mut first = Annotation::new("POLYGON ((10 10, 10 90, 90 90, 90 10, 10 10))", image_id)
        .with_terms(terms);
    first.save(cm).await.unwrap();
    let mut second = Annotation::new(
        "POLYGON ((100 100, 100 140, 180 140, 180 100, 100 100))",
        image_id,
    );
    second.save(cm).await.unwrap();
    let annotations = [
        Annotation::fetch(cm, first.id.unwrap()).await.unwrap(),
        Annotation::fetch(cm, second.id.unwrap()).await.unwrap(),
    ];
    Scene {
        env,
        image,
        terms,
        annotations,
        dir,
    }
}

fn decoded(path: &std::path::Path) -> image::DynamicImage {
    image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn crop_dump_follows_the_pattern_one_file_per_term() {
    let s = scene().await;
    let cm = &s.env.cm;
    let a = &s.annotations[0];
    let pattern = format!("{}/{{image}}/{{id}}-{{term}}.png", s.dir.path().display());
    let options = DumpOptions {
        max_size: Some(40),
        ..Default::default()
    };
    let paths = a.dump(cm, pattern.as_str(), &options).await.unwrap();
    let id = a.id.unwrap();
    let image = s.image.id.unwrap();
    let expected: Vec<_> = s
        .terms
        .iter()
        .map(|t| s.dir.path().join(format!("{image}/{id}-{t}.png")))
        .collect();
    assert_eq!(paths, expected);
    let first = std::fs::read(&paths[0]).unwrap();
    assert_eq!(
        first,
        std::fs::read(&paths[1]).unwrap(),
        "copies are identical"
    );
    let crop = decoded(&paths[0]);
    assert!(
        crop.width() <= 40 && crop.height() <= 40,
        "maxSize honoured"
    );
    assert_eq!(
        image::guess_format(&first).unwrap(),
        image::ImageFormat::Png
    );
}

#[tokio::test]
async fn mask_and_alpha_mask_dumps() {
    let s = scene().await;
    let cm = &s.env.cm;
    let a = &s.annotations[1];
    let mask_path = s.dir.path().join("mask.jpg");
    let mask = DumpOptions {
        kind: DumpKind::Mask,
        ..Default::default()
    };
    a.dump(cm, mask_path.to_str().unwrap(), &mask)
        .await
        .unwrap();
    let bytes = std::fs::read(&mask_path).unwrap();
    assert_eq!(
        image::guess_format(&bytes).unwrap(),
        image::ImageFormat::Jpeg
    );

    let alpha = DumpOptions {
        kind: DumpKind::AlphaMask,
        ..Default::default()
    };
    let alpha_path = s.dir.path().join("alpha.png");
    a.dump(cm, alpha_path.to_str().unwrap(), &alpha)
        .await
        .unwrap();
    assert!(
        decoded(&alpha_path).color().has_alpha(),
        "an alpha mask is transparent outside"
    );

    let jpg = s.dir.path().join("alpha.jpg");
    let err = a.dump(cm, jpg.to_str().unwrap(), &alpha).await.unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    assert!(!jpg.exists());
}

#[tokio::test]
async fn dumps_refuse_what_cannot_be_fetched_safely() {
    let s = scene().await;
    let cm = &s.env.cm;
    let dest = s.dir.path().join("x.png");
    let pattern = dest.to_str().unwrap();
    let local = Annotation::new("POINT (1 1)", 1);
    let mut foreign = s.annotations[0].clone();
    foreign.crop_url = Some("http://cytomine.example/api/userannotation/1/crop.png".into());
    for a in [&local, &foreign] {
        let err = a
            .dump(cm, pattern, &DumpOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    }
    let err = s.annotations[0]
        .dump(
            cm,
            pattern.replace(".png", ".bmp").as_str(),
            &DumpOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("png, jpg, webp"), "{err}");
    assert!(!dest.exists());
}

#[tokio::test]
async fn dump_crops_reports_every_annotation_in_order() {
    let s = scene().await;
    let cm = &s.env.cm;
    let mut gone = s.annotations[1].clone();
    gone.delete(cm).await.unwrap();
    gone.crop_url = s.annotations[1].crop_url.clone();
    let items = vec![gone, s.annotations[0].clone()];
    let pattern = DumpPattern::new(format!("{}/crops/{{id}}.jpg", s.dir.path().display()));
    let report = dump_crops(cm, &items, &pattern, &DumpOptions::default(), 2).await;
    let order: Vec<Option<i64>> = report.outcomes.iter().map(|o| o.annotation).collect();
    assert_eq!(order, items.iter().map(|a| a.id).collect::<Vec<_>>());
    assert!(!report.is_complete());
    let dumped: Vec<Option<i64>> = report.dumped().map(|(id, _)| id).collect();
    assert_eq!(dumped, [s.annotations[0].id]);
    let failed: Vec<(Option<i64>, Option<u16>)> =
        report.failed().map(|(id, e)| (id, e.status())).collect();
    assert_eq!(failed, [(s.annotations[1].id, Some(404))]);
    let (_, paths) = report.dumped().next().unwrap();
    assert!(paths[0].exists());
}

/// The Python client's listing always asks for `showBasic` and `showMeta` (and so gets the
/// crop URLs); ours asks for what the caller asks. A listing without the `meta` columns still
/// dumps: each annotation without its `cropURL` is fetched first.
#[tokio::test]
async fn dump_crops_work_from_a_listing_without_crop_urls() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let listed = Annotation::list()
        .image(image)
        .show_wkt(true)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|a| a.crop_url.is_none()), "wkt only");
    let pattern = DumpPattern::new(format!("{}/wkt/{{id}}.png", s.dir.path().display()));
    let report = dump_crops(cm, &listed, &pattern, &DumpOptions::default(), 2).await;
    assert!(
        report.is_complete(),
        "{:?}",
        report.failed().collect::<Vec<_>>()
    );
    for (_, paths) in report.dumped() {
        assert!(decoded(&paths[0]).width() > 0);
    }
    let mut missing = s.annotations[0].clone();
    missing.crop_url = None;
    missing.delete(cm).await.unwrap();
    let err = missing
        .dump(cm, pattern.as_str(), &DumpOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "fetched, and gone: {err}");
}

/// Crops and masks without a file: the bytes, and the decoded image (feature `image`), from
/// an annotation whose listing gave no `cropURL` too.
#[tokio::test]
async fn annotation_renderings_as_bytes_and_decoded_images() {
    use cytomine::models::RenderFormat;
    let s = scene().await;
    let cm = &s.env.cm;
    let a = &s.annotations[0];
    let options = DumpOptions {
        max_size: Some(40),
        ..Default::default()
    };
    let png = a.dump_bytes(cm, RenderFormat::Png, &options).await.unwrap();
    let from_file = s.dir.path().join("crop.png");
    a.dump(cm, from_file.to_str().unwrap(), &options)
        .await
        .unwrap();
    assert_eq!(
        png,
        std::fs::read(&from_file).unwrap(),
        "the same rendering"
    );
    let crop = a.dump_image(cm, &options).await.unwrap();
    assert_eq!(crop.width().max(crop.height()), 40);
    let mut unlisted = a.clone();
    unlisted.crop_url = None;
    let mask = DumpOptions {
        kind: DumpKind::Mask,
        ..options.clone()
    };
    let decoded = unlisted.dump_image(cm, &mask).await.unwrap();
    assert_eq!(decoded.width().max(decoded.height()), 40);
    let alpha = DumpOptions {
        kind: DumpKind::AlphaMask,
        ..options
    };
    let err = a
        .dump_bytes(cm, RenderFormat::Jpg, &alpha)
        .await
        .unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    let rgba = a.dump_image(cm, &alpha).await.unwrap();
    assert!(rgba.color().has_alpha());
}

#[tokio::test]
async fn review_and_unreview() {
    let s = scene().await;
    let cm = &s.env.cm;
    let a = &s.annotations[1];
    let err = a.review(cm, [s.terms[0]]).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(400),
        "the image is not in review mode: {err}"
    );

    let image = s.image.id.unwrap();
    let _: Value = cm
        .post_json(&format!("imageinstance/{image}/review.json"), &Value::Null)
        .await
        .unwrap();
    let reviewed = a.review(cm, [s.terms[0]]).await.unwrap();
    assert!(reviewed.id.is_some());
    assert_ne!(reviewed.id, a.id, "the reviewed copy is a new object");
    assert_eq!(reviewed.term.as_deref(), Some(&[s.terms[0]][..]));
    assert_eq!(
        Annotation::fetch(cm, a.id.unwrap()).await.unwrap().reviewed,
        Some(true)
    );

    a.unreview(cm).await.unwrap();
    assert_eq!(
        Annotation::fetch(cm, a.id.unwrap()).await.unwrap().reviewed,
        Some(false)
    );
    assert!(a.unreview(cm).await.is_err(), "nothing left to reject");
}

#[tokio::test]
async fn slice_thumbnail_and_window() {
    let s = scene().await;
    let cm = &s.env.cm;
    let slice = s.image.reference_slice(cm).await.unwrap();
    let thumb = s.dir.path().join("slice/thumb.png");
    slice.dump(cm, &thumb, 50).await.unwrap();
    let t = decoded(&thumb);
    assert_eq!(t.width().max(t.height()), 50);
    let window = s.dir.path().join("slice/window.png");
    slice.window(cm, 10, 20, 30, 40, &window).await.unwrap();
    let w = decoded(&window);
    assert_eq!((w.width(), w.height()), (30, 40));
    let bad = s.dir.path().join("slice/window.gif");
    assert!(slice.window(cm, 0, 0, 1, 1, &bad).await.is_err());
}
