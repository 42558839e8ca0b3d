//! Setup shared by the integration tests: an in-process emulator, connected clients, and
//! helpers to check wire round trips and errors.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use cytomine::models::{ImageInstance, Project, Storage, UploadImageOptions, UploadedFile};
use cytomine::prelude::*;
use cytomine::ClientBuilder;
use cytomine_emulator::imaging::{demo_image, Format};
use cytomine_emulator::{Emulator, EmulatorBuilder};
use serde_json::Value;

/// A running emulator and a client connected as its admin.
pub struct Env {
    /// The emulator (dropping it stops the server).
    pub emu: Emulator,
    /// Client of the built-in admin.
    pub cm: Cytomine,
}

/// An empty emulator with the admin connected.
pub async fn start() -> Env {
    start_with(false).await
}

/// An emulator preloaded with the demo data set, with the admin connected.
pub async fn start_demo() -> Env {
    start_with(true).await
}

async fn start_with(demo: bool) -> Env {
    start_custom(Emulator::builder().demo(demo), |client| client).await
}

/// An emulator built by `emulator`, with the admin connected by a client that `client`
/// configures (retry policy, bulk options...).
pub async fn start_custom(
    emulator: EmulatorBuilder,
    client: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> Env {
    let emu = emulator.start().await.expect("emulator starts");
    let admin = emu.admin();
    let builder =
        Cytomine::builder(emu.base_url()).credentials(admin.public_key, admin.private_key);
    let cm = client(builder).connect().await.expect("admin connects");
    Env { emu, cm }
}

/// The first image of the first project of the demo data set.
pub async fn first_demo_image(cm: &Cytomine) -> ImageInstance {
    let projects = Project::list().fetch(cm).await.expect("projects listed");
    let project = projects.first().and_then(|p| p.id).expect("a demo project");
    let images = ImageInstance::list()
        .project(project)
        .fetch(cm)
        .await
        .expect("images listed");
    images.first().cloned().expect("a demo image")
}

impl Env {
    /// Adds a plain user (ROLE_USER) and connects as that user.
    pub async fn user(&self, username: &str) -> (i64, Cytomine) {
        let keys = self.emu.add_user(username, cytomine_emulator::Role::User);
        let cm = Cytomine::connect(&self.emu.base_url(), keys.public_key, keys.private_key)
            .await
            .expect("user connects");
        (keys.id, cm)
    }

    /// The admin's id.
    pub fn admin_id(&self) -> i64 {
        self.emu.admin().id
    }
}

/// A name no other test uses, for domains with unique names.
pub fn unique(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The first storage of the connected user.
pub async fn my_storage(cm: &Cytomine) -> Storage {
    let storages = Storage::list().fetch(cm).await.expect("storages listed");
    storages.first().cloned().expect("every user has a storage")
}

/// Writes a synthetic PNG of `w` x `h` pixels into `dir` and returns its path and bytes.
pub fn png_file(
    dir: &std::path::Path,
    name: &str,
    w: u32,
    h: u32,
) -> (std::path::PathBuf, Vec<u8>) {
    let bytes = demo_image(w, h, Format::Png, 11);
    let path = dir.join(name);
    std::fs::write(&path, &bytes).expect("test image written");
    (path, bytes)
}

/// Downloads of the abstract images `images` into `dir` (`back{id}.png`), with one of an image
/// that does not exist (to `dir/x`) inserted at `missing_at`: it must fail alone.
pub fn downloads_back(
    images: &[i64],
    dir: &std::path::Path,
    missing_at: usize,
) -> Vec<cytomine::files::DownloadItem> {
    use cytomine::files::DownloadItem;
    let mut items: Vec<DownloadItem> = images
        .iter()
        .map(|id| {
            let path = format!("abstractimage/{id}/download");
            DownloadItem::api(path, vec![], dir.join(format!("back{id}.png")))
        })
        .collect();
    let missing = DownloadItem::api("abstractimage/999999999/download", vec![], dir.join("x"));
    items.insert(missing_at, missing);
    items
}

/// A new project holding one image uploaded from a synthetic PNG of `w` x `h` pixels;
/// returns the project, the image instance and the uploaded bytes.
pub async fn project_with_image(
    cm: &Cytomine,
    dir: &std::path::Path,
    w: u32,
    h: u32,
) -> (Project, ImageInstance, Vec<u8>) {
    let mut project = Project::new(unique("imaging"));
    project.save(cm).await.expect("project created");
    let project_id = project.id.expect("project id");
    let (path, bytes) = png_file(dir, &format!("{}.png", unique("slide")), w, h);
    let storage = my_storage(cm).await.id.expect("storage id");
    let options = UploadImageOptions {
        projects: vec![project_id],
        sync: true,
        ..Default::default()
    };
    let result = UploadedFile::upload(cm, &path, storage, &options)
        .await
        .expect("image uploaded");
    let image = result
        .images
        .first()
        .and_then(|i| i.image_instances.first())
        .cloned()
        .expect("a synchronous upload into a project gives an image instance");
    (project, image, bytes)
}

/// A project whose ontology has the terms "tumour" and "stroma", with one `w` x `h` image:
/// the project (with its ontology set), the image and the two term ids.
pub async fn project_with_terms_and_image(
    cm: &Cytomine,
    dir: &std::path::Path,
    w: u32,
    h: u32,
) -> (Project, ImageInstance, [i64; 2]) {
    let mut ontology = cytomine::models::Ontology::new(unique("onto"));
    ontology.save(cm).await.expect("ontology created");
    let mut terms = [0; 2];
    for (slot, name) in terms.iter_mut().zip(["tumour", "stroma"]) {
        let mut term =
            cytomine::models::Term::new(name, ontology.id.expect("ontology id"), "#FF0000");
        term.save(cm).await.expect("term created");
        *slot = term.id.expect("term id");
    }
    let (mut project, image, _) = project_with_image(cm, dir, w, h).await;
    project.ontology = ontology.id;
    project.update(cm).await.expect("project updated");
    (project, image, terms)
}

/// `value` without `null` attributes and with every number as a float, so that a typed
/// model's serialization can be compared with the server's JSON.
pub fn normalized(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| value.clone()),
        other => other.clone(),
    }
}

/// Fetches `path` raw and as `R`, and checks that serializing the typed value gives back every
/// attribute the server sent (the fetch -> update round trip loses nothing).
pub async fn assert_round_trip<R: Fetch>(cm: &Cytomine, path: &str, key: R::Key) -> R {
    let raw: Value = cm.get_json(path, &[]).await.expect("raw fetch");
    let typed = R::fetch(cm, key).await.expect("typed fetch");
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_eq!(normalized(&back), normalized(&raw), "round trip of {path}");
    typed
}

/// Checks that `err` is a 404 carrying the server's message.
pub fn assert_not_found(err: &cytomine::Error) {
    assert_eq!(err.status(), Some(404), "{err}");
    match err {
        cytomine::Error::Status { message, .. } => {
            let message = message.as_deref().unwrap_or_default();
            assert!(
                !message.is_empty(),
                "404 without the server's message: {err}"
            );
            assert!(err.to_string().contains(message), "{err}");
        }
        other => panic!("expected a status error, got {other}"),
    }
}

/// The status, the server's message and the raw body of a failed request.
pub fn failure(err: &cytomine::Error) -> (Option<u16>, String, String) {
    match err {
        cytomine::Error::Status { message, body, .. } => (
            err.status(),
            message.clone().unwrap_or_default(),
            body.clone(),
        ),
        other => panic!("not an HTTP failure: {other}"),
    }
}

/// Asserts that `err` is an HTTP refusal with `status` and the server message `message`, and
/// gives its body as JSON (to check the error's shape).
pub fn refusal(err: &cytomine::Error, status: u16, message: &str) -> Value {
    let (got_status, got_message, body) = failure(err);
    assert_eq!((got_status, got_message.as_str()), (Some(status), message));
    serde_json::from_str(&body).expect("a JSON error body")
}
