//! The 2026 repository profile (docs/protocol.md §2.7): users, roles and user-roles, relation terms, tag
//! associations and uploaded files; the other domains stay classic.

use crate::support::*;
use serde_json::{json, Value};

const PROJECT: &str = "be.cytomine.domain.project.Project";

#[tokio::test]
async fn user_crud_is_migrated_but_current_user_and_listing_stay_classic() {
    let (_emu, admin, bob) = repo().await;
    let body = json!({"username": "carol", "firstname": "Carol", "lastname": "C", "email": "c@x.org",
        "password": "pw", "role": "ROLE_USER", "language": "FRENCH", "developer": true});
    let carol = created(&admin, "/api/user.json", body, "AddSecUser").await;
    assert_record(&carol, "USER");
    assert_eq!(
        (&carol["isDeveloper"], &carol["language"]),
        (&json!(true), &json!("FRENCH"))
    );
    assert_eq!(carol["roles"][0]["authority"], "ROLE_USER");
    assert_record(&carol["roles"][0], "ROLE");
    let id = carol["id"].as_i64().unwrap();
    let (status, _) = admin
        .post(
            "/api/user.json",
            &json!({"username": "dave", "email": "d@x.org", "language": "ENGLISH"}),
        )
        .await;
    assert_eq!(status, 500, "a missing role crashes the repository");
    let (status, by_name) = admin.get("/api/user/carol.json").await;
    assert_eq!(
        (status, &by_name["status"]),
        (400, &json!(400)),
        "numeric ids only"
    );
    let (_, seen) = bob.get(&format!("/api/user/{id}.json")).await;
    assert_record(&seen, "USER");
    assert!(
        seen["privateKey"].is_null(),
        "another user's keys are not shown"
    );
    let (status, _) = admin
        .put(&format!("/api/user/{id}.json"), &json!({"firstname": "X"}))
        .await;
    assert_eq!(status, 500, "an update needs the username");
    let (status, edited) = admin
        .put(
            &format!("/api/user/{id}.json"),
            &json!({"username": "carol", "lastname": "Z"}),
        )
        .await;
    assert_eq!(status, 200);
    let data = data_of(&edited, "EditSecUser");
    assert_eq!(
        (&data["firstname"], &data["lastname"]),
        (&json!("Carol"), &json!("Z"))
    );
    let (_, current) = admin.get("/api/user/current.json").await;
    assert!(
        current["created"].is_number() && current.get("dataType").is_none(),
        "{current}"
    );
    let (_, list) = admin.get("/api/user.json").await;
    assert!(items(&list)[0]["role"].is_string() && items(&list)[0].get("dataType").is_none());
    let (status, refused) = admin
        .delete(&format!("/api/user/{}.json", admin.keys.id))
        .await;
    assert_eq!((status, &refused["status"]), (403, &json!(403)));
    let (status, deleted) = admin.delete(&format!("/api/user/{id}.json")).await;
    assert_eq!(status, 200);
    assert!(is_iso(&data_of(&deleted, "DeleteSecUser")["deleted"]));
    let (status, _) = admin.get(&format!("/api/user/{id}.json")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn roles_and_user_roles() {
    let (_emu, admin, bob) = repo().await;
    let (_, roles) = admin.get("/api/role.json").await;
    assert_eq!(roles["size"], 4);
    let admin_role = items(&roles)
        .iter()
        .find(|r| r["authority"] == "ROLE_ADMIN")
        .unwrap()
        .clone();
    assert_record(&admin_role, "ROLE");
    let rid = admin_role["id"].as_i64().unwrap();
    let (status, one) = admin.get(&format!("/api/role/{rid}.json")).await;
    assert_eq!((status, &one["authority"]), (200, &json!("ROLE_ADMIN")));
    let (status, missing) = admin.get("/api/role/424242.json").await;
    assert_eq!(status, 404);
    assert_problem(
        &missing,
        404,
        "Unable to find role with id: 424242",
        "/api/role/424242.json",
    );
    let uid = bob.keys.id;
    let granted = created(
        &admin,
        &format!("/api/user/{uid}/role.json"),
        json!({"userId": uid, "roleId": rid}),
        "AddSecUserSecRole",
    )
    .await;
    assert_record(&granted, "USER_ROLE");
    assert_eq!(
        (&granted["userId"], &granted["roleId"]),
        (&json!(uid), &json!(rid))
    );
    let one = format!("/api/user/{uid}/role/{rid}.json");
    let (_, got) = admin.get(&one).await;
    assert_eq!(got["id"], granted["id"]);
    let (_, list) = admin.get(&format!("/api/user/{uid}/role.json")).await;
    assert_eq!(items(&list).len(), 2);
    let (status, answer) = admin.delete(&one).await;
    assert_eq!(status, 200);
    data_of(&answer, "DeleteSecUserSecRole");
    let (status, _) = admin.get(&one).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn relation_terms_live_at_their_own_id() {
    let (_emu, admin, _bob) = repo().await;
    let o = created(
        &admin,
        "/api/ontology.json",
        json!({"name": "rel"}),
        "AddOntology",
    )
    .await;
    let term = |name: &str| json!({"name": name, "color": "#123456", "ontology": o["id"]});
    let parent = created(&admin, "/api/term.json", term("parent"), "AddTerm").await["id"]
        .as_i64()
        .unwrap();
    let child = created(&admin, "/api/term.json", term("child"), "AddTerm").await["id"]
        .as_i64()
        .unwrap();
    let rel = created(
        &admin,
        "/api/relation/parent/term.json",
        json!({"term1": parent, "term2": child}),
        "AddTermRelation",
    )
    .await;
    assert_record(&rel, "TERM_RELATION");
    assert_eq!(
        (&rel["term1Id"], &rel["term2Id"], &rel["name"]),
        (&json!(parent), &json!(child), &json!("parent"))
    );
    let id = rel["id"].as_i64().unwrap();
    let (status, got) = admin.get(&format!("/api/relation/term/{id}.json")).await;
    assert_eq!((status, &got["id"]), (200, &json!(id)));
    let (_, p) = admin.get(&format!("/api/term/{parent}.json")).await;
    assert_eq!(p["children"][0]["id"], child);
    let pair = format!("/api/relation/parent/term1/{parent}/term2/{child}.json");
    let (status, _) = admin.get(&pair).await;
    assert_eq!(status, 405, "no GET by term pair");
    let (status, answer) = admin.delete(&pair).await;
    assert_eq!(status, 200);
    data_of(&answer, "DeleteTermRelation");
    let (status, _) = admin.get(&format!("/api/relation/term/{id}.json")).await;
    assert_eq!(status, 404);
    let again = created(
        &admin,
        "/api/relation/term.json",
        json!({"term1Id": parent, "term2Id": child}),
        "AddTermRelation",
    )
    .await;
    assert_eq!(again["term2Id"], child);
}

#[tokio::test]
async fn tag_associations_and_uploaded_files() {
    let (_emu, admin, _bob) = repo().await;
    let w = world(&admin, "assoc").await;
    let tag = created(&admin, "/api/tag.json", json!({"name": "t"}), "AddTag").await;
    assert_eq!(tag["creatorName"], "admin");
    let tid = tag["id"].as_i64().unwrap();
    let by_repo = json!({"tagId": tid, "domainClassName": PROJECT, "domainId": w.project});
    let a = created(
        &admin,
        "/api/tag_domain_association.json",
        by_repo,
        "AddTagDomainAssociation",
    )
    .await;
    assert_record(&a, "TAG_DOMAIN_ASSOCIATION");
    assert_eq!(
        (&a["tagId"], &a["domainId"]),
        (&json!(tid), &json!(w.project))
    );
    let (status, _) = admin
        .delete(&format!("/api/tag_domain_association/{}.json", a["id"]))
        .await;
    assert_eq!(status, 200);
    let by_python = json!({"tag": tid, "domainClassName": PROJECT, "domainIdent": w.project});
    let b = created(
        &admin,
        "/api/tag_domain_association.json",
        by_python,
        "AddTagDomainAssociation",
    )
    .await;
    assert_eq!(b["domainId"], w.project);
    let (_, storages) = admin.get("/api/storage.json").await;
    let storage = items(&storages)[0]["id"].clone();
    let file = json!({"user": admin.keys.id, "storage": storage, "filename": "a.png", "originalFilename": "a.png",
        "ext": "png", "contentType": "image/png", "size": 3, "status": 100, "projects": [w.project]});
    let f = created(&admin, "/api/uploadedfile.json", file, "AddUploadedFile").await;
    assert_record(&f, "UPLOADED_FILE");
    assert_eq!(
        (&f["thumbnailUrl"], &f["projects"]),
        (&Value::Null, &json!([w.project]))
    );
    let (_, files) = admin.get("/api/uploadedfile.json").await;
    assert_eq!(items(&files)[0]["id"], f["id"]);
}

#[tokio::test]
async fn the_other_domains_stay_classic() {
    let (_emu, admin, _bob) = repo().await;
    let w = world(&admin, "classic").await;
    let (_, project) = admin.get(&format!("/api/project/{}.json", w.project)).await;
    assert_eq!(project["class"], PROJECT);
    assert!(project["created"].is_string() && !is_iso(&project["created"]));
    let (_, annotation) = admin
        .get(&format!("/api/annotation/{}.json", w.annotation))
        .await;
    assert!(annotation["class"].is_string());
    let (_, classic) = setup().await.1.get("/api/term.json").await;
    assert!(
        classic["collection"].is_array(),
        "the classic profile still lists terms"
    );
}
