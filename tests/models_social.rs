//! Position, AnnotationAction, ProjectConnection and ImageConsultation: read-only models,
//! listed against the emulator after the viewer-side records are written raw.

mod common;

use common::*;
use cytomine::models::{
    Annotation, AnnotationAction, ImageConsultation, Position, ProjectConnection,
};
use cytomine::prelude::*;
use serde_json::{json, Value};

fn viewport(x: f64, y: f64) -> Value {
    json!({
        "topLeftX": x, "topLeftY": y + 10.0, "topRightX": x + 10.0, "topRightY": y + 10.0,
        "bottomRightX": x + 10.0, "bottomRightY": y, "bottomLeftX": x, "bottomLeftY": y,
        "zoom": 2, "rotation": 0, "broadcast": false
    })
}

#[tokio::test]
async fn positions_listed_per_image_and_slice_with_modifiers() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, _) = project_with_image(cm, dir.path(), 64, 64).await;
    let image_id = image.id.unwrap();
    let slice = image.reference_slice(cm).await.unwrap().id.unwrap();
    for x in [0.0, 20.0] {
        let _: Value = cm
            .post_json(
                &format!("imageinstance/{image_id}/position.json"),
                &viewport(x, 0.0),
            )
            .await
            .unwrap();
    }
    let me = cm.current_user().id.unwrap();
    // `showDetails=true` is sent by default: full positions, with their centroids.
    let all = Position::list()
        .imageinstance(image_id)
        .user(me)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .all(|p| p.image == Some(image_id) && p.user == Some(me)));
    assert!(
        all.iter().any(|p| p.x == Some(25.0)),
        "centroid of the second viewport"
    );
    let by_slice = Position::list()
        .sliceinstance(slice)
        .show_details(true)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(by_slice.len(), 2);
    let future = Position::list()
        .imageinstance(image_id)
        .after_than(i64::MAX / 2)
        .show_details(true)
        .fetch(cm)
        .await
        .unwrap();
    assert!(future.is_empty());
    let one = Position::fetch(cm, all[0].id.unwrap()).await.unwrap();
    assert_eq!(one.id, all[0].id);
}

#[tokio::test]
async fn annotation_actions_listed_per_image() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, _) = project_with_image(cm, dir.path(), 64, 64).await;
    let image_id = image.id.unwrap();
    let mut annotation = Annotation::new("POLYGON ((1 1, 1 9, 9 9, 9 1, 1 1))", image_id);
    annotation.save(cm).await.unwrap();
    let body = json!({"annotationIdent": annotation.id, "action": "select"});
    let _: Value = cm.post_json("annotation_action.json", &body).await.unwrap();

    let actions = AnnotationAction::list()
        .imageinstance(image_id)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].action.as_deref(), Some("select"));
    assert_eq!(actions[0].annotation_ident, annotation.id);
    let other_user = AnnotationAction::list()
        .imageinstance(image_id)
        .user(cm.current_user().id.unwrap() + 1000)
        .fetch(cm)
        .await
        .unwrap();
    assert!(other_user.is_empty());
}

#[tokio::test]
async fn project_connections_and_image_consultations() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, _) = project_with_image(cm, dir.path(), 64, 64).await;
    let (pid, image_id) = (project.id.unwrap(), image.id.unwrap());
    let me = cm.current_user().id.unwrap();
    let body = json!({"os": "Linux", "browser": "firefox", "browserVersion": "140"});
    let _: Value = cm
        .post_json(&format!("project/{pid}/userconnection.json"), &body)
        .await
        .unwrap();
    let _: Value = cm
        .post_json(
            &format!("imageinstance/{image_id}/consultation.json"),
            &json!({"mode": "view"}),
        )
        .await
        .unwrap();

    let connections = ProjectConnection::list()
        .project_user(pid, me)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0].browser.as_deref(), Some("firefox"));
    let visits = ImageConsultation::list()
        .project_user(pid, me)
        .distinct_images(true)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].image, Some(image_id));
}
