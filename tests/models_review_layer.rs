//! Whole-layer review against the emulator, over signed HTTP through the client's generic
//! calls (no model exposes it, nor does the Python client 4.3.0):
//! `POST`/`PUT`/`DELETE imageinstance/{i}/annotation/review.json?users=...` (docs/protocol.md §4.7).

mod common;

use common::*;
use cytomine::models::{Annotation, ImageInstance};
use cytomine::prelude::*;
use serde_json::{json, Value};

/// An image in review mode by the admin, with annotations by two layers: the admin's first
/// (one, labelled with a term) and bob's (two).
struct Layers {
    env: Env,
    image: i64,
    term: i64,
    admin_annotations: Vec<i64>,
    bob: (i64, Cytomine),
    bob_annotations: Vec<i64>,
}

async fn draw(cm: &Cytomine, image: i64, wkt: &str, terms: &[i64]) -> i64 {
    let mut a = Annotation::new(wkt, image).with_terms(terms.iter().copied());
    a.save(cm).await.expect("annotation saved");
    a.id.expect("annotation id")
}

async fn layers(review_mode: bool) -> Layers {
    let env = start().await;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, terms) = project_with_terms_and_image(&env.cm, dir.path(), 200, 200).await;
    let image = image.id.unwrap();
    let bob = env.user(&unique("bob")).await;
    project.add_user(&env.cm, bob.0, false).await.unwrap();
    let admin_annotations = vec![
        draw(
            &env.cm,
            image,
            "POLYGON ((10 10, 10 90, 90 90, 90 10, 10 10))",
            &terms[..1],
        )
        .await,
    ];
    let bob_annotations = vec![
        draw(
            &bob.1,
            image,
            "POLYGON ((100 100, 100 140, 180 140, 180 100, 100 100))",
            &[],
        )
        .await,
        draw(
            &bob.1,
            image,
            "POLYGON ((20 120, 20 180, 80 180, 80 120, 20 120))",
            &[],
        )
        .await,
    ];
    if review_mode {
        let _: Value = env
            .cm
            .put_json(&format!("imageinstance/{image}/review.json"), &Value::Null)
            .await
            .unwrap();
    }
    Layers {
        env,
        image,
        term: terms[0],
        admin_annotations,
        bob,
        bob_annotations,
    }
}

fn layer_path(image: i64, users: &str) -> String {
    format!("imageinstance/{image}/annotation/review.json?users={users}")
}

/// The ids of a collection envelope, after checking its paging keys for an unpaged list.
fn ids(envelope: &Value) -> Vec<i64> {
    let items = envelope["collection"].as_array().expect("a collection");
    let n = items.len();
    assert_eq!(envelope["size"], json!(n), "{envelope}");
    assert_eq!(envelope["offset"], json!(0), "{envelope}");
    assert_eq!(envelope["perPage"], json!(n), "{envelope}");
    assert_eq!(
        envelope["totalPages"],
        json!(usize::from(n > 0)),
        "{envelope}"
    );
    items.iter().map(|v| v.as_i64().expect("an id")).collect()
}

async fn is_reviewed(cm: &Cytomine, annotation: i64) -> Option<bool> {
    Annotation::fetch(cm, annotation).await.unwrap().reviewed
}

#[tokio::test]
async fn put_reviews_each_layer_once_and_delete_rejects_it() {
    let s = layers(true).await;
    let cm = &s.env.cm;
    let bob = s.bob.0;

    let created = ids(&cm
        .put_json(&layer_path(s.image, &bob.to_string()), &Value::Null)
        .await
        .unwrap());
    assert_eq!(created.len(), 2, "both of bob's annotations");
    let mut parents = Vec::new();
    for id in &created {
        let r: Value = cm
            .get_json(&format!("reviewedannotation/{id}.json"), &[])
            .await
            .unwrap();
        assert_eq!(r["class"], "be.cytomine.domain.ontology.ReviewedAnnotation");
        assert_eq!(
            r["reviewUser"],
            json!(s.env.admin_id()),
            "the reviewer is the caller"
        );
        assert_eq!(r["user"], json!(bob), "the author stays bob");
        parents.push(r["parentIdent"].as_i64().unwrap());
    }
    assert_eq!(parents, s.bob_annotations, "user by user, in drawing order");
    for a in &s.bob_annotations {
        assert_eq!(is_reviewed(cm, *a).await, Some(true));
    }
    assert_eq!(
        is_reviewed(cm, s.admin_annotations[0]).await,
        Some(false),
        "other layer untouched"
    );

    let again = cm
        .put_json(&layer_path(s.image, &bob.to_string()), &Value::Null)
        .await
        .unwrap();
    assert_eq!(
        ids(&again),
        Vec::<i64>::new(),
        "already reviewed annotations are skipped"
    );

    let removed = ids(&cm
        .delete_path(&layer_path(s.image, &bob.to_string()))
        .await
        .unwrap());
    assert_eq!(removed, created, "the reviewed copies' ids");
    for id in &created {
        let err = cm
            .get_json::<Value>(&format!("reviewedannotation/{id}.json"), &[])
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
    }
    for a in &s.bob_annotations {
        assert_eq!(is_reviewed(cm, *a).await, Some(false));
    }
    let none = cm
        .delete_path(&layer_path(s.image, &bob.to_string()))
        .await
        .unwrap();
    assert_eq!(ids(&none), Vec::<i64>::new(), "nothing left to reject");
}

#[tokio::test]
async fn post_reads_users_from_the_body_and_keeps_each_annotation_s_terms() {
    let s = layers(true).await;
    let cm = &s.env.cm;
    let path = format!("imageinstance/{}/annotation/review.json", s.image);
    let users = json!({"users": [s.env.admin_id(), s.bob.0]});
    let created = ids(&cm.post_json(&path, &users).await.unwrap());
    assert_eq!(created.len(), 3, "both layers");
    let first: Value = cm
        .get_json(&format!("reviewedannotation/{}.json", created[0]), &[])
        .await
        .unwrap();
    assert_eq!(
        first["parentIdent"],
        json!(s.admin_annotations[0]),
        "the admin's layer first"
    );
    assert_eq!(
        first["terms"],
        json!([s.term]),
        "the annotation's own terms"
    );
    let image = ImageInstance::fetch(cm, s.image).await.unwrap();
    assert_eq!(image.number_of_reviewed_annotations, Some(3));

    // DELETE reads the query only: one layer out of two.
    let removed = ids(&cm
        .delete_path(&layer_path(s.image, &s.env.admin_id().to_string()))
        .await
        .unwrap());
    assert_eq!(removed, created[..1]);
    let image = ImageInstance::fetch(cm, s.image).await.unwrap();
    assert_eq!(image.number_of_reviewed_annotations, Some(2));
}

#[tokio::test]
async fn paging_shows_a_window_of_what_was_reviewed() {
    let s = layers(true).await;
    let cm = &s.env.cm;
    let page = cm
        .put_json::<Value>(
            &format!(
                "{}&max=1&offset=1",
                layer_path(s.image, &s.bob.0.to_string())
            ),
            &Value::Null,
        )
        .await
        .unwrap();
    assert_eq!(page["size"], 2);
    assert_eq!(page["perPage"], 1);
    assert_eq!(page["totalPages"], 2);
    assert_eq!(page["collection"].as_array().map(Vec::len), Some(1));
    for a in &s.bob_annotations {
        assert_eq!(
            is_reviewed(cm, *a).await,
            Some(true),
            "all reviewed, one shown"
        );
    }
}

#[tokio::test]
async fn refusals_come_in_core_s_shapes() {
    let s = layers(false).await;
    let cm = &s.env.cm;
    let image = s.image;
    let bob = s.bob.0.to_string();

    let err = cm
        .put_json::<Value>(&layer_path(image, &bob), &Value::Null)
        .await
        .unwrap_err();
    let body = refusal(
        &err,
        400,
        "Cannot review annotation, enable image review mode!",
    );
    assert_eq!(body["errorValues"], json!({}), "path B: {body}");
    let err = cm.delete_path(&layer_path(image, &bob)).await.unwrap_err();
    assert_eq!(
        failure(&err).1,
        "Cannot reject annotation, enable image review mode!"
    );

    let _: Value = cm
        .post_json(&format!("imageinstance/{image}/review.json"), &Value::Null)
        .await
        .unwrap();
    let path = format!("imageinstance/{image}/annotation/review.json");
    let err = cm.put_json::<Value>(&path, &Value::Null).await.unwrap_err();
    assert_eq!(failure(&err).0, Some(400));
    assert_eq!(failure(&err).1, "There is no layer:null");
    let err = cm
        .put_json::<Value>(&format!("{path}?users=,"), &Value::Null)
        .await
        .unwrap_err();
    assert_eq!(failure(&err).1, "There is no layer:[]");
    let err = cm.delete_path(&path).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(500),
        "core dereferences the missing list"
    );
    assert!(failure(&err).2.contains("<html"), "the HTML error page");

    let err = cm
        .put_json::<Value>(&layer_path(image, "987654"), &Value::Null)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&err),
        (Some(404), "User 987654 not found".into(), failure(&err).2)
    );
    let err = cm
        .put_json::<Value>(&layer_path(987655, &bob), &Value::Null)
        .await
        .unwrap_err();
    assert_eq!(failure(&err).1, "ImageInstance 987655 not found");
    let err = cm
        .put_json::<Value>(
            &format!("{}&users=1", layer_path(image, &bob)),
            &Value::Null,
        )
        .await
        .unwrap_err();
    assert_eq!(
        failure(&err),
        (
            Some(500),
            "Method is not yet implemented".into(),
            failure(&err).2
        )
    );

    let err = s
        .bob
        .1
        .put_json::<Value>(&layer_path(image, &bob), &Value::Null)
        .await
        .unwrap_err();
    let (status, message, _) = failure(&err);
    assert_eq!(status, Some(400));
    assert!(
        message
            .starts_with("You must be the image reviewer to review annotation. Image reviewer is "),
        "{message}"
    );
    let err = s
        .bob
        .1
        .delete_path(&layer_path(image, &bob))
        .await
        .unwrap_err();
    assert!(failure(&err)
        .1
        .starts_with("You must be the image reviewer to reject annotation."));
    for a in &s.bob_annotations {
        assert_eq!(
            is_reviewed(cm, *a).await,
            Some(false),
            "refusals change nothing"
        );
    }
}
