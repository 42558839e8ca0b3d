//! The `cytomine` binary against an emulator started by the test: credentials from flags, the
//! environment and profiles; changes checked through the library; and bad input: a missing
//! file, malformed GeoJSON, a wrong key, an unreachable server, a connection dropped mid-import.

mod support;

use std::path::Path;

use cytomine::models::{Annotation, ImageInstance, Project, Storage};
use cytomine::prelude::*;
use cytomine_emulator::{Emulator, Fault, FaultRule};
use support::{cytomine_async as cytomine, Run};

struct Server {
    emulator: Emulator,
    cm: Cytomine,
    project: i64,
    image: i64,
    dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Server {
        let emulator = Emulator::builder().demo(true).start().await.unwrap();
        let admin = emulator.admin();
        let cm = Cytomine::connect(&emulator.base_url(), admin.public_key, admin.private_key)
            .await
            .unwrap();
        let projects = Project::list().fetch(&cm).await.unwrap();
        let project = projects
            .find(|p| p.name.as_deref() == Some("Demo project"))
            .unwrap();
        let project = project.id.unwrap();
        let images = ImageInstance::list()
            .project(project)
            .fetch(&cm)
            .await
            .unwrap();
        let image = images.first().and_then(|i| i.id).unwrap();
        let dir = tempfile::tempdir().unwrap();
        Server {
            emulator,
            cm,
            project,
            image,
            dir,
        }
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `--host --public-key --private-key` of the admin, then `args`.
    async fn run(&self, args: &[&str]) -> Run {
        let admin = self.emulator.admin();
        let host = self.emulator.base_url();
        let mut all = vec![
            "--host",
            &host,
            "--public-key",
            &admin.public_key,
            "--private-key",
            &admin.private_key,
        ];
        all.extend_from_slice(args);
        cytomine(self.dir(), &all, &[]).await
    }

    async fn annotations_on(&self, image: i64) -> Vec<Annotation> {
        Annotation::list()
            .image(image)
            .show_term(true)
            .fetch(&self.cm)
            .await
            .unwrap()
            .into_vec()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn credentials_come_from_flags_env_or_a_profile_and_are_never_echoed() {
    let s = Server::start().await;
    let admin = s.emulator.admin();
    let host = s.emulator.base_url();
    assert_eq!(
        s.run(&["--json", "whoami"]).await.json()["username"],
        "admin"
    );

    let env = [
        ("CYTOMINE_HOST", host.as_str()),
        ("CYTOMINE_PUBLIC_KEY", admin.public_key.as_str()),
        ("CYTOMINE_PRIVATE_KEY", admin.private_key.as_str()),
    ];
    let by_env = cytomine(s.dir(), &["--json", "whoami"], &env).await;
    assert_eq!(by_env.json()["username"], "admin");

    let config = format!(
        "[profiles.default]\nhost = \"http://127.0.0.1:1\"\n\n[profiles.lab]\nhost = \"{host}\"\npublic_key = \"{}\"\nprivate_key = \"{}\"\n",
        admin.public_key, admin.private_key
    );
    std::fs::create_dir_all(s.dir().join(".config/cytomine")).unwrap();
    std::fs::write(s.dir().join(".config/cytomine/config.toml"), &config).unwrap();
    let by_profile = cytomine(s.dir(), &["--profile", "lab", "whoami"], &[]).await;
    by_profile.expect_code(0);
    assert!(by_profile.stdout.contains("admin"), "{}", by_profile.stdout);
    let by_env_profile = cytomine(s.dir(), &["whoami"], &[("CYTOMINE_PROFILE", "lab")]).await;
    by_env_profile.expect_code(0);

    for run in [&by_env, &by_profile, &by_env_profile] {
        assert!(
            !run.stdout.contains(&admin.private_key) && !run.stderr.contains(&admin.private_key)
        );
    }
}

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
async fn projects_create_and_delete_reach_the_server() {
    let s = Server::start().await;
    let created = s
        .run(&["--json", "projects", "create", "Shell project"])
        .await;
    created.expect_code(0);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(
        Project::fetch(&s.cm, id).await.unwrap().name.as_deref(),
        Some("Shell project")
    );
    let deleted = s.run(&["projects", "delete", &id.to_string()]).await;
    deleted.expect_code(0);
    assert_eq!(deleted.stdout.trim(), format!("deleted project {id}"));
    assert!(Project::fetch(&s.cm, id).await.unwrap_err().is_not_found());
}

#[tokio::test(flavor = "multi_thread")]
async fn images_upload_adds_the_image_to_the_project() {
    let s = Server::start().await;
    let storages = Storage::list().fetch(&s.cm).await.unwrap();
    let storage = storages.first().and_then(|st| st.id).unwrap().to_string();
    let png =
        cytomine_emulator::imaging::demo_image(64, 48, cytomine_emulator::imaging::Format::Png, 9);
    let file = s.dir().join("new-slide.png");
    std::fs::write(&file, png).unwrap();
    let p = s.project.to_string();
    let run = s
        .run(&[
            "--json",
            "images",
            "upload",
            file.to_str().unwrap(),
            "--storage",
            &storage,
            "--project",
            &p,
        ])
        .await;
    run.expect_code(0);
    let instance = run.json()["images"][0]["imageInstances"][0]
        .as_i64()
        .unwrap();
    let image = ImageInstance::fetch(&s.cm, instance).await.unwrap();
    assert_eq!(
        (image.project, image.shape.width),
        (Some(s.project), Some(64))
    );

    let missing = s
        .run(&["images", "upload", "no-such.png", "--storage", &storage])
        .await;
    missing.expect_code(3);
    assert!(missing.stderr.contains("no-such.png"), "{}", missing.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exported_project_imports_back_with_its_terms() {
    let s = Server::start().await;
    let out = s.dir().join("project.geojson");
    let p = s.project.to_string();
    s.run(&[
        "annotations",
        "export",
        "--project",
        &p,
        "-o",
        out.to_str().unwrap(),
    ])
    .await
    .expect_code(0);
    let before = s.annotations_on(s.image).await;
    let run = s
        .run(&[
            "--json",
            "annotations",
            "import",
            out.to_str().unwrap(),
            "--image",
            &s.image.to_string(),
        ])
        .await;
    run.expect_code(0);
    let report = run.json();
    assert_eq!(
        (report["created"].as_u64(), report["failed"].as_u64()),
        (Some(12), Some(0))
    );
    let after = s.annotations_on(s.image).await;
    assert_eq!(after.len(), before.len() + 12);
    let new_id = report["items"][0]["id"].as_i64().unwrap();
    let created = after.iter().find(|a| a.id == Some(new_id)).unwrap();
    assert_eq!(created.term.as_ref().map(Vec::len), Some(1));
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
