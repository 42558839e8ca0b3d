//! Upload of real bytes, downloads with Range, thumbnails, windows and crops.

use crate::support::*;
use cytomine_emulator::imaging::{demo_image, probe, Format};
use reqwest::Method;
use serde_json::{json, Value};

async fn upload(client: &Client, query: &str, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    multipart(client, &format!("/upload?{query}"), name, &bytes).await
}

#[tokio::test]
async fn upload_download_and_render() {
    let (_emu, admin, _bob) = setup().await;
    let (_, p) = admin
        .post("/api/project.json", &json!({"name": "imgs"}))
        .await;
    let project = p["project"]["id"].as_i64().unwrap();
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = storages["collection"][0]["id"].as_i64().unwrap();
    let png = demo_image(300, 200, Format::Png, 7);

    let (status, missing) = upload(&admin, "", "a.png", png.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(
        missing[0]["error"],
        "idStorage or storage parameter missing."
    );

    let query = format!(
        "idStorage={storage}&storage={storage}&idProject={project}&projects={project}&sync=true"
    );
    let (status, up) = upload(&admin, &query, "dir/slide.png", png.clone()).await;
    assert_eq!(status, 200, "{up}");
    assert_eq!(up[0]["name"], "slide.png");
    assert!(up[0]["size"].is_string());
    assert_eq!(up[0]["uploadedFile"]["status"], 100);
    let image = &up[0]["images"][0]["image"];
    assert_eq!(
        (image["width"].clone(), image["height"].clone()),
        (json!(300), json!(200))
    );
    let instance = up[0]["images"][0]["imageInstances"][0]["id"]
        .as_i64()
        .unwrap();

    let (_, listed) = admin
        .get(&format!("/api/project/{project}/imageinstance.json"))
        .await;
    assert_eq!(listed["size"], 1);
    let (_, proj) = admin.get(&format!("/api/project/{project}.json")).await;
    assert_eq!(proj["numberOfImages"], 1);
    let (status, reference) = admin
        .get(&format!(
            "/api/imageinstance/{instance}/sliceinstance/reference.json"
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(reference["image"], instance);

    let (status, headers, body) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/download"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body, png);
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"slide.png\""
    );
    assert_eq!(headers["accept-ranges"], "bytes");
    let (status, headers, tail) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/download"),
        Some("bytes=10-"),
    )
    .await;
    assert_eq!(status, 206);
    assert_eq!(tail, png[10..]);
    assert_eq!(
        headers["content-range"],
        format!("bytes 10-{}/{}", png.len() - 1, png.len())
    );

    let (status, headers, thumb) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/thumb.png?maxSize=150"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/png");
    let info = probe(&thumb).unwrap();
    assert_eq!((info.width, info.height), (150, 100));
    let (_, _, jpg) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/thumb.gif"),
        None,
    )
    .await;
    assert_eq!(
        probe(&jpg).map(|i| (i.format, i.width)),
        Some((Format::Jpeg, 300))
    );
    let (_, _, win) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/window-10-20-40-30.png"),
        None,
    )
    .await;
    assert_eq!(probe(&win).map(|i| (i.width, i.height)), Some((40, 30)));
    // The window handler reads no maxSize: full resolution (RestImageInstanceController.java:446-476
    // and ImageServerService.java:735-860 in cytomine/cytomine at 0165ef76, `level` 0).
    let (_, _, win) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/window-10-20-200-100.png?maxSize=50"),
        None,
    )
    .await;
    assert_eq!(probe(&win).map(|i| (i.width, i.height)), Some((200, 100)));
    // PIMS refuses an output side over OUTPUT_SIZE_LIMIT = 10000 (pims/pims/config.py:22-24,
    // pims/pims/api/utils/output_parameter.py `safeguard_output_dimensions`).
    let (status, _, _) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/window-0-0-10001-10.png"),
        None,
    )
    .await;
    assert_eq!(status, 400);
    let (status, _, _) = bytes_of(
        &admin,
        &format!("/api/imageinstance/{instance}/window-0-0-10000-10.png"),
        None,
    )
    .await;
    assert_eq!(status, 200);

    let body =
        json!({"image": instance, "location": "POLYGON ((10 10, 10 50, 70 50, 70 10, 10 10))"});
    let (_, a) = admin.post("/api/annotation.json", &body).await;
    let id = a["annotation"]["id"].as_i64().unwrap();
    let (status, _, crop) =
        bytes_of(&admin, &format!("/api/userannotation/{id}/crop.png"), None).await;
    assert_eq!(status, 200);
    assert_eq!(probe(&crop).map(|i| (i.width, i.height)), Some((60, 40)));
    let (_, _, mask) = bytes_of(
        &admin,
        &format!("/api/userannotation/{id}/alphamask.jpg"),
        None,
    )
    .await;
    assert_eq!(probe(&mask).map(|i| i.format), Some(Format::Png));
}

#[tokio::test]
async fn unknown_format_is_an_error_format_upload() {
    let (_emu, admin, _bob) = setup().await;
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = storages["collection"][0]["id"].as_i64().unwrap();
    let (status, up) = upload(
        &admin,
        &format!("storage={storage}&sync=true"),
        "notes.txt",
        b"hello".to_vec(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(up[0]["uploadedFile"]["status"], 11);
    assert_eq!(up[0]["images"], json!([]));
}

#[tokio::test]
async fn anonymous_image_paths_give_500_html() {
    let emu = Emulator::start().await.unwrap();
    let res = reqwest::get(format!("{}/api/imageinstance/1/thumb.png", emu.base_url()))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 500);
    let c = Client::new(&emu, emu.admin());
    let res = c
        .send(
            Method::GET,
            "/api/abstractimage/424242/thumb.png",
            None,
            Form::Current,
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
}

/// Polls `path` until `done` holds for its JSON (at most five seconds).
async fn poll(client: &Client, path: &str, done: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..250 {
        let (_, body) = client.get(path).await;
        if done(&body) {
            return body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{path} never reached the expected state");
}

/// Without `sync`, the image server answers with the uploaded file in status UPLOADED (0) and
/// `"images": []`, and imports in the background (`pims/pims/api/operations.py:184-199` in
/// cytomine/cytomine at 0165ef76); the import saves the abstract image, marks the file DEPLOYED
/// (100), then creates the image instances (`pims/pims/importer/listeners.py:390-471`).
/// `/ims/upload` is the route of current deployments
/// (`helm/charts/cytomine/templates/httproute.yaml:75-91`).
#[tokio::test]
async fn an_upload_without_sync_is_imported_in_the_background() {
    let emu = Emulator::builder()
        .import_delay(std::time::Duration::from_millis(800))
        .start()
        .await
        .unwrap();
    let admin = Client::new(&emu, emu.admin());
    let (_, p) = admin
        .post("/api/project.json", &json!({"name": "later"}))
        .await;
    let project = id_in(&p, "project");
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = items(&storages)[0]["id"].as_i64().unwrap();
    let png = demo_image(40, 30, Format::Png, 5);
    let path = format!("/ims/upload?storage={storage}&projects={project}&keys=stain&values=HE");
    let (status, up) = multipart(&admin, &path, "later.png", &png).await;
    assert_eq!(status, 200, "{up}");
    assert_eq!(up[0]["uploadedFile"]["status"], 0);
    assert_eq!(up[0]["images"], json!([]));
    let file = up[0]["uploadedFile"]["id"].as_i64().unwrap();

    let images = format!("/api/project/{project}/imageinstance.json");
    assert_eq!(admin.get(&images).await.1["size"], 0, "no image yet");
    let (status, _) = admin
        .get(&format!("/api/uploadedfile/{file}/abstractimage.json"))
        .await;
    assert_eq!(status, 404, "no abstract image yet");

    poll(&admin, &format!("/api/uploadedfile/{file}.json"), |f| {
        f["status"] == 100
    })
    .await;
    let listed = poll(&admin, &images, |l| l["size"] == 1).await;
    let instance = listed["collection"][0]["id"].as_i64().unwrap();
    let (_, stain) = admin
        .get(&format!(
            "/api/imageinstance/{instance}/key/stain/property.json"
        ))
        .await;
    assert_eq!(stain["value"], "HE");
    let (status, image) = admin
        .get(&format!("/api/uploadedfile/{file}/abstractimage.json"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (image["width"].clone(), image["height"].clone()),
        (json!(40), json!(30))
    );
}

/// A file that is not an image: UPLOADED in the answer, ERROR_FORMAT (11) once the background
/// import has looked at it (`core/src/main/java/be/cytomine/domain/image/UploadedFileStatus.java`).
#[tokio::test]
async fn an_unknown_format_fails_in_the_background() {
    let (_emu, admin, _bob) = setup().await;
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = items(&storages)[0]["id"].as_i64().unwrap();
    let (status, up) = upload(
        &admin,
        &format!("storage={storage}"),
        "notes.txt",
        b"hi".to_vec(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(up[0]["uploadedFile"]["status"], 0);
    let file = up[0]["uploadedFile"]["id"].as_i64().unwrap();
    poll(&admin, &format!("/api/uploadedfile/{file}.json"), |f| {
        f["status"] == 11
    })
    .await;
}
