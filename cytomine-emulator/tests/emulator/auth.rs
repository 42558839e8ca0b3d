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

/// The status of `GET user/current.json` and `POST ontology.json` signed with `form`.
async fn statuses(client: &Client, form: Form) -> (u16, u16) {
    let get = client
        .send(Method::GET, "/api/user/current.json", None, form)
        .await
        .status()
        .as_u16();
    let body = json!({"name": format!("signed {form:?}")});
    let post = client
        .send(Method::POST, "/api/ontology.json", Some(&body), form)
        .await
        .status()
        .as_u16();
    (get, post)
}

/// One signing rule per run. The current server checks only the four-line string
/// (`core/src/main/java/be/cytomine/config/security/ApiKeyFilter.java:48` in cytomine/cytomine at
/// 0165ef76); the classic core only the one with the path (cytomine/Cytomine-core at 1d6f19ed,
/// `src/main/java/be/cytomine/config/security/ApiKeyFilter.java:57-75`); both retry with an empty
/// content type. A Python 3.1.0-style (legacy) signature is a 401 on a default emulator.
#[tokio::test]
async fn one_signing_rule_per_run() {
    let cases = [
        (None, [200, 401, 200]),
        (Some(SignatureForms::CurrentOnly), [200, 401, 200]),
        (Some(SignatureForms::LegacyOnly), [401, 200, 401]),
        (Some(SignatureForms::Both), [200, 200, 200]),
    ];
    for (forms, expected) in cases {
        let mut builder = Emulator::builder();
        if let Some(forms) = forms {
            builder = builder.signature_forms(forms);
        }
        let emu = builder.start().await.unwrap();
        let admin = Client::new(&emu, emu.admin());
        for (form, status) in [Form::Current, Form::Legacy, Form::EmptyType]
            .into_iter()
            .zip(expected)
        {
            let got = statuses(&admin, form).await;
            assert_eq!(got, (status, status), "{forms:?} {form:?}");
        }
    }
}

/// The legacy canonical string of a Python 3.1.0 client (`cytomine/cytomine.py:129-137` at
/// cytomine/Cytomine-python-client tag 3.1.0): the path and query after the date.
#[tokio::test]
async fn a_python_3_1_0_signature_needs_the_legacy_rule() {
    for (forms, status) in [
        (SignatureForms::default(), 401),
        (SignatureForms::LegacyOnly, 200),
    ] {
        let emu = Emulator::builder()
            .signature_forms(forms)
            .start()
            .await
            .unwrap();
        let client = Client::new(&emu, emu.admin());
        let canonical = format!("GET\n\napplication/json\n{DATE}\n/api/project.json?max=10");
        let res = client
            .authorized(Method::GET, "/api/project.json?max=10", &canonical)
            .header("content-type", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), status, "{forms:?}");
    }
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

/// `user/current.json` carries exactly the fields of `User.getDataFromDomain`
/// (`core/src/main/java/be/cytomine/domain/security/User.java:160-176` in cytomine/cytomine at
/// 0165ef76), no keys: the server's own `UserResourceTests.getCurrentUser`
/// (`core/src/test/java/be/cytomine/controller/security/UserResourceTests.java:404-423`) asserts
/// `publicKey` and `privateKey` absent. The keys come from `user/current/keys`
/// (`RestUserController.java:189-197`, test `UserResourceTests.java:379-388`).
#[tokio::test]
async fn current_user_is_stable_and_has_no_keys() {
    let emu = Emulator::start().await.unwrap();
    let admin = Client::new(&emu, emu.admin());
    let (_, a) = admin.get("/api/user/current.json").await;
    let (_, b) = admin.get("/api/user/current.json").await;
    assert_eq!(a, b);
    let mut fields: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    let expected = [
        "created",
        "email",
        "firstname",
        "fullName",
        "id",
        "isDeveloper",
        "language",
        "lastname",
        "name",
        "updated",
        "username",
    ];
    assert_eq!(fields, expected);
    let (status, keys) = admin.get("/api/user/current/keys").await;
    assert_eq!(status, 200);
    assert_eq!(
        keys,
        json!({"primaryKey": emu.admin().public_key, "secondaryKey": emu.admin().private_key})
    );
    let (_, other) = admin
        .get(&format!("/api/user/{}.json", emu.admin().id))
        .await;
    assert!(other.get("privateKey").is_none() && other.get("publicKey").is_none());
}

/// What the Python 4.3.0 `CurrentUser.keys()` asks once `user/current.json` has no keys:
/// `userkey/None/keys.json` (`clients/python/cytomine/models/user.py:59-60`), a 404 in the global
/// handler's shape (`RestUserController.java:155-162`).
#[tokio::test]
async fn keys_of_an_unknown_public_key_are_a_404() {
    let emu = Emulator::start().await.unwrap();
    let admin = Client::new(&emu, emu.admin());
    let (status, body) = admin.get("/api/userkey/None/keys.json").await;
    assert_eq!(status, 404);
    assert_eq!(body["errors"]["message"], "User {publicKey=None} not found");
    let (status, body) = admin.get("/api/user/nobody/keys.json").await;
    assert_eq!(status, 404);
    assert_eq!(
        body["errors"]["message"],
        "User {id or username=nobody} not found"
    );
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
