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
