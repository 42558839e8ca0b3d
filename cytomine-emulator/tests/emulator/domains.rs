//! CRUD envelopes, error bodies, batch outcomes, paging and ACL over HTTP.

use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn project_crud_envelopes_and_errors() {
    let (_emu, admin, _bob) = setup().await;
    let (status, created) = admin
        .post("/api/project.json", &json!({"name": "P1"}))
        .await;
    assert_eq!(status, 200);
    let id = created["project"]["id"].as_i64().unwrap();
    assert_eq!(created["callback"]["projectID"], id.to_string());
    assert_eq!(
        created["callback"]["method"],
        "be.cytomine.AddProjectCommand"
    );
    assert_eq!(created["message"], format!("Project {id} (P1) added"));
    assert_eq!(created["printMessage"], true);
    assert!(created["command"].is_i64());
    assert_eq!(
        created["project"]["class"],
        "be.cytomine.domain.project.Project"
    );
    assert!(created["project"]["created"].is_string());

    let (status, dup) = admin
        .post("/api/project.json", &json!({"name": "P1"}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(
        dup,
        json!({"success": false, "errors": "Project P1 already exist!", "errorValues": {}})
    );

    let (status, arr) = admin
        .post("/api/project.json", &json!([{"name": "x"}]))
        .await;
    assert_eq!(status, 400, "{arr}");

    let (status, edited) = admin
        .put(
            &format!("/api/project/{}.json", 999_999),
            &json!({"id": id, "name": "P2"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        edited["callback"]["method"],
        "be.cytomine.EditProjectCommand"
    );
    assert_eq!(edited["project"]["name"], "P2");
    let (status, missing) = admin
        .put("/api/project/1.json", &json!({"name": "P3"}))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        missing["errors"],
        "class be.cytomine.domain.project.Project null not found"
    );

    let (status, deleted) = admin.delete(&format!("/api/project/{id}.json")).await;
    assert_eq!(status, 200);
    assert_eq!(deleted["project"]["name"], "P2");
    let (status, gone) = admin.get(&format!("/api/project/{id}.json")).await;
    assert_eq!(status, 404);
    assert_eq!(
        gone,
        json!({"errors": {"message": format!("Project not found with filters : {{id={id}}}")}})
    );
    let (status, _) = admin.get("/api/nothing-here.json").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn ontology_terms_and_batch_outcomes() {
    let (_emu, admin, _bob) = setup().await;
    let (status, missing) = admin.post("/api/ontology.json", &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(missing["errors"], "name must be set! value=null");
    let (_, o) = admin
        .post("/api/ontology.json", &json!({"name": "O"}))
        .await;
    let ontology = o["ontology"]["id"].as_i64().unwrap();
    let ok = json!([{"name": "A", "color": "#000000", "ontology": ontology}, {"name": "B", "color": "#111111", "ontology": ontology}]);
    let (status, all) = admin.post("/api/term.json", &ok).await;
    assert_eq!(status, 200);
    assert_eq!(all["status"], 200);
    assert!(all["data"]["message"]
        .as_str()
        .unwrap()
        .starts_with("terms "));
    let partial = json!([{"name": "C", "color": "#222222", "ontology": ontology}, {"name": "A", "color": "#000000", "ontology": ontology}]);
    let (status, some) = admin.post("/api/term.json", &partial).await;
    assert_eq!(status, 200);
    assert_eq!(some["status"], 206);
    assert_eq!(some["data"]["errors"][0]["data"]["name"], "A");
    let (_, none) = admin
        .post("/api/term.json", &json!([{"name": "Z", "color": "#000"}]))
        .await;
    assert_eq!(none["status"], 400);
    assert_eq!(none["data"]["message"], "No entry saved");
    assert_eq!(
        none["data"]["errors"][0]["message"],
        "Ontology is mandatory for term creation"
    );

    let (_, tree) = admin.get(&format!("/api/ontology/{ontology}.json")).await;
    let names: Vec<&str> = tree["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A", "B", "C"]);
    let (_, terms) = admin
        .get(&format!("/api/ontology/{ontology}/term.json"))
        .await;
    assert_eq!(terms["size"], 3);

    let (_, p) = admin
        .post(
            "/api/project.json",
            &json!({"name": "uses O", "ontology": ontology}),
        )
        .await;
    assert_eq!(p["project"]["ontologyName"], "O");
    let (status, refused) = admin
        .delete(&format!("/api/ontology/{ontology}.json"))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        refused["errors"],
        "Ontology is linked with project. Cannot delete ontology!"
    );
}

#[tokio::test]
async fn paging_follows_the_wire_example() {
    let (emu, admin, bob) = setup().await;
    let carol = emu.add_user("carol", Role::User);
    let (_, p) = admin
        .post(
            "/api/project.json",
            &json!({"name": "team", "users": [bob.keys.id, carol.id]}),
        )
        .await;
    let id = p["project"]["id"].as_i64().unwrap();
    let (status, page) = admin
        .get(&format!("/api/project/{id}/user.json?max=2&offset=0"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            page["perPage"].clone(),
            page["size"].clone(),
            page["totalPages"].clone()
        ),
        (json!(2), json!(3), json!(2))
    );
    assert_eq!(page["collection"].as_array().unwrap().len(), 2);
    let (_, all) = admin
        .get(&format!("/api/project/{id}/user.json?max=0"))
        .await;
    assert_eq!(
        (all["perPage"].clone(), all["totalPages"].clone()),
        (json!(3), json!(1))
    );
    let (_, past) = admin
        .get(&format!("/api/project/{id}/user.json?max=2&offset=4"))
        .await;
    assert_eq!(past["collection"], json!([]));
    let (_, empty) = admin.get("/api/project/0/admin.json").await;
    assert!(empty["errors"].is_object());
    let (status, repeated) = admin
        .get(&format!("/api/project/{id}/user.json?max=1&max=2"))
        .await;
    assert_eq!(status, 500);
    assert_eq!(
        repeated,
        json!({"errors": {"message": "Method is not yet implemented"}})
    );
}

#[tokio::test]
async fn acl_refuses_non_members_and_lists_only_readable() {
    let (emu, admin, bob) = setup().await;
    let (_, p) = admin
        .post("/api/project.json", &json!({"name": "private"}))
        .await;
    let id = p["project"]["id"].as_i64().unwrap();
    let (status, body) = bob.get(&format!("/api/project/{id}.json")).await;
    assert_eq!(status, 403);
    assert_eq!(
        body["errors"]["message"],
        format!("You don't have the right to read or modify this resource! class be.cytomine.domain.project.Project {id}")
    );
    let (_, listed) = bob.get("/api/project.json").await;
    assert_eq!(listed["size"], 0);
    let (status, _) = admin
        .post(
            &format!("/api/project/{id}/user/{}.json", bob.keys.id),
            &json!({}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(bob.get(&format!("/api/project/{id}.json")).await.0, 200);
    let (status, wrapped) = bob.delete(&format!("/api/project/{id}.json")).await;
    assert_eq!(status, 403);
    assert_eq!(wrapped["success"], false);
    let guest = Client::new(&emu, emu.add_user("gus", Role::Guest));
    let (status, _) = guest
        .post("/api/project.json", &json!({"name": "guest project"}))
        .await;
    assert_eq!(status, 403);
    let (_, closed) = admin.get("/session/admin/close.json").await;
    assert_eq!(closed["adminByNow"], false);
    let (_, own) = admin.get("/api/project.json").await;
    assert_eq!(own["size"], 1);
}

#[tokio::test]
async fn storage_and_users() {
    let (_emu, admin, bob) = setup().await;
    let (_, mine) = bob.get("/api/storage.json").await;
    assert_eq!(mine["size"], 1);
    let (status, s) = bob
        .post(
            "/api/storage.json",
            &json!({"name": "second", "userId": bob.keys.id}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(s["storage"]["user"], bob.keys.id);
    let (status, u) = admin
        .post(
            "/api/user.json",
            &json!({"username": "dave", "email": "d@x.org"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(u["user"]["username"], "dave");
    assert_eq!(
        u["callback"]["userID"],
        u["user"]["id"].as_i64().unwrap().to_string()
    );
    let (_, online) = admin.get("/api/user.json?online=True").await;
    let names: Vec<&str> = online["collection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin", "bob"]);
}
