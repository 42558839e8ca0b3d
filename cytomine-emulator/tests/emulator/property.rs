//! Properties: domain-scoped CRUD, shortcuts, keys, class resolution, ACL, upload keys/values.

use crate::support::*;
use serde_json::json;

const PROJECT: &str = "be.cytomine.domain.project.Project";

#[tokio::test]
async fn domain_scoped_crud_with_string_values() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "props").await;
    let base = format!("/api/domain/{PROJECT}/{}", w.project);
    let (status, created) = admin
        .post(
            &format!("{base}/property.json"),
            &json!({"key": "stain", "value": 42}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let id = id_in(&created, "property");
    let p = &created["property"];
    assert_eq!(p["class"], "be.cytomine.domain.meta.Property");
    assert_eq!(p["value"], "42", "values are always strings");
    assert_eq!(p["domainClassName"], PROJECT);
    assert_eq!(p["domainIdent"], w.project);
    assert_eq!(created["callback"]["propertyID"], id.to_string());

    let (status, one) = admin.get(&format!("{base}/property/{id}.json")).await;
    assert_eq!((status, one["key"].as_str()), (200, Some("stain")));
    let (status, by_key) = admin.get(&format!("{base}/key/stain/property.json")).await;
    assert_eq!((status, by_key["id"].as_i64()), (200, Some(id)));
    let (status, missing) = admin.get(&format!("{base}/key/nope/property.json")).await;
    assert_eq!(status, 404);
    assert!(missing["errors"]["message"]
        .as_str()
        .unwrap()
        .starts_with("Property not found with filters"));

    let mut body = one.clone();
    body["value"] = json!("H&E");
    let (status, edited) = admin
        .put(&format!("{base}/property/{id}.json"), &body)
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["property"]["value"], "H&E");

    let (_, list) = admin
        .get(&format!("/api/project/{}/property.json", w.project))
        .await;
    assert_eq!(items(&list).len(), 1);
    assert_eq!(items(&list)[0]["value"], "H&E");

    let (status, _) = bob.get(&format!("{base}/property.json")).await;
    assert_eq!(
        status, 403,
        "non-members cannot read a project's properties"
    );

    let (status, deleted) = admin.delete(&format!("{base}/property/{id}.json")).await;
    assert_eq!(status, 200);
    assert_eq!(deleted["property"]["id"], id);
    let (status, _) = admin.get(&format!("{base}/property/{id}.json")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_classes_and_missing_fields() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "classes").await;
    let (status, old_name) = admin
        .post(
            &format!(
                "/api/domain/be.cytomine.project.Project/{}/property.json",
                w.project
            ),
            &json!({"key": "k", "value": "v"}),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        old_name["errors"]["message"],
        format!("Domain be.cytomine.project.Project/{}", w.project)
    );
    let (status, _) = admin
        .get(&format!("/api/domain/{PROJECT}/999999/property.json"))
        .await;
    assert_eq!(status, 404);
    let (status, no_key) = admin
        .post(
            "/api/property.json",
            &json!({"domainClassName": PROJECT, "domainIdent": w.project, "value": "v"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(no_key["errors"], "key must be set! value=null");
    let (status, batch) = admin
        .post(
            &format!("/api/imageinstance/{}/property.json", w.image),
            &json!([{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]),
        )
        .await;
    assert_eq!((status, batch["status"].as_i64()), (200, Some(200)));
}

#[tokio::test]
async fn annotation_shortcut_and_key_lists() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "keys").await;
    let base = format!("/api/annotation/{}", w.annotation);
    let (status, created) = admin
        .post(
            &format!("{base}/property.json"),
            &json!({"key": "grade", "value": "3"}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(
        created["property"]["domainClassName"],
        "be.cytomine.domain.ontology.UserAnnotation"
    );
    let id = id_in(&created, "property");
    let (status, one) = admin.get(&format!("{base}/property/{id}.json")).await;
    assert_eq!((status, one["value"].as_str()), (200, Some("3")));
    let (_, keys) = admin
        .get(&format!(
            "/api/annotation/property/key.json?idProject={}",
            w.project
        ))
        .await;
    assert_eq!(items(&keys), &vec![json!("grade")]);
    admin
        .post(
            &format!("/api/imageinstance/{}/property.json", w.image),
            &json!({"key": "scanner", "value": "x"}),
        )
        .await;
    let (_, keys) = admin
        .get(&format!(
            "/api/imageinstance/property/key.json?idProject={}",
            w.project
        ))
        .await;
    assert_eq!(items(&keys), &vec![json!("scanner")]);
}

#[tokio::test]
async fn deleting_the_owner_deletes_its_properties() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "cascade").await;
    let (_, created) = admin
        .post(
            &format!("/api/imageinstance/{}/property.json", w.image),
            &json!({"key": "k", "value": "v"}),
        )
        .await;
    let id = id_in(&created, "property");
    let path = format!("/api/project/{}/property/{id}.json", w.project);
    let (status, _) = admin.get(&path).await;
    assert_eq!(status, 200);
    let (status, _) = admin
        .delete(&format!("/api/project/{}.json", w.project))
        .await;
    assert_eq!(status, 200);
    let (status, gone) = admin.get(&path).await;
    assert_eq!(status, 404);
    assert_eq!(
        gone["errors"]["message"],
        format!("Property not found with filters : {{id={id}}}")
    );
}

#[tokio::test]
async fn upload_keys_and_values_become_image_properties() {
    let (_emu, admin, _bob) = setup().await;
    let (_, p) = admin
        .post("/api/project.json", &json!({"name": "up"}))
        .await;
    let project = id_in(&p, "project");
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = items(&storages)[0]["id"].as_i64().unwrap();
    let png =
        cytomine_emulator::imaging::demo_image(64, 48, cytomine_emulator::imaging::Format::Png, 3);
    let (status, up) = multipart(
        &admin,
        &format!("/upload?storage={storage}&projects={project}&sync=True&keys=stain,scanner&values=HE,X1"),
        "slide.png",
        &png,
    )
    .await;
    assert_eq!(status, 200, "{up}");
    let instance = up[0]["images"][0]["imageInstances"][0]["id"]
        .as_i64()
        .unwrap();
    let abstract_id = up[0]["images"][0]["image"]["id"].as_i64().unwrap();
    let (_, on_instance) = admin
        .get(&format!(
            "/api/imageinstance/{instance}/key/stain/property.json"
        ))
        .await;
    assert_eq!(on_instance["value"], "HE");
    let (_, on_base) = admin
        .get(&format!(
            "/api/domain/be.cytomine.domain.image.AbstractImage/{abstract_id}/property.json"
        ))
        .await;
    let mut pairs: Vec<(String, String)> = items(&on_base)
        .iter()
        .map(|x| {
            (
                x["key"].as_str().unwrap().into(),
                x["value"].as_str().unwrap().into(),
            )
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        vec![
            ("scanner".into(), "X1".into()),
            ("stain".into(), "HE".into())
        ]
    );
    let (status, bad) = multipart(
        &admin,
        &format!("/upload?storage={storage}&keys=a,b&values=1"),
        "slide.png",
        &png,
    )
    .await;
    assert_eq!(status, 400, "{bad}");
}
