//! User guide §14, verbose mode: one INFO line per request, bodies at DEBUG, never a secret.
//! Alone in its test binary, because a `tracing` subscriber set for one test must not race with
//! other tests' callsites.

mod common;

use cytomine::prelude::*;

/// A `MakeWriter` collecting everything logged into a shared buffer.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test]
async fn s14_verbose_mode_logs_one_line_per_request_and_no_secret() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let common::Env { emu, cm } = common::start_demo().await;
    let projects = Project::list().fetch(&cm).await.unwrap();
    let fetched = Project::fetch(&cm, projects[0].id.unwrap()).await.unwrap();
    let _ = Project::fetch(&cm, 999_999).await;
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let info: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" INFO ") && l.contains("path="))
        .collect();
    assert!(
        info.iter().any(|l| l.contains("method=GET")
            && l.contains("path=/api/project.json")
            && l.contains("status=200")),
        "{text}"
    );
    assert!(
        info.iter()
            .any(|l| l.contains("path=/api/project/999999.json") && l.contains("status=404")),
        "{text}"
    );
    let id = fetched.id.unwrap();
    assert!(
        text.lines().any(|l| l.contains("DEBUG")
            && l.contains("response body")
            && l.contains(&format!("\"id\":{id}"))),
        "bodies at DEBUG: {text}"
    );
    let leaks: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(&emu.admin().private_key) || l.contains("CYTOMINE "))
        .collect();
    assert!(leaks.is_empty(), "no secret in logs: {leaks:#?}");
}
