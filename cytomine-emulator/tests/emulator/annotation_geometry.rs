//! Annotation geometry as the server treats it on add, bulk add and update
//! (`core/src/main/java/be/cytomine/service/ontology/UserAnnotationService.java` add and update,
//! `core/src/main/java/be/cytomine/service/utils/SimplifyGeometryService.java`,
//! `core/src/main/java/be/cytomine/service/ModelService.java` addMultiple, in cytomine/cytomine
//! at 0165ef76; expected values from JTS 1.19.0 running those steps), and an annotation on a
//! missing image (404).

use crate::support::*;
use serde_json::{json, Value};

/// A project and an image instance of a 100 × 80 abstract image; `(project, image)`.
async fn small_image(admin: &Client) -> (i64, i64) {
    let (_, p) = admin
        .post("/api/project.json", &json!({"name": "geometry"}))
        .await;
    let project = id_in(&p, "project");
    let (_, image) = image_in(admin, project, "small.tif", 100, 80).await;
    (project, image)
}

const BOWTIE: &str = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))";
const OVERFLOWING: &str = "POLYGON((90 70, 120 70, 120 100, 90 100, 90 70))";
const OUTSIDE: &str = "POLYGON((200 10, 300 10, 300 20, 200 20, 200 10))";
const TINY: &str = "POLYGON((10 10, 10.5 10, 10.5 20, 10 20, 10 10))";

/// A circle of `n` vertices (plus the closing point) and radius 30 in the 100 × 80 image.
fn circle(n: usize) -> String {
    let mut points: Vec<String> = (0..n)
        .map(|i| {
            let a = 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            let round = |v: f64| (v * 100.0).round() / 100.0;
            format!(
                "{} {}",
                round(50.0 + 30.0 * a.cos()),
                round(40.0 + 30.0 * a.sin())
            )
        })
        .collect();
    points.push(points[0].clone());
    format!("POLYGON(({}))", points.join(","))
}

fn points_of(location: &Value) -> usize {
    location.as_str().unwrap().matches(',').count() + 1
}

/// The error body of a single add or update (`RestCytomineController.add/update`).
fn refused(body: &Value, message: &str) {
    assert_eq!(
        body,
        &json!({"success": false, "errors": message, "errorValues": {}})
    );
}

#[tokio::test]
async fn single_add_validates_clips_checks_and_simplifies() {
    let (_emu, admin, _bob) = setup().await;
    let (_, image) = small_image(&admin).await;
    let add = |location: String| {
        let admin = &admin;
        async move {
            admin
                .post(
                    "/api/annotation.json",
                    &json!({"image": image, "location": location}),
                )
                .await
        }
    };
    let (status, body) = add(BOWTIE.into()).await;
    assert_eq!(status, 400);
    refused(&body, "Annotation location is not valid");
    let (status, body) = add(OUTSIDE.into()).await;
    assert_eq!(status, 400);
    refused(&body, "Cannot extract boundaries for POLYGON EMPTY");
    let (status, body) = add(TINY.into()).await;
    assert_eq!(status, 400);
    refused(&body, "Annotation dimension not valid");

    // Clipped to the image; JTS writes the overlay's ring clockwise.
    let (status, body) = add(OVERFLOWING.into()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["annotation"]["location"],
        "POLYGON ((90 80, 100 80, 100 70, 90 70, 90 80))"
    );
    assert_eq!(body["annotation"]["area"], 100.0);
    // Written as JTS writes it: a space after the type, integers without `.0`.
    let (_, body) = add("point(5.0 5)".into()).await;
    assert_eq!(body["annotation"]["location"], "POINT (5 5)");

    let (status, body) = add(circle(150)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(points_of(&body["annotation"]["location"]), 151, "kept");
    assert_eq!(body["annotation"]["geometryCompression"], 0.0);
    let (status, body) = add(circle(300)).await;
    assert_eq!(status, 200, "{body}");
    let kept = points_of(&body["annotation"]["location"]);
    assert!(kept < 301, "simplified to {kept} points");
    assert!(body["annotation"]["geometryCompression"].as_f64().unwrap() > 0.0);
}

#[tokio::test]
async fn bulk_add_refuses_per_item_in_the_body() {
    let (_emu, admin, _bob) = setup().await;
    let (_, image) = small_image(&admin).await;
    let items: Vec<Value> = [
        "POLYGON((1 1, 5 1, 5 5, 1 5, 1 1))",
        BOWTIE,
        OVERFLOWING,
        OUTSIDE,
        TINY,
    ]
    .iter()
    .map(|l| json!({"image": image, "location": l}))
    .collect();
    let (status, body) = admin
        .post("/api/annotation.json", &Value::Array(items.clone()))
        .await;
    assert_eq!(status, 200, "the HTTP status is always 200: {body}");
    assert_eq!(body["status"], 206);
    let message = body["data"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Only part of the entries (userannotations "),
        "{message}"
    );
    let errors = body["data"]["errors"].as_array().unwrap();
    let reasons: Vec<(&Value, &str)> = errors
        .iter()
        .map(|e| (&e["data"]["location"], e["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (&json!(BOWTIE), "Annotation location is not valid"),
            (
                &json!(OUTSIDE),
                "Cannot extract boundaries for POLYGON EMPTY"
            ),
            (&json!(TINY), "Annotation dimension not valid"),
        ]
    );
    let refused_only: Vec<Value> = items[1..2].to_vec();
    let (status, body) = admin
        .post("/api/annotation.json", &Value::Array(refused_only))
        .await;
    assert_eq!((status, &body["status"]), (200, &json!(400)));
    assert_eq!(body["data"]["message"], "No entry saved");
}

#[tokio::test]
async fn update_clips_and_simplifies_at_the_compression() {
    let (_emu, admin, _bob) = setup().await;
    let (_, image) = small_image(&admin).await;
    let (_, body) = admin
        .post(
            "/api/annotation.json",
            &json!({"image": image, "location": "POLYGON((10 10, 20 10, 20 20, 10 20, 10 10))"}),
        )
        .await;
    let mut annotation = body["annotation"].clone();
    let id = annotation["id"].as_i64().unwrap();
    let path = format!("/api/annotation/{id}.json");
    // Douglas-Peucker at tolerance 0 drops the collinear vertex (UserAnnotationService.update).
    annotation["location"] = json!("POLYGON((10 10, 15 10, 20 10, 20 20, 10 20, 10 10))");
    let (status, body) = admin.put(&path, &annotation).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["annotation"]["location"],
        "POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))"
    );
    annotation["location"] = json!(OVERFLOWING);
    let (_, body) = admin.put(&path, &annotation).await;
    assert_eq!(
        body["annotation"]["location"],
        "POLYGON ((90 80, 100 80, 100 70, 90 70, 90 80))"
    );
    // No dimension check on update.
    annotation["location"] = json!(TINY);
    assert_eq!(admin.put(&path, &annotation).await.0, 200);
    for (location, message) in [
        (BOWTIE, "Annotation location is not valid"),
        (OUTSIDE, "POLYGON EMPTY is an empty geometry!"),
    ] {
        annotation["location"] = json!(location);
        let (status, body) = admin.put(&path, &annotation).await;
        assert_eq!(status, 400);
        refused(&body, message);
    }
}

/// `UserAnnotationService.add` lines 206-217: an unknown image or slice is 404, in a bulk an
/// item error.
#[tokio::test]
async fn an_annotation_on_a_missing_image_is_404() {
    let (_emu, admin, _bob) = setup().await;
    let square = "POLYGON((1 1, 5 1, 5 5, 1 5, 1 1))";
    let (status, body) = admin
        .post(
            "/api/annotation.json",
            &json!({"image": 999_999, "location": square}),
        )
        .await;
    assert_eq!(status, 404);
    refused(&body, "ImageInstance with id 999999");
    let (status, body) = admin
        .post(
            "/api/annotation.json",
            &json!({"slice": 999_999, "location": square}),
        )
        .await;
    assert_eq!(status, 404);
    refused(&body, "SliceInstance with id 999999");
    let (status, body) = admin
        .post(
            "/api/annotation.json",
            &json!([{"image": 999_999, "location": square}]),
        )
        .await;
    assert_eq!((status, &body["status"]), (200, &json!(400)));
    assert_eq!(
        body["data"]["errors"][0]["message"],
        "ImageInstance with id 999999"
    );
}
