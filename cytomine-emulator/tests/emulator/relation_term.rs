//! Relation terms: create on `relation/parent/term.json`, fetch and delete by pair, lists, and
//! the child's `parent` field following the relation.

use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn parent_relation_lifecycle() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "relations").await;
    let (_, child) = admin
        .post(
            "/api/term.json",
            &json!({"name": "child", "color": "#00FF00", "ontology": w.ontology}),
        )
        .await;
    let child = id_in(&child, "term");
    let (status, created) = admin
        .post(
            "/api/relation/parent/term.json",
            &json!({"term1": w.term, "term2": child}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let rel = &created["relationterm"];
    assert_eq!(rel["class"], "be.cytomine.domain.ontology.RelationTerm");
    assert_eq!(
        (rel["term1"].as_i64(), rel["term2"].as_i64()),
        (Some(w.term), Some(child))
    );
    let relation = rel["relation"].as_i64().unwrap();
    let (_, term) = admin.get(&format!("/api/term/{child}.json")).await;
    assert_eq!(
        term["parent"], w.term,
        "the child's parent follows the relation"
    );

    let pair = format!("/api/relation/parent/term1/{}/term2/{child}.json", w.term);
    let (status, fetched) = admin.get(&pair).await;
    assert_eq!((status, fetched["term1"].as_i64()), (200, Some(w.term)));
    let by_id = format!(
        "/api/relation/{relation}/term1/{}/term2/{child}.json",
        w.term
    );
    assert_eq!(admin.get(&by_id).await.0, 200);
    let (status, _) = admin
        .post(
            "/api/relation/parent/term.json",
            &json!({"term1": w.term, "term2": child}),
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = bob
        .post(
            "/api/relation/parent/term.json",
            &json!({"term1": child, "term2": w.term}),
        )
        .await;
    assert_eq!(status, 403, "bob cannot change this ontology");

    let (_, both) = admin.get(&format!("/api/relation/term/{child}.json")).await;
    assert_eq!(items(&both).len(), 1);
    let (_, as_parent) = admin
        .get(&format!("/api/relation/term/1/{}.json", w.term))
        .await;
    assert_eq!(items(&as_parent).len(), 1);
    let (_, as_child) = admin
        .get(&format!("/api/relation/term/1/{child}.json"))
        .await;
    assert_eq!(items(&as_child).len(), 0);

    let (status, deleted) = admin.delete(&pair).await;
    assert_eq!(
        (status, deleted["relationterm"]["term2"].as_i64()),
        (200, Some(child))
    );
    let (status, missing) = admin.get(&pair).await;
    assert_eq!(status, 404);
    assert_eq!(
        missing["errors"]["message"],
        format!(
            "RelationTerm not found with filters : {{Relation={relation}, Term={}, Term2={child}}}",
            w.term
        )
    );
    let (_, term) = admin.get(&format!("/api/term/{child}.json")).await;
    assert!(term["parent"].is_null());
}

#[tokio::test]
async fn term_parent_field_creates_the_relation() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "tree").await;
    let (status, child) = admin
        .post(
            "/api/term.json",
            &json!({"name": "leaf", "color": "#0000FF", "ontology": w.ontology, "parent": w.term}),
        )
        .await;
    assert_eq!(status, 200, "{child}");
    let child = id_in(&child, "term");
    let pair = format!("/api/relation/parent/term1/{}/term2/{child}.json", w.term);
    assert_eq!(admin.get(&pair).await.0, 200);
    let (status, _) = admin
        .put(
            &format!("/api/term/{child}.json"),
            &json!({"id": child, "name": "leaf2", "color": "#0000FF", "ontology": w.ontology}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        admin.get(&pair).await.0,
        200,
        "a body without parent keeps it"
    );
    let (status, _) = admin.delete(&format!("/api/term/{}.json", w.term)).await;
    assert_eq!(status, 200);
    assert_eq!(
        admin.get(&pair).await.0,
        404,
        "deleting a term deletes its relations"
    );
    let (status, _) = admin
        .post(
            "/api/relation/parent/term.json",
            &json!({"term1": child, "term2": child}),
        )
        .await;
    assert_eq!(status, 400);
}
