//! Signature verification, 401 pages, admin session and key endpoints.

use crate::support::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn ping_is_open() {
    let emu = Emulator::start().await.unwrap();
    let res = reqwest::get(format!("{}/server/ping", emu.base_url()))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["alive"], true);
    assert_eq!(body["serverURL"], emu.base_url());
}

#[tokio::test]
async fn every_signing_form_is_accepted() {
    let emu = Emulator::start().await.unwrap();
    let admin = Client::new(&emu, emu.admin());
    for form in [Form::Current, Form::Legacy, Form::EmptyType] {
        let (status, body) = into_json(
            admin
                .send(Method::GET, "/api/user/current.json", None, form)
                .await,
        )
        .await;
        assert_eq!(status, 200, "{form:?}");
        assert_eq!(body["username"], "admin");
    }
    let body = json!({"name": "signed post"});
    for form in [Form::Current, Form::Legacy, Form::EmptyType] {
        let b = json!({"name": format!("p {form:?}")});
        let (status, _) = into_json(
            admin
                .send(Method::POST, "/api/ontology.json", Some(&b), form)
                .await,
        )
        .await;
        assert_eq!(status, 200, "{form:?}");
    }
    let _ = body;
}

#[tokio::test]
async fn bad_absent_or_disabled_gives_401_html() {
    let emu = Emulator::start().await.unwrap();
    let res = reqwest::get(format!("{}/api/project.json", emu.base_url()))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert!(res.text().await.unwrap().contains("Authorization required"));

    let mut wrong = emu.admin();
    wrong.private_key = "not-the-key".into();
    let res = Client::new(&emu, wrong)
        .send(Method::GET, "/api/project.json", None, Form::Current)
        .await;
    assert_eq!(res.status().as_u16(), 401);
    assert!(res.text().await.unwrap().contains("Cytomine error 401"));

    let carol = emu.add_user("carol", Role::User);
    let client = Client::new(&emu, carol.clone());
    assert_eq!(client.get("/api/user/current.json").await.0, 200);
    emu.set_user_enabled(carol.id, false);
    assert_eq!(client.get("/api/user/current.json").await.0, 401);
    assert!(emu.request_count() >= 4);
}

#[tokio::test]
async fn current_user_is_stable_and_has_keys() {
    let emu = Emulator::start().await.unwrap();
    let admin = Client::new(&emu, emu.admin());
    let (_, a) = admin.get("/api/user/current.json").await;
    let (_, b) = admin.get("/api/user/current.json").await;
    assert_eq!(a, b);
    assert_eq!(a["publicKey"], emu.admin().public_key);
    assert_eq!(a["privateKey"], emu.admin().private_key);
    for k in [
        "id",
        "username",
        "firstname",
        "lastname",
        "name",
        "email",
        "fullName",
        "created",
        "updated",
    ] {
        assert!(a.get(k).is_some(), "{k}");
    }
}

#[tokio::test]
async fn admin_session_and_keys() {
    let (emu, admin, bob) = setup().await;
    let (status, info) = admin.get("/session/admin/info.json").await;
    assert_eq!(status, 200);
    assert_eq!(info["adminByNow"], true);
    let (status, body) = bob.get("/session/admin/open.json").await;
    assert_eq!(status, 403);
    assert_eq!(body["errors"]["message"], "You are not an admin!");
    let path = format!("/api/userkey/{}/keys.json", bob.keys.public_key);
    let (status, keys) = bob.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(keys["privateKey"], bob.keys.private_key);
    let (status, _) = bob
        .get(&format!("/api/user/{}/keys.json", emu.admin().id))
        .await;
    assert_eq!(status, 403);
    let (status, sig) = bob
        .get("/api/signature.json?method=GET&date=Mon,%2001%20Jan%202024")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        sig["signature"],
        hmac(&bob.keys.private_key, "GET\n\n\nMon, 01 Jan 2024")
    );
}

#[tokio::test]
async fn roles_are_listed() {
    let emu = Emulator::start().await.unwrap();
    let (status, roles) = Client::new(&emu, emu.admin()).get("/api/role.json").await;
    assert_eq!(status, 200);
    let names: Vec<&str> = roles["collection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["authority"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["ROLE_SUPER_ADMIN", "ROLE_ADMIN", "ROLE_USER", "ROLE_GUEST"]
    );
}
