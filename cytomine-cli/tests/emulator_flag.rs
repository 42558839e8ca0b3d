//! `cytomine --emulator ...`: every command against the in-process demo emulator, each run a
//! fresh emulator with the same demo data.

mod support;

use support::cytomine;

fn demo_project(dir: &std::path::Path) -> i64 {
    let run = cytomine(dir, &["--emulator", "--json", "projects", "list"], &[]);
    run.expect_code(0);
    let projects = run.json();
    let demo = projects
        .as_array()
        .and_then(|all| all.iter().find(|p| p["name"] == "Demo project"))
        .unwrap_or_else(|| panic!("no demo project in {projects}"));
    demo["id"].as_i64().unwrap()
}

fn first_image(dir: &std::path::Path, project: i64) -> (i64, String) {
    let p = project.to_string();
    let run = cytomine(
        dir,
        &["--emulator", "--json", "images", "list", "--project", &p],
        &[],
    );
    run.expect_code(0);
    let images = run.json();
    let png = images
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|i| i["instanceFilename"] == "demo-slide.png")
        })
        .unwrap_or_else(|| panic!("no demo png in {images}"))
        .clone();
    (
        png["id"].as_i64().unwrap(),
        png["instanceFilename"].as_str().unwrap().to_string(),
    )
}

#[test]
fn whoami_shows_the_admin_as_a_table_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let table = cytomine(dir.path(), &["--emulator", "whoami"], &[]);
    table.expect_code(0);
    let header = table.stdout.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("host") && header.contains("username"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("admin"), "{}", table.stdout);
    let json = cytomine(dir.path(), &["--emulator", "--json", "whoami"], &[]).json();
    assert_eq!(json["username"], "admin");
    assert!(json["host"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    assert!(json.get("privateKey").is_none(), "{json}");
}

#[test]
fn projects_list_show_and_a_missing_project() {
    let dir = tempfile::tempdir().unwrap();
    let id = demo_project(dir.path());
    let shown = cytomine(
        dir.path(),
        &["--emulator", "--json", "projects", "show", &id.to_string()],
        &[],
    );
    shown.expect_code(0);
    assert_eq!(shown.json()["numberOfImages"], 2);
    let table = cytomine(
        dir.path(),
        &["--emulator", "projects", "show", &id.to_string()],
        &[],
    );
    assert!(table.stdout.contains("Demo project"), "{}", table.stdout);
    let missing = cytomine(
        dir.path(),
        &["--emulator", "--json", "projects", "show", "999999"],
        &[],
    );
    missing.expect_code(5);
    assert_eq!(missing.json()["error"]["kind"], "not_found");
    assert!(
        missing.stderr.starts_with("error: ") && missing.stderr.contains("404"),
        "{}",
        missing.stderr
    );
}

#[test]
fn projects_create_returns_the_new_project() {
    let dir = tempfile::tempdir().unwrap();
    let run = cytomine(
        dir.path(),
        &[
            "--emulator",
            "--json",
            "projects",
            "create",
            "From the shell",
        ],
        &[],
    );
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["name"], "From the shell");
    assert!(json["id"].as_i64().is_some(), "{json}");
}

#[test]
fn images_download_writes_the_original_file() {
    let dir = tempfile::tempdir().unwrap();
    let (image, name) = first_image(dir.path(), demo_project(dir.path()));
    let default = cytomine(
        dir.path(),
        &["--emulator", "images", "download", &image.to_string()],
        &[],
    );
    default.expect_code(0);
    let bytes = std::fs::read(dir.path().join(&name)).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    let target = dir.path().join("sub/copy.png");
    let json = cytomine(
        dir.path(),
        &[
            "--emulator",
            "--json",
            "images",
            "download",
            &image.to_string(),
            "-o",
            target.to_str().unwrap(),
        ],
        &[],
    );
    json.expect_code(0);
    assert_eq!(json.json()["bytes"], bytes.len() as u64);
    assert_eq!(std::fs::read(&target).unwrap(), bytes);
}

#[test]
fn annotations_export_in_the_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo_project(dir.path()).to_string();
    let geojson = cytomine(
        dir.path(),
        &["--emulator", "annotations", "export", "--project", &p],
        &[],
    );
    geojson.expect_code(0);
    let collection: serde_json::Value = serde_json::from_str(&geojson.stdout).unwrap();
    let features = collection["features"].as_array().unwrap();
    assert_eq!(features.len(), 12);
    assert_eq!(features[0]["geometry"]["type"], "Polygon");
    assert_eq!(
        features[0]["properties"]["term"].as_array().map(Vec::len),
        Some(1)
    );

    let csv = cytomine(
        dir.path(),
        &[
            "--emulator",
            "annotations",
            "export",
            "--project",
            &p,
            "--format",
            "csv",
        ],
        &[],
    );
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines.len(), 13, "{}", csv.stdout);
    assert!(lines[0].starts_with("id,image,"));
    assert!(lines[1].ends_with("))\""), "{}", lines[1]);

    let out = dir.path().join("all.wkt");
    let wkt = cytomine(
        dir.path(),
        &[
            "--emulator",
            "--json",
            "annotations",
            "export",
            "--project",
            &p,
            "--format",
            "wkt",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    wkt.expect_code(0);
    assert_eq!(wkt.json()["annotations"], 12);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.lines().all(|l| l.starts_with("POLYGON")), "{text}");
}

#[test]
fn bad_command_lines_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    cytomine(
        dir.path(),
        &["--emulator", "projects", "show", "not-a-number"],
        &[],
    )
    .expect_code(2);
    let no_host = cytomine(dir.path(), &["whoami"], &[]);
    no_host.expect_code(2);
    assert!(no_host.stderr.contains("no host"), "{}", no_host.stderr);
}

#[test]
fn an_export_into_a_closed_pipe_stops_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo_project(dir.path()).to_string();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cytomine"))
        .args([
            "--emulator",
            "annotations",
            "export",
            "--project",
            &p,
            "--format",
            "wkt",
        ])
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -0`: the reader is gone before anything is written.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}
