//! The 2026 repository profile (docs/protocol.md §2.7): records, envelopes, paging, partial updates, soft
//! deletes and refusals of the ten migrated domains; the other domains stay classic.

use crate::support::*;
use serde_json::{json, Value};

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
