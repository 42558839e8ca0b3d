//! Property values at annotation centroids, against the emulator, over signed HTTP through the
//! client's generic GET (no model exposes it, nor does the Python client 4.3.0):
//! `GET user/{u}/imageinstance/{i}/annotationposition.json?key=&bbox=` (docs/protocol.md §3.14).

mod common;

use common::*;
use cytomine::models::{Annotation, Property};
use cytomine::prelude::*;
use serde_json::{json, Value};

/// An image whose admin layer has two annotations with a `grade` and bob's layer one.
struct Graded {
    env: Env,
    image: i64,
    admin: [i64; 2],
    bob: (i64, Cytomine),
    bob_annotation: i64,
}

async fn graded_annotation(cm: &Cytomine, image: i64, wkt: &str, props: &[(&str, &str)]) -> i64 {
    let mut a = Annotation::new(wkt, image);
    a.save(cm).await.expect("annotation saved");
    let a = Annotation::fetch(cm, a.id.expect("id"))
        .await
        .expect("fetched");
    for (key, value) in props {
        let mut p = Property::of(&a, *key, *value).expect("an owner with id and class");
        p.save(cm).await.expect("property saved");
    }
    a.id.expect("id")
}

async fn graded() -> Graded {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, _) = project_with_image(cm, dir.path(), 200, 200).await;
    let image_id = image.id.unwrap();
    let mut on_image = Property::of(&image, "grade", "image-level").unwrap();
    on_image.save(cm).await.unwrap();
    let square = "POLYGON ((10 10, 10 90, 90 90, 90 10, 10 10))";
    let band = "POLYGON ((100 100, 100 140, 180 140, 180 100, 100 100))";
    let admin = [
        graded_annotation(cm, image_id, square, &[("grade", "2"), ("other", "x")]).await,
        graded_annotation(cm, image_id, band, &[("grade", "3")]).await,
    ];
    let bob = env.user(&unique("bob")).await;
    project.add_user(cm, bob.0, false).await.unwrap();
    let bob_annotation = graded_annotation(&bob.1, image_id, band, &[("grade", "1")]).await;
    Graded {
        env,
        image: image_id,
        admin,
        bob,
        bob_annotation,
    }
}

fn path(user: i64, image: i64) -> String {
    format!("user/{user}/imageinstance/{image}/annotationposition.json")
}

async fn rows(cm: &Cytomine, user: i64, image: i64, query: &[(&str, &str)]) -> Value {
    cm.get_json(&path(user, image), query)
        .await
        .expect("positions listed")
}

#[tokio::test]
async fn one_row_per_annotation_of_the_layer_with_that_key() {
    let g = graded().await;
    let cm = &g.env.cm;
    let admin = g.env.admin_id();
    let all = rows(cm, admin, g.image, &[("key", "grade")]).await;
    assert_eq!(
        all,
        json!({"collection": [
            {"idAnnotation": g.admin[0], "x": 50.0, "y": 50.0, "value": "2"},
            {"idAnnotation": g.admin[1], "x": 140.0, "y": 120.0, "value": "3"}],
            "offset": 0, "perPage": 2, "size": 2, "totalPages": 1}),
        "the image's own property is not an annotation's"
    );
    let other = rows(cm, admin, g.image, &[("key", "other")]).await;
    assert_eq!(other["collection"][0]["value"], "x");
    assert_eq!(other["size"], 1);
    let bob = rows(cm, g.bob.0, g.image, &[("key", "grade")]).await;
    assert_eq!(
        bob["collection"][0]["idAnnotation"],
        json!(g.bob_annotation)
    );
    assert_eq!(bob["collection"][0]["value"], "1");
    assert_eq!(bob["size"], 1, "bob's layer only");
    let none = rows(cm, admin, g.image, &[("key", "absent")]).await;
    assert_eq!(none["size"], 0);
    assert_eq!(none["totalPages"], 0);
}

#[tokio::test]
async fn bbox_as_numbers_or_polygon_keeps_what_it_touches() {
    let g = graded().await;
    let cm = &g.env.cm;
    let admin = g.env.admin_id();
    let polygon = "POLYGON ((0 0, 0 95, 95 95, 95 0, 0 0))";
    for bbox in ["0,0,95,95", "0, 0, 95, 95,", polygon] {
        let found = rows(cm, admin, g.image, &[("key", "grade"), ("bbox", bbox)]).await;
        assert_eq!(found["size"], 1, "{bbox}: {found}");
        assert_eq!(found["collection"][0]["idAnnotation"], json!(g.admin[0]));
    }
    let page = rows(
        cm,
        admin,
        g.image,
        &[("key", "grade"), ("max", "1"), ("offset", "1")],
    )
    .await;
    assert_eq!(page["collection"][0]["idAnnotation"], json!(g.admin[1]));
    assert_eq!(
        (page["size"].clone(), page["totalPages"].clone()),
        (json!(2), json!(2))
    );
}

#[tokio::test]
async fn refusals_come_in_core_s_shapes() {
    let g = graded().await;
    let cm = &g.env.cm;
    let admin = g.env.admin_id();

    let err = cm
        .get_json::<Value>(&path(admin, g.image), &[])
        .await
        .unwrap_err();
    let body = refusal(
        &err,
        400,
        "Required request parameter 'key' for method parameter type String is not present",
    );
    assert!(body.get("errorValues").is_none(), "Spring's shape: {body}");

    let err = cm
        .get_json::<Value>(&path(admin, 987654), &[("key", "grade")])
        .await
        .unwrap_err();
    assert_eq!(failure(&err).0, Some(404));
    assert_eq!(failure(&err).1, "ImageInstance 987654 not found");
    let err = cm
        .get_json::<Value>(&path(987655, g.image), &[("key", "grade")])
        .await
        .unwrap_err();
    assert_eq!(failure(&err).1, "SecUser 987655 not found");

    for bbox in ["1,2,3", "a,b,c,d", "POLYGON ((0 0"] {
        let query = [("key", "grade"), ("bbox", bbox)];
        let err = cm
            .get_json::<Value>(&path(admin, g.image), &query)
            .await
            .unwrap_err();
        assert_eq!(
            err.status(),
            Some(500),
            "{bbox}: core's parse exception escapes"
        );
        assert!(failure(&err).2.contains("<html"), "the HTML error page");
    }

    let (_, carol) = g.env.user(&unique("carol")).await;
    let err = carol
        .get_json::<Value>(&path(admin, g.image), &[("key", "grade")])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403), "not a member of the project");
}
