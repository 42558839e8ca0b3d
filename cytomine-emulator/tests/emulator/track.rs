//! Tracks and annotation tracks, including the Python client's composite create path.

use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn tracks_and_annotation_tracks() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "tracks").await;
    let (status, created) = admin
        .post(
            "/api/track.json",
            &json!({"name": "cell 1", "image": w.image, "color": "#000000"}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let track = id_in(&created, "track");
    assert_eq!(created["track"]["project"], w.project);
    let (status, _) = admin
        .post(
            "/api/track.json",
            &json!({"name": "cell 1", "image": w.image}),
        )
        .await;
    assert_eq!(status, 409);
    let (status, missing) = admin
        .post("/api/track.json", &json!({"name": "x", "image": 999999}))
        .await;
    assert_eq!(status, 404);
    assert_eq!(missing["errors"], "ImageInstance 999999 not found");
    let (status, _) = bob.get(&format!("/api/track/{track}.json")).await;
    assert_eq!(status, 403);
    for list in [
        format!("/api/project/{}/track.json", w.project),
        format!("/api/imageinstance/{}/track.json", w.image),
    ] {
        let (_, l) = admin.get(&list).await;
        assert_eq!(items(&l).len(), 1, "{list}");
    }

    let pair = format!("/api/annotationtrack/{}/{track}.json", w.annotation);
    let (status, placed) = admin
        .post(
            &pair,
            &json!({"annotationClassName": "be.cytomine.domain.ontology.UserAnnotation"}),
        )
        .await;
    assert_eq!(status, 200, "{placed}");
    let at = &placed["annotationtrack"];
    assert_eq!(
        (at["annotationIdent"].as_i64(), at["track"].as_i64()),
        (Some(w.annotation), Some(track))
    );
    assert!(at["slice"].is_i64());
    let (status, _) = admin
        .post(
            "/api/annotationtrack.json",
            &json!({"annotationIdent": w.annotation, "track": track}),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(admin.get(&pair).await.0, 200);
    let (_, of_track) = admin
        .get(&format!("/api/track/{track}/annotationtrack.json"))
        .await;
    assert_eq!(items(&of_track).len(), 1);
    let (_, listing) = admin
        .get(&format!(
            "/api/annotation.json?image={}&showTrack=true",
            w.image
        ))
        .await;
    assert_eq!(items(&listing)[0]["track"], json!([track]));

    let (status, _) = admin.delete(&pair).await;
    assert_eq!(status, 200);
    let (status, missing) = admin.get(&pair).await;
    assert_eq!(status, 404);
    assert!(missing["errors"]["message"]
        .as_str()
        .unwrap()
        .contains("AnnotationTrack not found"));

    let (status, on_create) = admin
        .post(
            "/api/annotation.json",
            &json!({"location": "POINT (5 5)", "image": w.image, "track": [track]}),
        )
        .await;
    assert_eq!(status, 200, "{on_create}");
    assert_eq!(on_create["annotation"]["track"], json!([track]));
    let (_, of_track) = admin
        .get(&format!("/api/track/{track}/annotationtrack.json"))
        .await;
    assert_eq!(items(&of_track).len(), 1);
    let (status, _) = admin.delete(&format!("/api/track/{track}.json")).await;
    assert_eq!(status, 200);
    let (_, l) = admin
        .get(&format!("/api/imageinstance/{}/track.json", w.image))
        .await;
    assert_eq!(items(&l).len(), 0);
}
