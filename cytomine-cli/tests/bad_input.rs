//! The `cytomine` binary on bad input, against an emulator started by the test: a wrong key, an
//! unreachable server, a --ca-cert file that holds no certificate, missing files, malformed
//! GeoJSON, refused features, and a connection dropped mid-import. Each exits non-zero with one
//! human line.

mod support;

use cytomine_emulator::{Fault, FaultRule};
use support::cytomine_async as cytomine;
use support::server::Server;

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_key_exits_4_without_showing_it() {
    let s = Server::start().await;
    let admin = s.emulator.admin();
    let host = s.emulator.base_url();
    let secret = "WRONG-SECRET-5f1c";
    let args = [
        "--json",
        "--host",
        &host,
        "--public-key",
        &admin.public_key,
        "--private-key",
        secret,
        "projects",
        "list",
    ];
    let run = cytomine(s.dir(), &args, &[]).await;
    run.expect_code(4);
    assert_eq!(run.json()["error"]["kind"], "auth");
    assert!(
        run.stderr.contains("401") && run.stderr.contains("keys"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_server_exits_6() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let host = format!("http://127.0.0.1:{port}");
    let run = cytomine(
        dir.path(),
        &[
            "--host",
            &host,
            "--public-key",
            "p",
            "--private-key",
            "k",
            "whoami",
        ],
        &[],
    )
    .await;
    run.expect_code(6);
    assert!(
        run.stderr.starts_with("error: ") && run.stderr.contains("cannot connect"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partial_import_reports_each_feature_and_exits_7() {
    let s = Server::start().await;
    let file = s.write(
        "mixed.geojson",
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[10,10]},"properties":{}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[20,20]},"properties":{"term":[987654]}}]}"#,
    );
    let run = s
        .run(&[
            "annotations",
            "import",
            &file,
            "--image",
            &s.image.to_string(),
        ])
        .await;
    run.expect_code(7);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[1].starts_with("features[0]") && lines[1].contains("created"),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].starts_with("features[1]")
            && lines[2].contains("failed")
            && lines[2].contains("987654"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 of 2 annotations not created"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_geojson_and_missing_files_exit_3_and_create_nothing() {
    let s = Server::start().await;
    let image = s.image.to_string();
    let before = s.annotations_on(s.image).await.len();
    let bad_geometry = s.write(
        "bad.geojson",
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1,1]},"properties":{}},
        {"type":"Feature","id":"cell-2","geometry":{"type":"Polygon","coordinates":"oops"},"properties":{}}]}"#,
    );
    let run = s
        .run(&["annotations", "import", &bad_geometry, "--image", &image])
        .await;
    run.expect_code(3);
    assert!(
        run.stderr
            .contains("bad.geojson: features[1] (id \"cell-2\")"),
        "{}",
        run.stderr
    );
    let not_json = s.write(
        "broken.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [",
    );
    let run = s
        .run(&[
            "--json",
            "annotations",
            "import",
            &not_json,
            "--image",
            &image,
        ])
        .await;
    run.expect_code(3);
    assert!(run.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
    let missing = s
        .run(&[
            "annotations",
            "import",
            "nowhere.geojson",
            "--image",
            &image,
        ])
        .await;
    missing.expect_code(3);
    assert!(
        missing.stderr.contains("nowhere.geojson"),
        "{}",
        missing.stderr
    );
    assert_eq!(s.annotations_on(s.image).await.len(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_dropped_during_import_leaves_items_unknown() {
    let s = Server::start().await;
    s.emulator.faults().inject(
        FaultRule::new(Fault::DropAfterProcessing)
            .method("POST")
            .path("annotation.json")
            .times(1),
    );
    let file = s.write(
        "one.geojson",
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[5,5]},"properties":{}}"#,
    );
    let run = s
        .run(&[
            "--json",
            "annotations",
            "import",
            &file,
            "--image",
            &s.image.to_string(),
        ])
        .await;
    run.expect_code(7);
    let report = run.json();
    assert_eq!(report["unknown"], 1, "{report}");
    assert_eq!(report["error"]["kind"], "partial", "{report}");
    assert_eq!(report["items"][0]["outcome"], "unknown");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ca_cert_that_is_not_a_certificate_exits_2_naming_it() {
    let s = Server::start().await;
    std::fs::write(s.dir().join("lab-ca.pem"), "not a certificate\n").unwrap();
    let before = s.emulator.request_count();
    let by_flag = s.run(&["--ca-cert", "lab-ca.pem", "whoami"]).await;
    let by_env = s
        .run_with_env(&["whoami"], &[("CYTOMINE_CA_BUNDLE", "lab-ca.pem")])
        .await;
    for run in [by_flag, by_env] {
        run.expect_code(2);
        assert!(
            run.stderr.contains("lab-ca.pem") && run.stderr.contains("no PEM certificate"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(s.emulator.request_count(), before, "nothing was sent");
}
