//! Routes the official client's test suite calls beyond the domain files: slices of an uploaded
//! file, the list of every readable term.

use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn abstract_slices_of_an_uploaded_file() {
    let (_emu, admin, bob) = setup().await;
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = items(&storages)[0]["id"].as_i64().unwrap();
    let (status, uf) = admin
        .post(
            "/api/uploadedfile.json",
            &json!({"originalFilename": "o", "filename": "f", "size": 1, "ext": "tiff",
                    "contentType": "tiff/ddd", "storage": storage, "user": admin.keys.id}),
        )
        .await;
    assert_eq!(status, 200, "{uf}");
    let uf = id_in(&uf, "uploadedfile");
    let (_, ai) = admin
        .post(
            "/api/abstractimage.json",
            &json!({"originalFilename": "x", "uploadedFile": uf, "width": 50, "height": 50}),
        )
        .await;
    let ai = id_in(&ai, "abstractimage");
    let (_, explicit) = admin
        .post(
            "/api/abstractslice.json",
            &json!({"image": ai, "uploadedFile": uf, "channel": 1, "zStack": 0, "time": 0}),
        )
        .await;
    let explicit = id_in(&explicit, "abstractslice");
    let (status, list) = admin
        .get(&format!("/api/uploadedfile/{uf}/abstractslice.json"))
        .await;
    assert_eq!(status, 200);
    let ids: Vec<i64> = items(&list)
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&explicit), "{list}");
    assert!(items(&list).iter().all(|s| s["uploadedFile"] == uf));
    assert_eq!(
        admin
            .get("/api/uploadedfile/999999/abstractslice.json")
            .await
            .0,
        404
    );
    assert_eq!(
        bob.get(&format!("/api/uploadedfile/{uf}/abstractslice.json"))
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn every_readable_term() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "terms").await;
    let (_, all) = admin.get("/api/term.json?max=0&offset=0").await;
    assert!(items(&all).iter().any(|t| t["id"] == w.term));
    let (_, none) = bob.get("/api/term.json").await;
    assert_eq!(items(&none).len(), 0, "bob reads no ontology");
}
