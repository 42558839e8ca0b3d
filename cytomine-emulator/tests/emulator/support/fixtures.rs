//! Shared fixtures of the domain tests: a project with an ontology, an image and an annotation,
//! raw posts and downloads, all signed with the test signer of `client`.

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};

use super::client::{into_json, Client};

/// Ids of the records made by [`world`].
pub struct World {
    pub ontology: i64,
    pub project: i64,
    pub image: i64,
    pub annotation: i64,
    pub term: i64,
}

/// The id inside an Add envelope's object key (or its `data`, in the repository profile).
pub fn id_in(envelope: &Value, key: &str) -> i64 {
    envelope[key]["id"]
        .as_i64()
        .or_else(|| envelope["data"]["id"].as_i64())
        .unwrap_or_else(|| panic!("no {key}.id in {envelope}"))
}

/// An abstract image `filename` of `width` × `height` and its instance in `project`:
/// `(abstract image id, image instance id)`.
pub async fn image_in(
    admin: &Client,
    project: i64,
    filename: &str,
    width: u32,
    height: u32,
) -> (i64, i64) {
    let (_, abstract_image) = admin
        .post(
            "/api/abstractimage.json",
            &json!({"originalFilename": filename, "width": width, "height": height}),
        )
        .await;
    let base = id_in(&abstract_image, "abstractimage");
    let (_, instance) = admin
        .post(
            "/api/imageinstance.json",
            &json!({"baseImage": base, "project": project}),
        )
        .await;
    (base, id_in(&instance, "imageinstance"))
}

/// Create an ontology with one term, a project on it, a 1000×800 image and one annotation.
pub async fn world(admin: &Client, name: &str) -> World {
    let (_, o) = admin
        .post(
            "/api/ontology.json",
            &json!({"name": format!("{name} onto")}),
        )
        .await;
    let ontology = id_in(&o, "ontology");
    let (_, t) = admin
        .post(
            "/api/term.json",
            &json!({"name": "T", "color": "#FF0000", "ontology": ontology}),
        )
        .await;
    let (_, p) = admin
        .post(
            "/api/project.json",
            &json!({"name": name, "ontology": ontology}),
        )
        .await;
    let project = id_in(&p, "project");
    let (_, ai) = admin
        .post(
            "/api/abstractimage.json",
            &json!({"originalFilename": format!("{name}.tif"), "width": 1000, "height": 800}),
        )
        .await;
    let (_, ii) = admin
        .post(
            "/api/imageinstance.json",
            &json!({"baseImage": id_in(&ai, "abstractimage"), "project": project}),
        )
        .await;
    let image = id_in(&ii, "imageinstance");
    let (status, a) = admin
        .post(
            "/api/annotation.json",
            &json!({"location": "POLYGON ((10 10, 10 50, 50 50, 50 10, 10 10))", "image": image}),
        )
        .await;
    assert_eq!(status, 200, "{a}");
    World {
        ontology,
        project,
        image,
        annotation: id_in(&a, "annotation"),
        term: id_in(&t, "term"),
    }
}

/// A POST with a raw body and content type (e.g. a form-encoded body labelled JSON).
pub async fn post_raw(client: &Client, path: &str, content_type: &str, body: &str) -> (u16, Value) {
    let res = client
        .signed(Method::POST, path, content_type)
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .expect("request reaches the emulator");
    into_json(res).await
}

/// A signed GET returning status, headers and raw bytes, of `range` only if given.
pub async fn bytes_of(
    client: &Client,
    path: &str,
    range: Option<&str>,
) -> (u16, HeaderMap, Vec<u8>) {
    let mut req = client
        .signed(Method::GET, path, "application/json")
        .header("content-type", "application/json");
    if let Some(range) = range {
        req = req.header("range", range);
    }
    let res = req.send().await.expect("request reaches the emulator");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.bytes().await.expect("body").to_vec();
    (status, headers, body)
}

/// The `collection` of a list answer.
pub fn items(list: &Value) -> &Vec<Value> {
    list["collection"]
        .as_array()
        .unwrap_or_else(|| panic!("not a collection: {list}"))
}
