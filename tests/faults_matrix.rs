//! The fault matrix: each injected fault × each verb (GET, POST, PUT, DELETE, batch POST,
//! download), with the outcome the client reports, the number of attempts the server saw, and
//! what the server holds afterwards.

use std::path::Path;

mod common;
use std::time::Duration;

use cytomine::models::{Annotation, ImageInstance, Project};
use cytomine::prelude::*;
use cytomine::Collection;
use cytomine::{Error, ItemOutcome, RetryPolicy, TransportKind};
use cytomine_emulator::{Emulator, Fault, FaultRule};

/// The verbs of the matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verb {
    Get,
    Post,
    Put,
    Delete,
    BatchPost,
    Download,
}

/// What the client reported.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    Ok,
    Status(u16),
    Decode(u16),
    Transport(TransportKind),
    /// A batch: every item had this outcome (`created`, `failed`, `unknown`), or `mixed`.
    Items(&'static str),
}

/// One row: a fault on the verb's route, and what must follow.
struct Case {
    fault: &'static str,
    verb: Verb,
    seen: Seen,
    attempts: u64,
    /// Verb-specific trace left on the server or disk (see [`Fixture::effect`]).
    effect: u64,
}

const fn case(fault: &'static str, verb: Verb, seen: Seen, attempts: u64, effect: u64) -> Case {
    Case {
        fault,
        verb,
        seen,
        attempts,
        effect,
    }
}

/// The rule a fault name stands for, on the verb's route.
fn rule(fault: &str, verb: Verb) -> FaultRule {
    let (method, path) = match verb {
        Verb::Get => ("GET", "/api/project/"),
        Verb::Post => ("POST", "/api/project.json"),
        Verb::Put => ("PUT", "/api/project/"),
        Verb::Delete => ("DELETE", "/api/project/"),
        Verb::BatchPost => ("POST", "/api/annotation.json"),
        Verb::Download => ("GET", "/download"),
    };
    let base = match fault {
        "503x2" => FaultRule::new(Fault::Status(503)).times(2),
        "502" => FaultRule::new(Fault::Status(502)),
        "400" => FaultRule::new(Fault::Status(400)),
        "drop-before" => FaultRule::new(Fault::DropBeforeProcessing),
        "drop-after" => FaultRule::new(Fault::DropAfterProcessing),
        "truncate" => FaultRule::new(Fault::TruncateBody),
        "truncate-always" => FaultRule::new(Fault::TruncateBody).times(1000),
        "malformed" => FaultRule::new(Fault::MalformedJson),
        "html200" => FaultRule::new(Fault::HtmlWith200),
        "redirect" => FaultRule::new(Fault::RedirectToLogin),
        "delay" => FaultRule::new(Fault::Delay(Duration::from_millis(50))),
        other => panic!("no fault named {other}"),
    };
    base.method(method).path(path)
}

use Seen::*;
use TransportKind::{Interrupted, Redirect};
use Verb::*;

/// Effects: POST: projects with the case's name; PUT: 1 when the new name is stored; DELETE: 1
/// when the project is gone; batch: annotations created on the image; download: 1 for a
/// byte-equal file, 2 for a file with other bytes, 0 for no file (and never a `.part` left).
const MATRIX: &[Case] = &[
    case("503x2", Get, Ok, 3, 0),
    case("502", Get, Ok, 2, 0),
    case("drop-before", Get, Ok, 2, 0),
    case("drop-after", Get, Ok, 2, 0),
    case("truncate", Get, Ok, 2, 0),
    case("malformed", Get, Decode(200), 1, 0),
    case("html200", Get, Decode(200), 1, 0),
    case("redirect", Get, Transport(Redirect), 1, 0),
    case("delay", Get, Ok, 1, 0),
    // A POST is sent again only when surely not applied: no connection, or 429/503.
    case("503x2", Post, Ok, 3, 1),
    case("502", Post, Status(502), 1, 0),
    case("drop-before", Post, Transport(Interrupted), 1, 0),
    case("drop-after", Post, Transport(Interrupted), 1, 1),
    case("truncate", Post, Transport(Interrupted), 1, 1),
    case("malformed", Post, Decode(200), 1, 1),
    case("html200", Post, Decode(200), 1, 0),
    case("redirect", Post, Transport(Redirect), 1, 0),
    case("delay", Post, Ok, 1, 1),
    case("503x2", Put, Ok, 3, 1),
    case("502", Put, Ok, 2, 1),
    case("drop-before", Put, Ok, 2, 1),
    case("drop-after", Put, Ok, 2, 1),
    case("truncate", Put, Ok, 2, 1),
    case("malformed", Put, Decode(200), 1, 1),
    case("html200", Put, Decode(200), 1, 0),
    case("redirect", Put, Transport(Redirect), 1, 0),
    case("delay", Put, Ok, 1, 1),
    case("503x2", Delete, Ok, 3, 1),
    case("502", Delete, Ok, 2, 1),
    case("drop-before", Delete, Ok, 2, 1),
    // The first attempt deleted it and its answer was lost; the retry's 404 means done.
    case("drop-after", Delete, Ok, 2, 1),
    case("truncate", Delete, Ok, 2, 1),
    case("malformed", Delete, Decode(200), 1, 1),
    case("html200", Delete, Decode(200), 1, 0),
    case("redirect", Delete, Transport(Redirect), 1, 0),
    case("delay", Delete, Ok, 1, 1),
    case("503x2", BatchPost, Items("created"), 3, 3),
    case("400", BatchPost, Items("failed"), 1, 0),
    case("502", BatchPost, Items("unknown"), 1, 0),
    case("drop-before", BatchPost, Items("unknown"), 1, 0),
    case("drop-after", BatchPost, Items("unknown"), 1, 3),
    case("truncate", BatchPost, Items("unknown"), 1, 3),
    case("malformed", BatchPost, Items("unknown"), 1, 3),
    case("html200", BatchPost, Items("unknown"), 1, 0),
    // Cytomine never redirects: a proxy answered without passing the batch on.
    case("redirect", BatchPost, Items("failed"), 1, 0),
    case("delay", BatchPost, Items("created"), 1, 3),
    case("503x2", Download, Ok, 3, 1),
    case("502", Download, Ok, 2, 1),
    case("drop-before", Download, Ok, 2, 1),
    case("drop-after", Download, Ok, 2, 1),
    case("truncate", Download, Ok, 2, 1),
    case("truncate-always", Download, Transport(Interrupted), 4, 0),
    // A complete 200 answer of the right length: the client cannot tell these bytes are not
    // the image. An HTML page, though, is refused and leaves no file.
    case("malformed", Download, Ok, 1, 2),
    case("html200", Download, Decode(200), 1, 0),
    case("redirect", Download, Transport(Redirect), 1, 0),
    case("delay", Download, Ok, 1, 1),
];

/// One emulator with demo data, a fast-retrying client, and an image with its bytes.
struct Fixture {
    emu: Emulator,
    cm: Cytomine,
    image: ImageInstance,
    original: Vec<u8>,
    dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let common::Env { emu, cm } = common::start_custom(Emulator::builder().demo(true), |client| {
        client.retry(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
    })
    .await;
    let image = common::first_demo_image(&cm).await;
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    image.download(&cm, &reference).await.unwrap();
    let original = std::fs::read(&reference).unwrap();
    Fixture {
        emu,
        cm,
        image,
        original,
        dir,
    }
}

fn seen<T>(result: &Result<T, Error>) -> Seen {
    match result {
        Result::Ok(_) => Ok,
        Err(Error::Status { status, .. }) => Status(*status),
        Err(Error::Decode { status, .. }) => Decode(*status),
        Err(Error::Transport { kind, .. }) => Transport(*kind),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

impl Fixture {
    async fn annotation_count(&self) -> u64 {
        let image = self.image.id.unwrap();
        let list = Annotation::list()
            .image(image)
            .fetch(&self.cm)
            .await
            .unwrap();
        list.len() as u64
    }

    /// Prepares what the verb needs, injects the fault, runs the verb once.
    async fn run(&self, n: usize, c: &Case) -> (Seen, u64, u64) {
        let name = format!("matrix-{n}");
        let mut project = Project::new(&name);
        project.save(&self.cm).await.unwrap();
        let id = project.id.unwrap();
        let annotations_before = self.annotation_count().await;
        let dest = self.dir.path().join(format!("download-{n}.png"));
        self.emu.faults().inject(rule(c.fault, c.verb));
        let before = self.emu.request_count();
        let outcome = match c.verb {
            Get => seen(&Project::fetch(&self.cm, id).await),
            Post => seen(&Project::new(format!("{name}-new")).save(&self.cm).await),
            Put => {
                project.name = Some(format!("{name}-renamed"));
                seen(&project.update(&self.cm).await)
            }
            Delete => seen(&Project::delete_by_id(&self.cm, id).await),
            BatchPost => self.batch().await,
            Download => seen(&self.image.download(&self.cm, &dest).await),
        };
        let attempts = self.emu.request_count() - before;
        self.emu.faults().clear();
        let effect = match c.verb {
            Get => 0,
            Post => self.projects_named(&format!("{name}-new")).await,
            Put => self.projects_named(&format!("{name}-renamed")).await,
            Delete => u64::from(Project::fetch(&self.cm, id).await.is_err()),
            BatchPost => self.annotation_count().await - annotations_before,
            Download => self.file_effect(&dest),
        };
        (outcome, attempts, effect)
    }

    async fn batch(&self) -> Seen {
        let image = self.image.id.unwrap();
        let mut items: Collection<Annotation> = (0..3)
            .map(|k| {
                let x = 10 + 20 * k;
                let wkt = format!(
                    "POLYGON (({x} 10, {x} 20, {} 20, {} 10, {x} 10))",
                    x + 10,
                    x + 10
                );
                Annotation::new(wkt, image)
            })
            .collect();
        let report = items.save(&self.cm).await.unwrap();
        let kinds: Vec<&str> = report
            .outcomes
            .iter()
            .map(|o| match o {
                ItemOutcome::Created(_) => "created",
                ItemOutcome::Failed(_) => "failed",
                ItemOutcome::Unknown(_) => "unknown",
            })
            .collect();
        assert_eq!(kinds.len(), 3);
        Items(if kinds.iter().all(|k| *k == kinds[0]) {
            kinds[0]
        } else {
            "mixed"
        })
    }

    async fn projects_named(&self, name: &str) -> u64 {
        let all = Project::list().fetch(&self.cm).await.unwrap();
        all.iter()
            .filter(|p| p.name.as_deref() == Some(name))
            .count() as u64
    }

    fn file_effect(&self, dest: &Path) -> u64 {
        let leftovers = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".part"));
        assert!(!leftovers, "a .part file was left behind");
        match std::fs::read(dest) {
            Result::Ok(bytes) if bytes == self.original => 1,
            Result::Ok(_) => 2,
            Err(_) => 0,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_on_every_verb() {
    let fx = fixture().await;
    let mut mismatches = Vec::new();
    for (n, c) in MATRIX.iter().enumerate() {
        let got = fx.run(n, c).await;
        let want = (c.seen.clone(), c.attempts, c.effect);
        if got != want {
            mismatches.push(format!(
                "{} on {:?}: want {want:?}, got {got:?}",
                c.fault, c.verb
            ));
        }
    }
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

#[tokio::test]
async fn decode_errors_name_the_path_and_keep_the_status() {
    let fx = fixture().await;
    let mut project = Project::new("decode-me");
    project.save(&fx.cm).await.unwrap();
    let id = project.id.unwrap();
    let raw: serde_json::Value = fx
        .cm
        .get_json(&format!("project/{id}.json"), &[])
        .await
        .unwrap();

    fx.emu.faults().inject(rule("malformed", Get));
    let err = Project::fetch(&fx.cm, id).await.unwrap_err();
    let Error::Decode {
        path,
        status,
        reason,
        ..
    } = &err
    else {
        panic!("not a decode error: {err:?}")
    };
    assert_eq!(*status, 200);
    // The models keep unknown attributes through `#[serde(flatten)]`, which buffers the object:
    // a syntax error inside it is reported at `?` (serde_path_to_error's unknown path), with
    // serde_json's line and column pointing at the break.
    let field = path.split(['.', '[']).next().unwrap_or_default();
    assert!(
        path == "?" || raw.get(field).is_some(),
        "`{path}` names an attribute of the project: {err}"
    );
    let cut = raw.to_string().len() / 2;
    assert!(
        reason.contains(&format!("column {cut}")),
        "the reason locates the break at column {cut}: {err}"
    );
    assert!(err.to_string().contains(&format!("at `{path}`")), "{err}");

    fx.emu.faults().inject(rule("html200", Get));
    let err = Project::fetch(&fx.cm, id).await.unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert!(
        err.to_string().contains("<!DOCTYPE html>"),
        "the body is shown: {err}"
    );
}

#[tokio::test]
async fn redirects_and_drops_say_what_happened() {
    let fx = fixture().await;
    fx.emu.faults().inject(rule("redirect", Get));
    let err = Project::fetch(&fx.cm, 1).await.unwrap_err();
    assert!(
        err.to_string().contains("/login"),
        "the target is named: {err}"
    );
    assert!(!err.is_retryable());

    fx.emu.faults().inject(rule("drop-after", Post));
    let err = Project::new("dropped").save(&fx.cm).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: Interrupted,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.request().map(|r| r.method.as_str()), Some("POST"));
}
