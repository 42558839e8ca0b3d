//! Descriptions: one per domain object, CRUD on the domain path, `_` in class names.

use crate::support::*;
use serde_json::json;

const PROJECT: &str = "be.cytomine.domain.project.Project";

#[tokio::test]
async fn one_description_per_object() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "described").await;
    let path = format!("/api/domain/{PROJECT}/{}/description.json", w.project);
    let (status, _) = admin.get(&path).await;
    assert_eq!(status, 404, "no description yet");
    let (status, created) = admin
        .post(
            &path,
            &json!({"domainClassName": PROJECT, "domainIdent": w.project, "data": "<p>hi</p>"}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let id = id_in(&created, "description");
    assert_eq!(created["description"]["data"], "<p>hi</p>");
    let (status, dup) = admin.post(&path, &json!({"data": "again"})).await;
    assert_eq!(status, 409);
    assert_eq!(dup["success"], false);

    let underscored = format!(
        "/api/domain/be_cytomine_domain_project_Project/{}/description.json",
        w.project
    );
    let (status, fetched) = admin.get(&underscored).await;
    assert_eq!((status, fetched["id"].as_i64()), (200, Some(id)));
    let (status, _) = bob.get(&path).await;
    assert_eq!(status, 403);

    let (status, edited) = admin.put(&path, &json!({"data": "<p>new</p>"})).await;
    assert_eq!(
        status, 200,
        "the id is found from the path when the body has none"
    );
    assert_eq!(edited["description"]["data"], "<p>new</p>");
    assert_eq!(edited["description"]["domainIdent"], w.project);

    let (status, deleted) = admin.delete(&path).await;
    assert_eq!(
        (status, deleted["description"]["id"].as_i64()),
        (200, Some(id))
    );
    let (status, _) = admin.get(&path).await;
    assert_eq!(status, 404);
    let (status, missing) = admin
        .post(
            "/api/description.json",
            &json!({"domainClassName": PROJECT, "domainIdent": w.project}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(missing["errors"], "data must be set! value=null");
}
