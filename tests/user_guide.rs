//! The user guide's sections, each asserted: the same functions the examples run
//! (`examples/guide/`), against the in-process emulator with demo data.

mod common;
#[path = "../examples/guide/mod.rs"]
mod guide;

use cytomine::prelude::*;
use cytomine::ConnectionInfo;
use cytomine_emulator::Emulator;

async fn demo() -> (Emulator, Cytomine) {
    let env = common::start_demo().await;
    (env.emu, env.cm)
}

#[tokio::test]
async fn s01_authentication_with_and_without_scheme() {
    let (emu, cm) = demo().await;
    assert_eq!(cm.current_user().username, "admin");
    // Without a scheme the client means https: the plain-HTTP emulator cannot answer it.
    let admin = emu.admin();
    let err = Cytomine::builder(emu.host())
        .credentials(admin.public_key, admin.private_key)
        .retry(cytomine::RetryPolicy::none())
        .connect()
        .await
        .unwrap_err();
    assert!(
        err.request().is_some_and(|r| r.url.starts_with("https://")),
        "{err}"
    );
}

#[tokio::test]
async fn s02_credentials_from_flags_synonyms_and_environment() {
    let (emu, _cm) = demo().await;
    let admin = emu.admin();
    let args = [
        "prog",
        "--cytomine_host",
        &emu.base_url(),
        "--publicKey",
        &admin.public_key,
        "--privateKey",
        &admin.private_key,
    ];
    let info = ConnectionInfo::from_args_and_env(args, |_| None)
        .unwrap()
        .unwrap();
    let cm = Cytomine::connect(
        &info.host,
        info.credentials.public_key.clone(),
        info.credentials.private_key.expose(),
    )
    .await
    .unwrap();
    assert_eq!(cm.current_user().id, Some(admin.id));

    let env = |k: &str| match k {
        "CYTOMINE_HOST" => Some(emu.base_url()),
        "CYTOMINE_PUBLIC_KEY" => Some(admin.public_key.clone()),
        "CYTOMINE_PRIVATE_KEY" => Some(admin.private_key.clone()),
        _ => None,
    };
    let info = ConnectionInfo::from_args_and_env(["prog"], env)
        .unwrap()
        .unwrap();
    assert_eq!(info.host, emu.base_url());
    assert!(
        !format!("{info:?}").contains(&admin.private_key),
        "Debug hides the key"
    );
}

#[tokio::test]
async fn s03_s04_fetch_a_project_and_an_image() {
    let (_emu, cm) = demo().await;
    let fetched = guide::fetch_project_and_image(&cm)
        .await
        .unwrap()
        .expect("demo project");
    assert_eq!(fetched.project.name.as_deref(), Some("Demo project"));
    let image = fetched.image.expect("demo image");
    assert_eq!(image.project, fetched.project.id);
    assert!(image.shape.width.unwrap_or(0) > 0);
}

#[tokio::test]
async fn s05_s06_s07_add_update_delete() {
    let (_emu, cm) = demo().await;
    let life = guide::add_update_delete(&cm, "guide lifecycle")
        .await
        .unwrap();
    assert!(life.created_id > 0);
    assert_eq!(
        life.renamed_to.as_deref(),
        Some("guide lifecycle (renamed)")
    );
    assert!(life.ontology_after_update_with.is_some());
    assert!(
        life.fetch_after_delete.is_not_found(),
        "{}",
        life.fetch_after_delete
    );
    assert!(
        life.ontology_fetch_after_delete_by_id.is_not_found(),
        "{}",
        life.ontology_fetch_after_delete_by_id
    );
}

#[tokio::test]
async fn s08_download_and_thumbnail() {
    let (_emu, cm) = demo().await;
    let image = guide::first_image(&cm)
        .await
        .unwrap()
        .expect("a demo image");
    let dir = tempfile::tempdir().unwrap();
    let files = guide::download_and_thumbnail(&cm, &image, dir.path(), 256)
        .await
        .unwrap();
    let bytes = std::fs::read(&files.original).unwrap();
    assert_eq!(bytes.len() as u64, files.original_bytes);
    let original = image::load_from_memory(&bytes).expect("the download is the real image");
    assert_eq!(Some(original.width() as i64), image.shape.width);
    let thumb = image::open(&files.thumbnail).expect("the thumbnail is a real PNG");
    assert_eq!(thumb.width().max(thumb.height()), 256);
    let ratio = |w: u32, h: u32| w as f64 / h as f64;
    assert!(
        (ratio(thumb.width(), thumb.height()) - ratio(original.width(), original.height())).abs()
            < 0.02
    );
}

#[tokio::test]
async fn s09_to_s12_collections_filters_modifiers_search() {
    let (_emu, cm) = demo().await;
    let fetched = guide::fetch_project_and_image(&cm).await.unwrap().unwrap();
    let lists = guide::listings(&cm, &fetched.project).await.unwrap();
    assert_eq!(lists.projects.len(), 1);
    assert_eq!(
        lists.projects.iter().count(),
        lists.projects.total().unwrap() as usize
    );
    assert_eq!(lists.same_ontology.as_ref().map(|c| c.len()), Some(1));
    assert!(lists
        .online_users
        .iter()
        .any(|u| u.username.as_deref() == Some("admin")));
    assert_eq!(lists.members.len(), 2, "admin and alice");
    let term = lists.search_term.expect("demo terms");
    assert!(!lists.found.is_empty());
    assert!(lists
        .found
        .iter()
        .all(|a| a.location.is_some() && a.term.as_ref().is_some_and(|t| t.contains(&term))));
    let all = Annotation::list()
        .project(fetched.project.id.unwrap())
        .fetch(&cm)
        .await
        .unwrap();
    assert_eq!(lists.streamed.len(), all.len());
}

#[tokio::test]
async fn s10_filters_are_declared() {
    let names: Vec<_> = Project::FILTERS.iter().map(|f| f.name).collect();
    assert_eq!(names, ["user", "ontology"]);
    let q = Annotation::list()
        .project(42)
        .users([7, 8])
        .term(99)
        .show_term(true)
        .show_wkt(true);
    let pairs = q.as_query().query_pairs();
    assert!(
        pairs.contains(&("users".to_string(), "7,8".to_string())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("showWKT".to_string(), "true".to_string())),
        "{pairs:?}"
    );
}

#[tokio::test]
async fn s13_bulk_add_gives_every_item_its_id() {
    let (_emu, cm) = demo().await;
    let image = guide::first_image(&cm)
        .await
        .unwrap()
        .expect("a demo image");
    let (batch, report) = guide::bulk_add(&cm, image.id.unwrap(), 230).await.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!(report.outcomes.len(), 230);
    for a in batch.iter().take(5) {
        let fetched = Annotation::fetch(&cm, a.id.unwrap()).await.unwrap();
        assert_eq!(fetched.location, a.location);
    }
}

/// The quickstart's output (`cargo run --example quickstart` prints the same tour): every
/// heading is followed by its own lines, values read as a person reads them.
#[tokio::test]
async fn quickstart_prints_each_result_under_its_own_heading() {
    let (emu, cm) = demo().await;
    let mut out = guide::tour::Printer::new(false);
    guide::tour::run(&cm, "the emulator's admin", &mut out)
        .await
        .unwrap();
    let text = &out.text;
    assert!(!text.contains("Some("), "{text}");
    assert!(!text.contains("None"), "{text}");
    let demo = emu.demo().unwrap();
    let admin = emu.admin();
    let sections: Vec<&str> = text.split("\n== ").skip(1).collect();
    assert_eq!(sections.len(), 14, "{text}");
    let expected: [&[&str]; 14] = [
        &[&format!("as admin (id {})", admin.id)],
        &["credentials: the emulator's admin"],
        &[&format!("project {}: Demo project, 2 images", demo.project)],
        &[&format!("its first image {}", demo.images[1])],
        &["created project "],
        &["renamed to: My awesome new project", "ontology set to: "],
        &["fetching the deleted project gives: ", "404"],
        &["downloaded ", "thumbnail of at most 256 pixels"],
        &["1 project(s):", "  - Demo project"],
        &["filtered by: user, ontology", "2 member(s)"],
        &["the first annotation is POLYGON"],
        &[
            "annotation(s) by members with term",
            "streamed 12 annotation(s)",
        ],
        &["50 created, 0 failed, 0 unknown"],
        &["--log_level"],
    ];
    for (n, (section, wanted)) in sections.iter().zip(expected).enumerate() {
        let (heading, body) = section.split_once(" ==\n").unwrap();
        assert!(heading.starts_with(&format!("{}. ", n + 1)), "{heading}");
        assert!(!body.trim().is_empty(), "section {heading} prints nothing");
        for w in wanted {
            assert!(body.contains(w), "section {heading} lacks `{w}`:\n{body}");
        }
    }
}
