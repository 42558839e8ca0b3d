//! Secrets never leak: with every tracing event at TRACE captured, and the Display and Debug of
//! every error and of the client collected over a session with successes and failures, neither
//! a private key nor a `CYTOMINE pub:signature` header value appears anywhere.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cytomine::models::Project;
use cytomine::prelude::*;
use cytomine::Collection;
use cytomine::RetryPolicy;
use cytomine_emulator::{Emulator, Fault, FaultRule, Role};
use tracing_subscriber::fmt::MakeWriter;

/// A tracing writer appending to a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

async fn client(emu: &Emulator, public: &str, private: &str) -> cytomine::Result<Cytomine> {
    Cytomine::builder(emu.base_url())
        .credentials(public, private)
        .retry(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
        .connect()
        .await
}

/// Runs `f`, records the error's Display and Debug when it fails.
fn keep<T: std::fmt::Debug>(seen: &mut Vec<String>, result: cytomine::Result<T>) {
    match result {
        Ok(value) => seen.push(format!("{value:?}")),
        Err(err) => {
            seen.push(err.to_string());
            seen.push(format!("{err:?}"));
            seen.push(format!("{err:#?}"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_private_key_nor_signature_in_logs_errors_or_debug() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let emu = Emulator::start().await.unwrap();
    let admin = emu.admin();
    let bob = emu.add_user("bob", Role::User);
    let mut seen = Vec::new();

    let cm = client(&emu, &admin.public_key, &admin.private_key)
        .await
        .unwrap();
    seen.push(format!("{cm:?}"));
    seen.push(format!("{:?}", cm.current_user()));
    let mut project = Project::new("secret-keeping");
    keep(&mut seen, project.save(&cm).await);
    let id = project.id.unwrap();
    keep(&mut seen, Project::fetch(&cm, id).await);
    keep(&mut seen, Project::fetch(&cm, 999_999).await);

    let wrong = "00000000-wrong-private-key-0000";
    keep(&mut seen, client(&emu, &admin.public_key, wrong).await);
    keep(
        &mut seen,
        client(&emu, &bob.public_key, &admin.private_key).await,
    );
    let bob_cm = client(&emu, &bob.public_key, &bob.private_key)
        .await
        .unwrap();
    seen.push(format!("{bob_cm:?}"));
    keep(&mut seen, Project::fetch(&bob_cm, id).await);

    let faults = [
        Fault::Status(503),
        Fault::Status(502),
        Fault::DropBeforeProcessing,
        Fault::DropAfterProcessing,
        Fault::TruncateBody,
        Fault::MalformedJson,
        Fault::HtmlWith200,
        Fault::RedirectToLogin,
    ];
    for fault in faults {
        emu.faults().inject(FaultRule::new(fault.clone()).times(4));
        keep(&mut seen, Project::fetch(&cm, id).await);
        emu.faults().inject(FaultRule::new(fault).times(4));
        keep(&mut seen, Project::new("under-fault").save(&cm).await);
        emu.faults().clear();
    }
    let mut batch: Collection<Project> = (0..3).map(|k| Project::new(format!("b{k}"))).collect();
    emu.faults()
        .inject(FaultRule::new(Fault::DropAfterProcessing).times(10));
    keep(&mut seen, batch.save(&cm).await);
    emu.faults().clear();

    let logs = captured.text();
    assert!(
        logs.contains("cytomine::http"),
        "the client's requests were traced"
    );
    assert!(logs.contains("retrying"), "retries were traced");
    let everything = format!("{logs}\n{}", seen.join("\n"));
    for failure in [
        "HTTP 401",
        "HTTP 404",
        "HTTP 502",
        "connection interrupted",
        "redirected",
    ] {
        assert!(everything.contains(failure), "the session saw {failure}");
    }
    for secret in [&admin.private_key, &bob.private_key, &wrong.to_string()] {
        assert!(
            !everything.contains(secret.as_str()),
            "a private key leaked"
        );
    }
    assert!(
        !everything.contains("CYTOMINE "),
        "a signature header leaked: {}",
        everything
            .lines()
            .find(|l| l.contains("CYTOMINE "))
            .unwrap_or_default()
    );
}
