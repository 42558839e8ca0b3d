//! Review: review mode, accept (JSON and form-encoded bodies), reject, listing with
//! `reviewed=true`, reviewed-annotation crops, counters, and the "included" listings.

use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn review_mode_accept_reject() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "review").await;
    let review = format!("/api/annotation/{}/review.json", w.annotation);
    let (status, refused) = admin.post(&review, &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(
        refused["errors"]["message"],
        "Cannot accept annotation, enable image review mode!"
    );
    let image_review = format!("/api/imageinstance/{}/review.json", w.image);
    let (status, started) = admin.post(&image_review, &json!({})).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(started["message"], "admin start reviewing on review.tif");
    assert_eq!(started["imageinstance"]["inReview"], true);
    assert_eq!(started["imageinstance"]["reviewUser"], admin.keys.id);
    assert!(started["imageinstance"]["reviewStart"].is_string());

    let form = format!("id={}&terms={}", w.annotation, w.term);
    let (status, accepted) = post_raw(&admin, &review, "application/json", &form).await;
    assert_eq!(status, 200, "{accepted}");
    let r = &accepted["reviewedannotation"];
    assert_eq!(r["class"], "be.cytomine.domain.ontology.ReviewedAnnotation");
    assert_eq!(r["parentIdent"], w.annotation);
    assert_eq!(r["terms"], json!([w.term]));
    assert_eq!(r["reviewed"], true);
    let rid = r["id"].as_i64().unwrap();
    assert_eq!(
        r["smallCropURL"].as_str().unwrap(),
        format!(
            "{}api/reviewedannotation/{rid}/crop.png?maxSize=256",
            admin.base
        )
    );
    let (status, again) = admin.post(&review, &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(
        again["errors"]["message"],
        "Annotation is already accepted!"
    );

    let (_, annotation) = admin
        .get(&format!("/api/annotation/{}.json", w.annotation))
        .await;
    assert_eq!(annotation["reviewed"], true);
    let (_, image) = admin
        .get(&format!("/api/imageinstance/{}.json", w.image))
        .await;
    assert_eq!(image["numberOfReviewedAnnotations"], 1);
    let (_, project) = admin.get(&format!("/api/project/{}.json", w.project)).await;
    assert_eq!(project["numberOfReviewedAnnotations"], 1);

    let (_, listed) = admin
        .get(&format!(
            "/api/annotation.json?project={}&reviewed=true&showTerm=true",
            w.project
        ))
        .await;
    assert_eq!(items(&listed).len(), 1);
    let item = &items(&listed)[0];
    assert_eq!(
        item["class"],
        "be.cytomine.domain.ontology.ReviewedAnnotation"
    );
    assert_eq!(
        (item["id"].as_i64(), item["term"].clone()),
        (Some(rid), json!([w.term]))
    );
    let (_, users) = admin
        .get(&format!(
            "/api/annotation.json?project={}&showMeta=true",
            w.project
        ))
        .await;
    assert_eq!(items(&users)[0]["reviewed"], true);
    let (_, not_reviewed) = admin
        .get(&format!(
            "/api/annotation.json?project={}&notReviewedOnly=true",
            w.project
        ))
        .await;
    assert_eq!(items(&not_reviewed).len(), 0);

    let (status, headers, png) = bytes_of(
        &admin,
        &format!("/api/reviewedannotation/{rid}/mask.png"),
        None,
    )
    .await;
    assert_eq!(
        (status, headers["content-type"].to_str().unwrap()),
        (200, "image/png")
    );
    assert!(png.starts_with(b"\x89PNG"));
    let (status, one) = admin
        .get(&format!("/api/reviewedannotation/{rid}.json"))
        .await;
    assert_eq!(
        (status, one["reviewUser"].as_i64()),
        (200, Some(admin.keys.id))
    );

    let (status, rejected) = admin.delete(&review).await;
    assert_eq!(status, 200, "{rejected}");
    assert_eq!(rejected["reviewedannotation"]["id"], rid);
    assert_eq!(
        admin
            .get(&format!("/api/reviewedannotation/{rid}.json"))
            .await
            .0,
        404
    );

    let (status, validated) = admin.delete(&image_review).await;
    assert_eq!(status, 200);
    assert_eq!(
        validated["message"],
        "admin validate reviewing on review.tif"
    );
    assert_eq!(validated["imageinstance"]["reviewed"], true);
    let (status, _) = admin.post(&review, &json!({})).await;
    assert_eq!(status, 400, "review mode is over");
}

#[tokio::test]
async fn only_the_reviewer_accepts() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "reviewer").await;
    admin
        .post(
            &format!("/api/project/{}/user/{}.json", w.project, bob.keys.id),
            &json!({}),
        )
        .await;
    let (status, _) = bob
        .put(
            &format!("/api/imageinstance/{}/review.json", w.image),
            &json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, refused) = admin
        .put(
            &format!("/api/annotation/{}/review.json", w.annotation),
            &json!({"terms": []}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        refused["errors"]["message"],
        "You must be the image reviewer to accept annotation. Image reviewer is bob."
    );
    let (status, accepted) = bob
        .put(
            &format!("/api/annotation/{}/review.json", w.annotation),
            &json!({"terms": [w.term]}),
        )
        .await;
    assert_eq!(status, 200, "{accepted}");
    let (status, cancelled) = bob
        .delete(&format!(
            "/api/imageinstance/{}/review.json?cancel=true",
            w.image
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        cancelled["imageinstance"]["reviewStart"],
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn included_annotations() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "included").await;
    let (_, big) = admin
        .post(
            "/api/annotation.json",
            &json!({"location": "POLYGON ((0 0, 0 200, 200 200, 200 0, 0 0))", "image": w.image}),
        )
        .await;
    let big = id_in(&big, "annotation");
    admin
        .post(
            "/api/annotation.json",
            &json!({"location": "POLYGON ((500 500, 500 600, 600 600, 600 500, 500 500))", "image": w.image}),
        )
        .await;
    let u = admin.keys.id;
    let (status, inside) = admin
        .get(&format!(
            "/api/imageinstance/{}/annotation/included.json?annotation={big}&user={u}",
            w.image
        ))
        .await;
    assert_eq!(status, 200, "{inside}");
    let ids: Vec<i64> = items(&inside)
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        [w.annotation],
        "only the small square lies inside; the base is excluded"
    );
    let (_, compat) = admin
        .get(&format!(
            "/api/annotation/included.json?max=0&offset=0&showBasic=True&showMeta=True&image={}&included=True&annotation={big}&user={u}",
            w.image
        ))
        .await;
    assert_eq!(items(&compat).len(), 1);
    let (_, by_geometry) = admin
        .get(&format!(
            "/api/imageinstance/{}/annotation/included.json?geometry=POLYGON((0 0,0 1000,1000 1000,1000 0,0 0))&users={u}",
            w.image
        ))
        .await;
    assert_eq!(items(&by_geometry).len(), 3);
    let (_, reviewed) = admin
        .get(&format!(
            "/api/imageinstance/{}/annotation/included.json?geometry=POLYGON((0 0,0 1000,1000 1000,1000 0,0 0))",
            w.image
        ))
        .await;
    assert_eq!(
        items(&reviewed).len(),
        0,
        "without user: reviewed annotations"
    );
    let (status, _) = admin
        .get(&format!(
            "/api/imageinstance/{}/annotation/included.json",
            w.image
        ))
        .await;
    assert_eq!(status, 400);
}
