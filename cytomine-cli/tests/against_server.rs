//! The `cytomine` binary against an emulator started by the test: credentials from flags, the
//! environment and profiles, and changes checked through the library.

mod support;

use cytomine::models::{ImageInstance, Project, Storage};
use cytomine::prelude::*;
use support::cytomine_async as cytomine;
use support::server::Server;

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
