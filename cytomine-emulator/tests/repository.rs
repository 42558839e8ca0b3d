//! The 2026 repository profile (WIRE.md §2.7): records, envelopes, paging, partial updates, soft
//! deletes and refusals of the ten migrated domains; the other domains stay classic.

mod common;
mod support;

use common::*;
use serde_json::{json, Value};
use support::*;

const PROJECT: &str = "be.cytomine.domain.project.Project";

async fn repo() -> (Emulator, Client, Client) {
    setup_with(Profile::Repository).await
}

/// `yyyy-MM-ddTHH:mm:ss`.
fn is_iso(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    let b = s.as_bytes();
    b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && s.chars()
            .enumerate()
            .all(|(i, c)| [4, 7, 10, 13, 16].contains(&i) || c.is_ascii_digit())
}

/// A live record of `data_type`: no `class`, ISO times, `deleted` null.
fn assert_record(rec: &Value, data_type: &str) {
    assert_eq!(rec["dataType"], data_type, "{rec}");
    assert!(rec.get("class").is_none(), "no class in {rec}");
    assert!(is_iso(&rec["created"]) && is_iso(&rec["updated"]), "{rec}");
    assert!(rec["deleted"].is_null(), "{rec}");
    assert!(rec["id"].as_i64().is_some(), "{rec}");
}

/// An `HttpCommandResponse` of `command`; returns its `data`.
fn data_of<'a>(answer: &'a Value, command: &str) -> &'a Value {
    assert_eq!(answer["printMessage"], true, "{answer}");
    assert_eq!(answer["command"], format!("be.cytomine.{command}Command"));
    let uuid = answer["commandId"].as_str().unwrap_or_default();
    assert_eq!((uuid.len(), uuid.matches('-').count()), (36, 4), "{answer}");
    assert!(answer["subCommands"].is_array(), "{answer}");
    &answer["data"]
}

fn assert_problem(answer: &Value, status: u16, detail: &str, instance: &str) {
    let expected = json!({"type": "about:blank", "title": answer["title"], "status": status,
        "detail": detail, "instance": instance});
    assert_eq!(answer, &expected);
}

async fn created(client: &Client, path: &str, body: Value, command: &str) -> Value {
    let (status, answer) = client.post(path, &body).await;
    assert_eq!(status, 200, "{path}: {answer}");
    data_of(&answer, command).clone()
}

#[tokio::test]
async fn records_have_no_class_iso_times_and_a_data_type() {
    let (_emu, admin, _bob) = repo().await;
    let o = created(
        &admin,
        "/api/ontology.json",
        json!({"name": "O"}),
        "AddOntology",
    )
    .await;
    assert_record(&o, "ONTOLOGY");
    assert_eq!(o["user"], admin.keys.id);
    let id = o["id"].as_i64().unwrap();
    let t = created(
        &admin,
        "/api/term.json",
        json!({"name": "T", "color": "#FF0000", "ontology": id}),
        "AddTerm",
    )
    .await;
    assert_record(&t, "TERM");
    assert_eq!(
        (t["ontologyId"].as_i64(), t.get("ontology")),
        (Some(id), None)
    );
    let t2 = created(
        &admin,
        "/api/term.json",
        json!({"name": "T2", "color": "#00FF00", "ontologyId": id}),
        "AddTerm",
    )
    .await;
    assert_eq!(
        t2["ontologyId"], id,
        "the repository's own body name works too"
    );
    let (status, got) = admin.get(&format!("/api/ontology/{id}.json")).await;
    assert_eq!(status, 200);
    assert_record(&got, "ONTOLOGY");
    let names: Vec<&str> = got["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["T", "T2"]);
    let (_, s) = admin.get("/api/storage.json").await;
    let storage = &items(&s)[0];
    assert_record(storage, "STORAGE");
    assert_eq!(storage["userId"], admin.keys.id);
}

#[tokio::test]
async fn collections_page_by_page_and_size_and_ignore_max_offset() {
    let (_emu, admin, _bob) = repo().await;
    for i in 0..25 {
        created(
            &admin,
            "/api/tag.json",
            json!({"name": format!("tag{i:02}")}),
            "AddTag",
        )
        .await;
    }
    let (_, all) = admin.get("/api/tag.json?max=5&offset=3").await;
    assert_eq!(items(&all).len(), 20, "20 by default, max/offset ignored");
    assert_eq!(
        (
            &all["offset"],
            &all["perPage"],
            &all["size"],
            &all["totalPages"]
        ),
        (&json!(0), &json!(20), &json!(25), &json!(2))
    );
    assert_eq!(
        items(&all)[0]["name"],
        "tag24",
        "tags sort by created, desc"
    );
    let (_, last) = admin.get("/api/tag.json?page=1&size=20").await;
    assert_eq!((items(&last).len(), &last["offset"]), (5, &json!(20)));
    assert_eq!(items(&last)[4]["name"], "tag00");
    let (_, one) = admin.get("/api/tag.json?page=0&size=1").await;
    assert_eq!(
        (&one["perPage"], &one["size"], &one["totalPages"]),
        (&json!(1), &json!(25), &json!(25))
    );
    let (_, big) = admin.get("/api/tag.json?size=5000").await;
    assert_eq!((items(&big).len(), &big["perPage"]), (25, &json!(2000)));
    let (_, past) = admin.get("/api/tag.json?page=9").await;
    assert_eq!(
        (items(&past).len(), &past["perPage"], &past["totalPages"]),
        (0, &json!(20), &json!(2))
    );
}

#[tokio::test]
async fn put_is_partial_and_targets_the_path() {
    let (_emu, admin, bob) = repo().await;
    let s = created(
        &admin,
        "/api/storage.json",
        json!({"name": "first"}),
        "AddStorage",
    )
    .await;
    let id = s["id"].as_i64().unwrap();
    let path = format!("/api/storage/{id}.json");
    let (status, edited) = admin
        .put(&path, &json!({"name": "second", "id": 999_999}))
        .await;
    assert_eq!(status, 200, "{edited}");
    let data = data_of(&edited, "EditStorage");
    assert_eq!(
        (&data["name"], &data["userId"], &data["id"]),
        (&json!("second"), &json!(admin.keys.id), &json!(id))
    );
    assert_eq!(data["created"], s["created"]);
    let (status, missing) = admin
        .put("/api/storage/424242.json", &json!({"name": "x"}))
        .await;
    assert_eq!(status, 404);
    assert_problem(
        &missing,
        404,
        "Unable to find storage with id: 424242",
        "/api/storage/424242.json",
    );
    let (status, theirs) = bob.put(&path, &json!({"name": "mine"})).await;
    assert_eq!(status, 404, "no permission is a 404 too: {theirs}");
    let (status, _) = bob.get(&path).await;
    assert_eq!(status, 404, "unreadable is a 404");
}

#[tokio::test]
async fn delete_is_soft_and_cascades_terms_as_sub_commands() {
    let (_emu, admin, _bob) = repo().await;
    let o = created(
        &admin,
        "/api/ontology.json",
        json!({"name": "gone"}),
        "AddOntology",
    )
    .await;
    let oid = o["id"].as_i64().unwrap();
    let mut terms = Vec::new();
    for name in ["a", "b"] {
        let t = created(
            &admin,
            "/api/term.json",
            json!({"name": name, "color": "#000000", "ontology": oid}),
            "AddTerm",
        )
        .await;
        terms.push(t["id"].as_i64().unwrap());
    }
    let (status, answer) = admin.delete(&format!("/api/ontology/{oid}.json")).await;
    assert_eq!(status, 200, "{answer}");
    let data = data_of(&answer, "DeleteOntology");
    assert!(is_iso(&data["deleted"]), "{data}");
    let subs = answer["subCommands"].as_array().unwrap();
    assert_eq!(subs.len(), 2);
    for (sub, id) in subs.iter().zip(&terms) {
        let t = data_of(sub, "DeleteTerm");
        assert_eq!((&t["id"], is_iso(&t["deleted"])), (&json!(id), true));
    }
    let (status, gone) = admin.get(&format!("/api/ontology/{oid}.json")).await;
    assert_eq!(status, 404);
    assert_problem(
        &gone,
        404,
        &format!("Unable to find ontology with id: {oid}"),
        &format!("/api/ontology/{oid}.json"),
    );
    let (status, _) = admin.get(&format!("/api/term/{}.json", terms[0])).await;
    assert_eq!(status, 404);
    let (_, list) = admin.get("/api/ontology.json").await;
    assert!(
        items(&list).is_empty(),
        "lists skip deleted records: {list}"
    );
    let (status, again) = admin.delete(&format!("/api/ontology/{oid}.json")).await;
    assert_eq!((status, &again["status"]), (404, &json!(404)));
}

#[tokio::test]
async fn ontology_list_holds_only_the_callers_own() {
    let (_emu, admin, bob) = repo().await;
    created(
        &admin,
        "/api/ontology.json",
        json!({"name": "admins"}),
        "AddOntology",
    )
    .await;
    created(
        &bob,
        "/api/ontology.json",
        json!({"name": "bobs"}),
        "AddOntology",
    )
    .await;
    for (client, name) in [(&admin, "admins"), (&bob, "bobs")] {
        let (_, list) = client.get("/api/ontology.json").await;
        let names: Vec<&Value> = items(&list).iter().map(|o| &o["name"]).collect();
        assert_eq!(names, [&json!(name)]);
        assert_record(&items(&list)[0], "ONTOLOGY");
        let (_, light) = client.get("/api/ontology_light.json").await;
        assert_eq!(items(&light)[0]["name"], name);
    }
}

#[tokio::test]
async fn no_term_list_and_arrays_are_refused_on_create() {
    let (_emu, admin, _bob) = repo().await;
    let (status, answer) = admin.get("/api/term.json").await;
    assert_eq!((status, &answer["status"]), (405, &json!(405)));
    for path in [
        "ontology.json",
        "term.json",
        "storage.json",
        "tag.json",
        "uploadedfile.json",
        "user.json",
        "tag_domain_association.json",
    ] {
        let (status, _) = admin
            .post(&format!("/api/{path}"), &json!([{"name": "x"}]))
            .await;
        assert_eq!(status, 400, "{path}");
    }
    let (status, body) = admin.post("/api/tag.json", &json!({})).await;
    assert_eq!(status, 500, "a rejected create is core's unhandled error");
    assert!(body
        .as_str()
        .is_some_and(|html| html.contains("Cytomine error 500")));
}

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
