//! Track and AnnotationTrack models against the emulator.

mod common;

use common::*;
use cytomine::models::{Annotation, AnnotationTrack, Track};
use cytomine::prelude::*;

#[tokio::test]
async fn track_crud_and_lists() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, _) = project_with_image(cm, dir.path(), 64, 64).await;
    let image_id = image.id.unwrap();

    let mut track = Track::new("nucleus", image_id, "#FF0000");
    track.save(cm).await.unwrap();
    let id = track.id.unwrap();
    assert_eq!(
        track.project, project.id,
        "the project comes from the image"
    );
    let mut fetched = assert_round_trip::<Track>(cm, &format!("track/{id}.json"), id).await;
    fetched.color = Some("#00FF00".into());
    fetched.update(cm).await.unwrap();
    assert_eq!(
        Track::fetch(cm, id).await.unwrap().color.as_deref(),
        Some("#00FF00")
    );

    let mut duplicate = Track::new("nucleus", image_id, "#000000");
    assert_eq!(duplicate.save(cm).await.unwrap_err().status(), Some(409));

    for list in [
        Track::list()
            .imageinstance(image_id)
            .fetch(cm)
            .await
            .unwrap(),
        Track::list()
            .project(project.id.unwrap())
            .fetch(cm)
            .await
            .unwrap(),
    ] {
        assert_eq!(list.iter().filter_map(|t| t.id).collect::<Vec<_>>(), [id]);
    }
    assert!(
        Track::list().fetch(cm).await.is_err(),
        "a filter is required"
    );

    fetched.delete(cm).await.unwrap();
    assert_not_found(&Track::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn annotation_track_create_fetch_list_delete() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, _) = project_with_image(cm, dir.path(), 64, 64).await;
    let image_id = image.id.unwrap();
    let mut track = Track::new("cell", image_id, "#FF0000");
    track.save(cm).await.unwrap();
    let track_id = track.id.unwrap();
    let mut annotation = Annotation::new("POLYGON ((1 1, 1 9, 9 9, 9 1, 1 1))", image_id);
    annotation.save(cm).await.unwrap();
    let annotation_id = annotation.id.unwrap();

    let mut link = AnnotationTrack::new(annotation_id, track_id);
    link.save(cm).await.unwrap();
    assert!(link.id.is_some());
    assert_eq!(
        link.annotation_class_name.as_deref(),
        Some("be.cytomine.domain.ontology.UserAnnotation")
    );
    let fetched = AnnotationTrack::fetch(cm, (annotation_id, track_id))
        .await
        .unwrap();
    assert_eq!(fetched.id, link.id);

    let by_track = AnnotationTrack::list()
        .track(track_id)
        .fetch(cm)
        .await
        .unwrap();
    let by_annotation = AnnotationTrack::list()
        .annotation(annotation_id)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(by_track.len(), 1);
    assert_eq!(by_annotation.first().and_then(|l| l.track), Some(track_id));

    fetched.delete(cm).await.unwrap();
    assert_not_found(
        &AnnotationTrack::fetch(cm, (annotation_id, track_id))
            .await
            .unwrap_err(),
    );
}
