//! Tags and tag-domain associations.

use crate::support::*;
use serde_json::json;

const PROJECT: &str = "be.cytomine.domain.project.Project";

#[tokio::test]
async fn tag_crud_and_refusals() {
    let (_emu, admin, bob) = setup().await;
    let (status, created) = admin
        .post("/api/tag.json", &json!({"name": "urgent"}))
        .await;
    assert_eq!(status, 200, "{created}");
    let id = id_in(&created, "tag");
    assert_eq!(created["tag"]["creatorName"], "admin");
    let (status, empty) = admin.post("/api/tag.json", &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(empty["errors"], "name must be set! value=null");
    let (status, _) = admin
        .post("/api/tag.json", &json!({"name": "urgent"}))
        .await;
    assert_eq!(status, 409);
    let (status, _) = bob
        .put(
            &format!("/api/tag/{id}.json"),
            &json!({"id": id, "name": "mine"}),
        )
        .await;
    assert_eq!(status, 403, "only the creator or an admin edits a tag");
    let (status, edited) = admin
        .put(
            &format!("/api/tag/{id}.json"),
            &json!({"id": id, "name": "later"}),
        )
        .await;
    assert_eq!(
        (status, edited["tag"]["name"].as_str()),
        (200, Some("later"))
    );
    let (_, list) = bob.get("/api/tag.json").await;
    assert_eq!(items(&list).len(), 1);
    let (status, _) = admin.delete(&format!("/api/tag/{id}.json")).await;
    assert_eq!(status, 200);
    let (status, _) = admin.get(&format!("/api/tag/{id}.json")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn associations_on_domain_objects() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "tagged").await;
    let (_, tag) = admin.post("/api/tag.json", &json!({"name": "t1"})).await;
    let tag = id_in(&tag, "tag");
    let base = format!(
        "/api/domain/{PROJECT}/{}/tag_domain_association.json",
        w.project
    );
    let (status, created) = admin
        .post(
            &base,
            &json!({"domainClassName": PROJECT, "domainIdent": w.project, "tag": tag}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let link = &created["tagdomainassociation"];
    assert_eq!(
        (link["tag"].as_i64(), link["tagName"].as_str()),
        (Some(tag), Some("t1"))
    );
    assert_eq!(link["domainIdent"], w.project);
    let id = link["id"].as_i64().unwrap();
    let (status, _) = admin.post(&base, &json!({"tag": tag})).await;
    assert_eq!(status, 409, "the same tag twice on one object");
    let (status, _) = bob.post(&base, &json!({"tag": tag})).await;
    assert_eq!(status, 403);

    let (status, one) = admin
        .get(&format!("/api/tag_domain_association/{id}.json"))
        .await;
    assert_eq!((status, one["tag"].as_i64()), (200, Some(tag)));
    let (_, listed) = admin.get(&base).await;
    assert_eq!(items(&listed).len(), 1);
    let (_, all) = bob.get("/api/tag_domain_association.json").await;
    assert_eq!(items(&all).len(), 0, "bob cannot read the project");

    let (status, _) = admin.delete(&format!("/api/tag/{tag}.json")).await;
    assert_eq!(status, 200);
    let (status, _) = admin
        .get(&format!("/api/tag_domain_association/{id}.json"))
        .await;
    assert_eq!(status, 404, "deleting a tag deletes its associations");
}
