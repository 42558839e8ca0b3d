//! Attached files: multipart upload (full path names), bare answers, lists, download, delete.

use crate::support::*;

const PROJECT: &str = "be.cytomine.domain.project.Project";

#[tokio::test]
async fn upload_fetch_list_download_delete() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "files").await;
    let (status, file) = multipart(
        &admin,
        &format!(
            "/api/attachedfile.json?domainClassName={PROJECT}&domainIdent={}",
            w.project
        ),
        "/home/me/tests/data/attached_file.txt",
        b"attached file",
    )
    .await;
    assert_eq!(status, 200, "{file}");
    let id = file["id"].as_i64().expect("a bare object with an id");
    assert_eq!(file["class"], "be.cytomine.domain.meta.AttachedFile");
    assert_eq!(file["filename"], "attached_file.txt");
    assert_eq!(file["url"], format!("/api/attachedfile/{id}/download"));
    assert_eq!(file["domainIdent"], w.project);

    let (status, fetched) = admin.get(&format!("/api/attachedfile/{id}.json")).await;
    assert_eq!(
        (status, fetched["filename"].as_str()),
        (200, Some("attached_file.txt"))
    );
    let (_, of_project) = admin
        .get(&format!(
            "/api/domain/{PROJECT}/{}/attachedfile.json",
            w.project
        ))
        .await;
    assert_eq!(items(&of_project).len(), 1);
    let (_, all) = bob.get("/api/attachedfile.json").await;
    assert_eq!(
        items(&all).len(),
        0,
        "bob reads no file of a project he is not in"
    );

    for suffix in ["download", "download.json"] {
        let (status, headers, bytes) =
            bytes_of(&admin, &format!("/api/attachedfile/{id}/{suffix}"), None).await;
        assert_eq!(status, 200);
        assert_eq!(bytes, b"attached file");
        assert_eq!(
            headers["content-disposition"],
            "attachment; filename=\"attached_file.txt\""
        );
    }

    let (status, renamed) = multipart(
        &admin,
        &format!(
            "/api/attachedfile.json?domainClassName={PROJECT}&domainIdent={}&filename=c:\\x\\notes.md&key=doc",
            w.project
        ),
        "other.bin",
        b"# notes",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(renamed["filename"], "notes.md");
    assert_eq!(renamed["key"], "doc");

    let (status, deleted) = admin.delete(&format!("/api/attachedfile/{id}.json")).await;
    assert_eq!(status, 200);
    assert_eq!(deleted["attachedfile"]["id"], id);
    let (status, missing) = admin.get(&format!("/api/attachedfile/{id}.json")).await;
    assert_eq!(status, 404);
    assert_eq!(
        missing["errors"]["message"],
        format!("AttachedFile {id} not found")
    );
}

#[tokio::test]
async fn upload_refusals() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "refusals").await;
    let path = format!(
        "/api/attachedfile.json?domainClassName={PROJECT}&domainIdent={}",
        w.project
    );
    let (status, _) = multipart(&bob, &path, "a.txt", b"x").await;
    assert_eq!(status, 403, "bob is not a member");
    let (status, body) = multipart(
        &admin,
        "/api/attachedfile.json?domainClassName=be.cytomine.project.Project&domainIdent=1",
        "a.txt",
        b"x",
    )
    .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = multipart(
        &admin,
        "/api/attachedfile.json?domainIdent=1",
        "a.txt",
        b"x",
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["errors"]["message"],
        "domainClassName must be set! value=null"
    );
}
