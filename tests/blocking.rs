//! `cytomine::blocking` (feature `blocking`) against the emulator, which runs on a runtime of its
//! own: the async API's calls without `.await` (CRUD, lists, paged iteration), bulk saves, many
//! objects and files at once, the `run` escape hatch, and the clear error (not a panic) when the
//! facade is called from inside an async runtime.
#![cfg(feature = "blocking")]

mod common;

use std::path::PathBuf;

use cytomine::blocking::prelude::*;
use cytomine::blocking::INSIDE_RUNTIME;
use cytomine::files::UploadOptions;
use cytomine::Collection;
use cytomine_emulator::Emulator;

/// The emulator, served by its own runtime's threads while the test thread blocks.
struct Server {
    runtime: tokio::runtime::Runtime,
    emulator: Emulator,
}

impl Server {
    fn start() -> Server {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let emulator = runtime
            .block_on(Emulator::builder().demo(true).start())
            .unwrap();
        Server { runtime, emulator }
    }

    fn connect(&self) -> Cytomine {
        let admin = self.emulator.admin();
        Cytomine::connect(
            &self.emulator.base_url(),
            admin.public_key,
            admin.private_key,
        )
        .unwrap()
    }
}

fn demo_project(cm: &Cytomine) -> i64 {
    let projects = Project::list().fetch(cm).unwrap();
    let demo = projects.find(|p| p.name.as_deref() == Some("Demo project"));
    demo.and_then(|p| p.id).unwrap()
}

#[test]
fn crud_and_lists_run_to_completion() {
    let server = Server::start();
    let cm = server.connect();
    assert_eq!(cm.current_user().username, "admin");

    let mut project = Project::new("Blocking project");
    project.save(&cm).unwrap();
    let id = project.id.unwrap();
    let fetched = Project::fetch(&cm, id).unwrap();
    assert_eq!(fetched.name.as_deref(), Some("Blocking project"));
    project.name = Some("Renamed".into());
    project.update(&cm).unwrap();
    assert_eq!(
        Project::fetch(&cm, id).unwrap().name.as_deref(),
        Some("Renamed")
    );
    project
        .update_with(&cm, serde_json::json!({"blindMode": true}))
        .unwrap();
    let mut stale = fetched;
    stale.refresh(&cm).unwrap();
    assert_eq!(stale.blind_mode, Some(true));
    let all = Project::list().fetch(&cm).unwrap();
    assert!(all.iter().any(|p| p.id == Some(id)));
    let windowed = Project::list().max(1).offset(0).fetch(&cm).unwrap();
    assert_eq!(windowed.len(), 1);
    project.delete(&cm).unwrap();
    let gone = Project::fetch(&cm, id).unwrap_err();
    assert!(gone.is_not_found(), "{gone}");

    let mut other = Project::new("Deleted by id");
    other.save(&cm).unwrap();
    Project::delete_by_id(&cm, other.id.unwrap()).unwrap();
    assert!(Project::fetch(&cm, other.id.unwrap())
        .unwrap_err()
        .is_not_found());
    drop(server);
}

#[test]
fn iteration_pages_and_bulk_saves() {
    let server = Server::start();
    let cm = server.connect();
    let project = demo_project(&cm);
    let query = Annotation::list()
        .project(project)
        .show_wkt(true)
        .page_size(5);
    let items: Vec<Annotation> = query.iter(&cm).collect::<Result<_>>().unwrap();
    assert_eq!(items.len(), 12);
    assert!(items.iter().all(|a| a.location.is_some()));

    let images = ImageInstance::list().project(project).fetch(&cm).unwrap();
    let image = images.first().and_then(|i| i.id).unwrap();
    let mut batch: Collection<Annotation> = (0..3)
        .map(|k| Annotation::new(format!("POINT ({} 10)", 10 + k), image))
        .collect();
    let report = cm.save_all(&mut batch).unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert!(batch.iter().all(|a| a.id.is_some()));
    let on_image = Annotation::list().image(image).fetch(&cm).unwrap();
    assert_eq!(on_image.len(), 6 + 3);
}

#[test]
fn fetch_many_keeps_each_result_with_its_id() {
    let server = Server::start();
    let cm = server.connect();
    let project = demo_project(&cm);
    let listed = Annotation::list().project(project).fetch(&cm).unwrap();
    let mut ids: Vec<i64> = listed.iter().filter_map(|a| a.id).collect();
    assert!(ids.len() > 2);
    ids.insert(1, i64::MAX);
    let results = Annotation::fetch_many(&cm, ids.clone()).unwrap();
    let order: Vec<i64> = results.iter().map(|(id, _)| *id).collect();
    assert_eq!(order, ids, "each result with its id, in order");
    assert!(results[1].1.as_ref().unwrap_err().is_not_found());
    for (id, result) in results.iter().filter(|(id, _)| *id != i64::MAX) {
        assert_eq!(result.as_ref().unwrap().id, Some(*id));
    }
}

#[test]
fn many_files_go_up_and_come_back() {
    let server = Server::start();
    let cm = server.connect();
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = (0..3)
        .map(|i| common::png_file(dir.path(), &format!("up{i}.png"), 40 + i, 30).0)
        .collect();
    files.insert(1, dir.path().join("absent.png"));
    let storage = Storage::list()
        .fetch(&cm)
        .unwrap()
        .first()
        .unwrap()
        .id
        .unwrap();
    let options = UploadOptions {
        root: true,
        path: cm.as_async().upload_url().to_string(),
        query: vec![
            ("storage".into(), storage.to_string()),
            ("sync".into(), "true".into()),
        ],
        field: "files[]".into(),
    };
    let uploaded = cm
        .upload_many::<serde_json::Value>(files.clone(), &options, None)
        .unwrap();
    let order: Vec<&PathBuf> = uploaded.iter().map(|(f, _)| f).collect();
    assert_eq!(order, files.iter().collect::<Vec<_>>());
    assert!(uploaded[1].1.is_err(), "the absent file fails alone");
    let images: Vec<i64> = uploaded
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .map(|answer| answer[0]["images"][0]["image"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(images.len(), 3);

    let items = common::downloads_back(&images, dir.path(), 0);
    let back = cm.download_many(items, None).unwrap();
    assert!(back[0].1.is_err(), "the missing image fails alone");
    for ((item, written), file) in back[1..].iter().zip(files.iter().filter(|f| f.exists())) {
        let sent = std::fs::read(file).unwrap();
        assert_eq!(std::fs::read(item.destination()).unwrap(), sent);
        assert_eq!(*written.as_ref().unwrap(), sent.len() as u64);
    }
}

#[test]
fn run_reaches_the_rest_of_the_async_api() {
    let server = Server::start();
    let cm = server.connect();
    let project = demo_project(&cm);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("image.bin");
    let target_in = target.clone();
    let images = ImageInstance::list().project(project).fetch(&cm).unwrap();
    let first = images.first().cloned().unwrap();
    let bytes = cm
        .run(|acm| async move { first.download(&acm, &target_in).await })
        .unwrap();
    assert_eq!(std::fs::metadata(&target).unwrap().len(), bytes);
}

fn assert_inside_runtime(err: Error) {
    match err {
        Error::Usage(message) => assert_eq!(message, INSIDE_RUNTIME),
        other => panic!("expected the inside-runtime usage error, got {other}"),
    }
}

#[test]
fn calling_it_inside_an_async_runtime_is_a_clear_error_not_a_panic() {
    let server = Server::start();
    let cm = server.connect();
    let admin = server.emulator.admin();
    let url = server.emulator.base_url();
    let outer = tokio::runtime::Runtime::new().unwrap();
    outer.block_on(async move {
        assert_inside_runtime(Project::list().fetch(&cm).unwrap_err());
        assert_inside_runtime(Project::fetch(&cm, 1).unwrap_err());
        assert_inside_runtime(Project::fetch_many(&cm, [1, 2]).unwrap_err());
        assert_inside_runtime(cm.download_many([], None).unwrap_err());
        let mut project = Project::new("never sent");
        assert_inside_runtime(project.save(&cm).unwrap_err());
        let mut iter = Project::list().iter(&cm);
        assert_inside_runtime(iter.next().unwrap().unwrap_err());
        assert!(iter.next().is_none());
        let connect = Cytomine::connect(&url, admin.public_key, admin.private_key);
        assert_inside_runtime(connect.unwrap_err());
        drop(cm); // dropping the client in async code does not panic either
    });
    assert!(!INSIDE_RUNTIME.contains("panic"));
    let _ = &server.runtime;
}
