//! Image groups, their memberships, annotation groups (merge) and annotation links.

use crate::support::*;
use serde_json::{json, Value};

async fn second_image(admin: &Client, project: i64) -> i64 {
    image_in(admin, project, "second.tif", 100, 100).await.1
}

#[tokio::test]
async fn image_groups_and_memberships() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "imagegroups").await;
    let other = second_image(&admin, w.project).await;
    let (status, created) = admin
        .post(
            "/api/imagegroup.json",
            &json!({"name": "stack", "project": w.project}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let group = id_in(&created, "imagegroup");
    let (status, _) = admin
        .post("/api/imagegroup.json", &json!({"name": "x"}))
        .await;
    assert_eq!(status, 400, "project is required");

    let pair = |i: i64| format!("/api/imagegroup/{group}/imageinstance/{i}.json");
    let (status, member) = admin
        .post(&pair(w.image), &json!({"group": group, "image": w.image}))
        .await;
    assert_eq!(status, 200, "{member}");
    assert_eq!(member["imagegroupimageinstance"]["groupName"], "stack");
    let (status, _) = admin
        .post(
            "/api/imagegroupimageinstance.json",
            &json!([{"group": group, "image": other}]),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = admin.post(&pair(w.image), &json!({})).await;
    assert_eq!(status, 409);

    let (_, one) = admin.get(&format!("/api/imagegroup/{group}.json")).await;
    assert_eq!(one["numberOfImages"], 2);
    let ids: Vec<i64> = one["imageInstances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [w.image, other]);
    let (_, next) = admin
        .get(&format!(
            "/api/imagegroup/{group}/imageinstance/{other}/next.json"
        ))
        .await;
    assert_eq!(next, json!({}));
    let (_, next) = admin
        .get(&format!(
            "/api/imagegroup/{group}/imageinstance/{other}/next.json?circular=true"
        ))
        .await;
    assert_eq!(next["id"], w.image);
    for list in [
        format!("/api/project/{}/imagegroup.json", w.project),
        format!(
            "/api/imageinstance/{}/imagegroupimageinstance.json",
            w.image
        ),
    ] {
        let (_, l) = admin.get(&list).await;
        assert_eq!(items(&l).len(), 1, "{list}");
    }
    let (_, l) = admin
        .get(&format!(
            "/api/imagegroup/{group}/imagegroupimageinstance.json"
        ))
        .await;
    assert_eq!(items(&l).len(), 2);
    let (_, l) = admin
        .get(&format!("/api/imagegroup/{group}/imageinstance.json"))
        .await;
    assert_eq!(items(&l).len(), 2);
    assert_eq!(
        bob.get(&format!("/api/imagegroup/{group}.json")).await.0,
        403
    );

    assert_eq!(admin.get(&pair(other)).await.0, 200);
    assert_eq!(admin.delete(&pair(other)).await.0, 200);
    assert_eq!(admin.get(&pair(other)).await.0, 404);
    assert_eq!(
        admin
            .delete(&format!("/api/imagegroup/{group}.json"))
            .await
            .0,
        200
    );
    let (status, missing) = admin.get(&format!("/api/imagegroup/{group}.json")).await;
    assert_eq!(status, 404);
    assert_eq!(
        missing["errors"]["message"],
        format!("ImageGroup {group} not found")
    );
}

#[tokio::test]
async fn annotation_groups_links_and_merge() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "annotationgroups").await;
    let (_, ig) = admin
        .post(
            "/api/imagegroup.json",
            &json!({"name": "g", "project": w.project}),
        )
        .await;
    let ig = id_in(&ig, "imagegroup");
    let new_group = || json!({"project": w.project, "imageGroup": ig, "type": "SAME_OBJECT"});
    let (status, g1) = admin.post("/api/annotationgroup.json", &new_group()).await;
    assert_eq!(status, 200, "{g1}");
    let g1 = id_in(&g1, "annotationgroup");
    let (_, g2) = admin.post("/api/annotationgroup.json", &new_group()).await;
    let g2 = id_in(&g2, "annotationgroup");

    let (status, link) = admin
        .post(
            "/api/annotationlink.json",
            &json!({"annotationClassName": "be.cytomine.domain.ontology.UserAnnotation",
                    "annotationIdent": w.annotation, "group": g2}),
        )
        .await;
    assert_eq!(status, 200, "{link}");
    assert_eq!(link["annotationlink"]["image"], w.image);
    let (status, made) = admin
        .post(
            "/api/annotation.json",
            &json!({"location": "POINT (3 3)", "image": w.image, "group": g1}),
        )
        .await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["annotation"]["group"], g1);
    let second = id_in(&made, "annotation");

    let pair = format!("/api/annotationgroup/{g2}/annotation/{}.json", w.annotation);
    assert_eq!(admin.get(&pair).await.0, 200);
    let (_, of_annotation) = admin
        .get(&format!("/api/annotation/{second}/annotationlink.json"))
        .await;
    assert_eq!(items(&of_annotation)[0]["group"], g1);

    let (status, merged) = admin
        .post(
            &format!("/api/annotationgroup/{g1}/annotationgroup/{g2}/merge.json"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(
        merged["callback"]["method"],
        "be.cytomine.EditAnnotationGroupCommand"
    );
    assert_eq!(merged["annotationgroup"]["id"], g1);
    let (_, links) = admin
        .get(&format!("/api/annotationgroup/{g1}/annotationlink.json"))
        .await;
    assert_eq!(items(&links).len(), 2);
    assert_eq!(
        admin
            .get(&format!("/api/annotationgroup/{g2}.json"))
            .await
            .0,
        404
    );
    let (status, bad) = admin
        .post(
            &format!("/api/annotationgroup/{g1}/annotationgroup/{g1}/merge.json"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        bad["errors"]["message"],
        format!("Annotation groups {g1} and {g1} are incompatible to be merged.")
    );
    let (_, listed) = admin
        .get(&format!("/api/project/{}/annotationgroup.json", w.project))
        .await;
    assert_eq!(items(&listed).len(), 1);
    let moved = format!("/api/annotationgroup/{g1}/annotation/{}.json", w.annotation);
    assert_eq!(admin.delete(&moved).await.0, 200);
    assert_eq!(admin.get(&moved).await.0, 404);
}
