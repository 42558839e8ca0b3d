//! Social data: positions, annotation actions, project connections, image consultations.

use crate::support::*;
use serde_json::json;

fn viewport(x: f64) -> serde_json::Value {
    json!({"topLeftX": x, "topLeftY": 100, "topRightX": x + 100.0, "topRightY": 100,
           "bottomRightX": x + 100.0, "bottomRightY": 0, "bottomLeftX": x, "bottomLeftY": 0,
           "zoom": 2, "rotation": 0, "broadcast": false})
}

#[tokio::test]
async fn positions() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "positions").await;
    let (_, empty) = admin
        .get(&format!(
            "/api/imageinstance/{}/positions.json?max=0&offset=0&showDetails=True",
            w.image
        ))
        .await;
    assert_eq!(items(&empty).len(), 0);
    let (status, pos) = admin
        .post(
            &format!("/api/imageinstance/{}/position.json", w.image),
            &viewport(0.0),
        )
        .await;
    assert_eq!(status, 200, "{pos}");
    assert_eq!(
        pos["class"],
        "be.cytomine.domain.social.PersistentUserPosition"
    );
    assert_eq!(
        pos["location"],
        "POLYGON ((0 100, 100 100, 100 0, 0 0, 0 100))"
    );
    assert_eq!(
        (pos["x"].as_f64(), pos["y"].as_f64()),
        (Some(50.0), Some(50.0))
    );
    assert_eq!(pos["user"], admin.keys.id);
    let id = pos["id"].as_i64().unwrap();
    admin
        .post(
            &format!("/api/imageinstance/{}/position.json", w.image),
            &viewport(0.0),
        )
        .await;
    admin
        .post(
            &format!("/api/imageinstance/{}/position.json", w.image),
            &viewport(500.0),
        )
        .await;
    let base = format!("/api/imageinstance/{}/positions.json", w.image);
    let (_, details) = admin.get(&format!("{base}?showDetails=True")).await;
    assert_eq!(items(&details).len(), 3);
    let (_, summary) = admin.get(&format!("{base}?showDetails=false")).await;
    let mut freq: Vec<i64> = items(&summary)
        .iter()
        .map(|s| s["frequency"].as_i64().unwrap())
        .collect();
    freq.sort_unstable();
    assert_eq!(freq, [1, 2]);
    let (_, other_user) = admin
        .get(&format!("{base}?showDetails=true&user={}", bob.keys.id))
        .await;
    assert_eq!(items(&other_user).len(), 0);
    let (_, after) = admin
        .get(&format!(
            "{base}?showDetails=true&afterThan={}",
            i64::MAX - 1
        ))
        .await;
    assert_eq!(items(&after).len(), 0);
    let (status, one) = admin.get(&format!("/api/position/{id}.json")).await;
    assert_eq!((status, one["id"].as_i64()), (200, Some(id)));
    let (_, last) = admin
        .get(&format!(
            "/api/imageinstance/{}/position/{}.json",
            w.image, admin.keys.id
        ))
        .await;
    assert_eq!(last["x"], 550.0);
    let (_, none) = admin
        .get(&format!(
            "/api/imageinstance/{}/position/{}.json",
            w.image, bob.keys.id
        ))
        .await;
    assert_eq!(none, json!({}));
    let (_, online) = admin
        .get(&format!("/api/imageinstance/{}/online.json", w.image))
        .await;
    assert_eq!(online, json!({"users": [admin.keys.id]}));
    assert_eq!(bob.get(&base).await.0, 403);
    let (status, bad) = admin
        .post(
            &format!("/api/imageinstance/{}/position.json", w.image),
            &json!({"zoom": 1}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(bad["errors"]["message"], "topLeftX must be set! value=null");
}

#[tokio::test]
async fn annotation_actions() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "actions").await;
    let (status, action) = admin
        .post(
            "/api/annotation_action.json",
            &json!({"annotationIdent": w.annotation, "action": "select"}),
        )
        .await;
    assert_eq!(status, 200, "{action}");
    assert_eq!(
        action["annotationClassName"],
        "be.cytomine.domain.ontology.UserAnnotation"
    );
    assert_eq!(
        (action["image"].as_i64(), action["project"].as_i64()),
        (Some(w.image), Some(w.project))
    );
    assert_eq!(action["annotationCreator"], admin.keys.id);
    let id = action["id"].as_i64().unwrap();
    let (_, list) = admin
        .get(&format!(
            "/api/imageinstance/{}/annotation_action.json",
            w.image
        ))
        .await;
    assert_eq!(items(&list).len(), 1);
    let slice = action["slice"].as_i64().unwrap();
    let (_, by_slice) = admin
        .get(&format!(
            "/api/sliceinstance/{slice}/annotation_action.json"
        ))
        .await;
    assert_eq!(items(&by_slice).len(), 1);
    let (status, one) = admin
        .get(&format!("/api/annotation_action/{id}.json"))
        .await;
    assert_eq!((status, one["action"].as_str()), (200, Some("select")));
    let (status, _) = admin
        .post(
            "/api/annotation_action.json",
            &json!({"annotationIdent": 999999, "action": "x"}),
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn connections_and_consultations() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "activity").await;
    let (status, conn) = admin
        .post(
            &format!("/api/project/{}/userconnection.json", w.project),
            &json!({"os": "Linux", "browser": "firefox", "browserVersion": "140"}),
        )
        .await;
    assert_eq!(status, 200, "{conn}");
    assert_eq!(
        conn["class"],
        "be.cytomine.domain.social.PersistentProjectConnection"
    );
    assert_eq!(conn["browser"], "firefox");
    let (status, seen) = admin
        .post(
            &format!("/api/imageinstance/{}/consultation.json", w.image),
            &json!({"mode": "view"}),
        )
        .await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["projectConnection"], conn["id"]);
    assert_eq!(seen["imageName"], "activity.tif");
    admin
        .post(
            &format!("/api/imageinstance/{}/consultation.json", w.image),
            &json!({"mode": "review"}),
        )
        .await;
    let u = admin.keys.id;
    let (_, conns) = admin
        .get(&format!(
            "/api/project/{}/userconnection/{u}.json?max=0&offset=0&project={}&user={u}",
            w.project, w.project
        ))
        .await;
    assert_eq!(items(&conns).len(), 1);
    assert_eq!(items(&conns)[0]["countViewedImages"], 1);
    let base = format!("/api/project/{}/user/{u}/imageconsultation.json", w.project);
    let (_, all) = admin.get(&base).await;
    assert_eq!(items(&all).len(), 2);
    assert_eq!(items(&all)[0]["mode"], "review", "newest first");
    let (_, distinct) = admin.get(&format!("{base}?distinctImages=true")).await;
    assert_eq!(items(&distinct).len(), 1);
    let (_, count) = admin
        .get(&format!(
            "/api/project/{}/imageconsultation/count.json",
            w.project
        ))
        .await;
    assert_eq!(count, json!({"total": 2}));
}
