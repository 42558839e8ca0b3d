//! Fault injection seen on the wire: what each fault does to the answer and whether the
//! handler ran, the rules' matching and counting, and the control endpoint.

use std::time::{Duration, Instant};

use crate::support::*;
use cytomine_emulator::{Fault, FaultRule};
use reqwest::Method;
use serde_json::{json, Value};

/// A signed request built by hand, so that transport failures can be observed.
fn signed(
    client: &Client,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> reqwest::RequestBuilder {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client builds");
    let client = Client {
        http,
        base: client.base.clone(),
        keys: client.keys.clone(),
    };
    let mut req = client
        .signed(method, path, "application/json")
        .header("content-type", "application/json");
    if let Some(b) = body {
        req = req.body(b.to_string());
    }
    req
}

async fn project_names(admin: &Client) -> Vec<String> {
    let (status, list) = admin.get("/api/project.json").await;
    assert_eq!(status, 200);
    list["collection"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Sends a POST of a new project and reads the whole answer: `Err` when the transfer broke.
async fn post_project(admin: &Client, name: &str) -> Result<(u16, Vec<u8>), reqwest::Error> {
    let res = signed(
        admin,
        Method::POST,
        "/api/project.json",
        Some(&json!({"name": name})),
    )
    .send()
    .await?;
    let status = res.status().as_u16();
    Ok((status, res.bytes().await?.to_vec()))
}

#[tokio::test]
async fn status_fires_times_on_its_route_only_then_retires() {
    let (emu, admin, _) = setup().await;
    emu.faults().inject(
        FaultRule::new(Fault::Status(503))
            .method("GET")
            .path("project.json")
            .times(2)
            .retry_after(3),
    );
    let res = signed(&admin, Method::GET, "/api/user/current.json", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "another path is untouched");
    for _ in 0..2 {
        let res = signed(&admin, Method::GET, "/api/project.json", None)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 503);
        assert_eq!(res.headers()["retry-after"], "3");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["success"], false);
    }
    let (status, _) = admin.get("/api/project.json").await;
    assert_eq!(status, 200, "the rule retired after two firings");
    assert_eq!(emu.faults().fired(), 2);
    assert_eq!(emu.faults().pending(), 0);
}

#[tokio::test]
async fn rules_apply_in_order_and_clear_removes_them() {
    let (emu, admin, _) = setup().await;
    emu.faults()
        .inject(FaultRule::new(Fault::Status(502)).path("project"));
    emu.faults()
        .inject(FaultRule::new(Fault::Status(504)).path("project"));
    let statuses = [
        admin.get("/api/project.json").await.0,
        admin.get("/api/project.json").await.0,
        admin.get("/api/project.json").await.0,
    ];
    assert_eq!(statuses, [502, 504, 200]);
    emu.faults()
        .inject(FaultRule::new(Fault::Status(500)).times(100));
    emu.faults().clear();
    assert_eq!(admin.get("/api/project.json").await.0, 200);
    assert_eq!(emu.faults().fired(), 2);
}

#[tokio::test]
async fn drop_before_processing_breaks_the_connection_and_applies_nothing() {
    let (emu, admin, _) = setup().await;
    emu.faults()
        .inject(FaultRule::new(Fault::DropBeforeProcessing).method("POST"));
    let before = emu.request_count();
    let outcome = post_project(&admin, "never-made").await;
    assert!(
        outcome.is_err(),
        "the client sees a broken transfer: {outcome:?}"
    );
    assert_eq!(emu.request_count(), before + 1);
    assert!(!project_names(&admin)
        .await
        .contains(&"never-made".to_string()));
}

#[tokio::test]
async fn drop_after_processing_applies_the_change_but_never_answers() {
    let (emu, admin, _) = setup().await;
    emu.faults()
        .inject(FaultRule::new(Fault::DropAfterProcessing).method("POST"));
    let outcome = post_project(&admin, "made-silently").await;
    assert!(
        outcome.is_err(),
        "the client sees a broken transfer: {outcome:?}"
    );
    assert!(project_names(&admin)
        .await
        .contains(&"made-silently".to_string()));
}

#[tokio::test]
async fn truncated_body_announces_the_full_length_and_breaks() {
    let (emu, admin, _) = setup().await;
    let (_, full) = admin.get("/api/user/current.json").await;
    let full_len = full.to_string().len();
    emu.faults()
        .inject(FaultRule::new(Fault::TruncateBody).path("user/current"));
    let res = signed(&admin, Method::GET, "/api/user/current.json", None)
        .send()
        .await;
    let outcome = match res {
        Ok(res) => {
            assert_eq!(res.status(), 200);
            assert_eq!(res.content_length(), Some(full_len as u64));
            res.bytes().await.map(|b| b.len())
        }
        Err(e) => Err(e),
    };
    assert!(
        outcome.is_err(),
        "the body cannot be read whole: {outcome:?}"
    );
}

#[tokio::test]
async fn malformed_json_is_a_complete_answer_with_half_the_json() {
    let (emu, admin, _) = setup().await;
    let (_, full) = admin.get("/api/user/current.json").await;
    emu.faults()
        .inject(FaultRule::new(Fault::MalformedJson).path("user/current"));
    let res = signed(&admin, Method::GET, "/api/user/current.json", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body = res.bytes().await.expect("the body is complete");
    assert_eq!(body.len(), full.to_string().len() / 2);
    assert!(serde_json::from_slice::<Value>(&body).is_err());
}

#[tokio::test]
async fn html_with_200_and_redirect_to_login_skip_the_handler() {
    let (emu, admin, _) = setup().await;
    emu.faults()
        .inject(FaultRule::new(Fault::HtmlWith200).method("POST"));
    let (status, body) = post_project(&admin, "behind-a-portal").await.unwrap();
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).starts_with("<!DOCTYPE html>"));

    emu.faults()
        .inject(FaultRule::new(Fault::RedirectToLogin).method("POST"));
    let res = signed(
        &admin,
        Method::POST,
        "/api/project.json",
        Some(&json!({"name": "x"})),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()["location"],
        format!("{}/login", emu.base_url()).as_str()
    );
    let names = project_names(&admin).await;
    assert!(
        !names.iter().any(|n| n == "behind-a-portal" || n == "x"),
        "{names:?}"
    );
}

#[tokio::test]
async fn delay_waits_then_answers_normally() {
    let (emu, admin, _) = setup().await;
    emu.faults()
        .inject(FaultRule::new(Fault::Delay(Duration::from_millis(300))).path("project"));
    let started = Instant::now();
    let (status, _) = admin.get("/api/project.json").await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn probability_rules_fire_at_their_rate() {
    let (emu, _, _) = setup().await;
    emu.faults().inject(
        FaultRule::new(Fault::Status(503))
            .path("ping")
            .probability(0.5)
            .seed(11),
    );
    let http = reqwest::Client::new();
    let mut refused = 0;
    for _ in 0..200 {
        let res = http
            .get(format!("{}/server/ping.json", emu.base_url()))
            .send()
            .await
            .unwrap();
        if res.status() == 503 {
            refused += 1;
        }
    }
    assert!((60..140).contains(&refused), "{refused}");
    assert_eq!(emu.faults().fired(), refused);
    assert_eq!(
        emu.faults().pending(),
        1,
        "a probability rule never retires by itself"
    );
}

#[tokio::test]
async fn control_endpoint_is_off_by_default() {
    let emu = Emulator::start().await.unwrap();
    let url = format!("{}/__emulator/faults", emu.base_url());
    let rule = json!({"fault": "status", "status": 503});
    let res = reqwest::Client::new()
        .post(&url)
        .json(&rule)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(emu.faults().pending(), 0);
}

#[tokio::test]
async fn control_endpoint_injects_and_clears_rules_when_enabled() {
    let emu = Emulator::builder()
        .fault_control(true)
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/__emulator/faults", emu.base_url());
    let ping = format!("{}/server/ping.json", emu.base_url());
    let rule =
        json!({"fault": "status", "status": 503, "path": "ping", "times": 1, "retryAfter": 2});
    let res = http.post(&url).json(&rule).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let before = emu.request_count();
    let res = http.get(&ping).send().await.unwrap();
    assert_eq!(
        (
            res.status().as_u16(),
            res.headers()["retry-after"].to_str().unwrap()
        ),
        (503, "2")
    );
    assert_eq!(http.get(&ping).send().await.unwrap().status(), 200);
    assert_eq!(
        emu.request_count(),
        before + 2,
        "control calls are not counted"
    );

    let bad = http
        .post(&url)
        .json(&json!({"fault": "meltdown"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let sticky = json!({"fault": "htmlWith200", "path": "ping", "times": 50});
    http.post(&url).json(&sticky).send().await.unwrap();
    let counts: Value = http.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(counts, json!({"fired": 1, "pending": 1}));
    assert_eq!(http.delete(&url).send().await.unwrap().status(), 200);
    let res = http.get(&ping).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["alive"], true);
}
