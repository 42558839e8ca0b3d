//! Interop: the official Python client (`cytomine-python-client` 4.3.0) against our emulator.
//!
//! - `official_client_walks_the_user_guide` starts the emulator in-process and runs
//!   `tests/python/user_guide.py` against it.
//! - `official_client_talks_to_the_emulator_binary` starts the `cytomine-emulator` binary that
//!   `cargo build --workspace --bins` (or `cargo test --workspace`) left in the target directory and
//!   runs `tests/python/smoke.py` (connect, list projects) against it.
//!
//! The interpreter is `$CYTOMINE_PYTHON`, else a virtualenv these tests set up themselves under
//! `target/tmp` on first use (see `common/python.rs`). When neither can be had, these tests FAIL
//! saying what to install; they never skip.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cytomine_emulator::Emulator;

#[path = "common/python.rs"]
mod python;

use python::{python_command, python_env, run_captured, test_keys, WORKSPACE};

/// Upper bound for the whole user guide (the client's own connection wait alone is 120 s).
const GUIDE_TIMEOUT: Duration = Duration::from_secs(300);
/// Upper bound for the short check against the binary.
const SMOKE_TIMEOUT: Duration = Duration::from_secs(180);
/// How long the binary may take to print its `listening on` line.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(30);

/// What a Python script did: its exit status (None when killed on timeout) and its combined output.
struct ScriptRun {
    script: &'static str,
    status: Option<ExitStatus>,
    output: String,
}

impl ScriptRun {
    /// Panics with the script's whole output unless it exited 0.
    fn assert_passed(&self) {
        let verdict = match self.status {
            Some(status) if status.success() => {
                println!("{} passed:\n{}", self.script, self.output);
                return;
            }
            Some(status) => format!("exited with {status}"),
            None => "was killed after its timeout".to_string(),
        };
        panic!(
            "{} {verdict}. Its output:\n{}\n(end of {} output)",
            self.script, self.output, self.script
        );
    }
}

/// Run `tests/python/<script>` against `base_url` with the given keys, killing it after `timeout`.
fn run_script(
    python: &Path,
    script: &'static str,
    base_url: &str,
    (public_key, private_key): &(String, String),
    timeout: Duration,
) -> ScriptRun {
    let mut command = python_command(python);
    command
        .arg(Path::new(WORKSPACE).join("tests/python").join(script))
        .args(["--host", base_url, "--public_key", public_key])
        .args(["--private_key", private_key, "--log_level", "WARNING"])
        .current_dir(WORKSPACE);
    let run = run_captured(command, timeout);
    ScriptRun {
        script,
        status: run.status,
        output: run.output,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_client_walks_the_user_guide() {
    let python = &python_env().python;
    let keys = test_keys("guide");
    let emulator = Emulator::builder()
        .admin_keys(keys.0.clone(), keys.1.clone())
        .start()
        .await
        .expect("the emulator starts on 127.0.0.1");
    let base_url = emulator.base_url();
    // The emulator keeps serving on the runtime's workers while Python runs on a blocking thread.
    let run = tokio::task::spawn_blocking(move || {
        run_script(python, "user_guide.py", &base_url, &keys, GUIDE_TIMEOUT)
    })
    .await
    .expect("the thread running Python does not panic");
    emulator.shutdown().await;
    run.assert_passed();
}

/// The `cytomine-emulator` binary next to this test's executable, or in `$CARGO_TARGET_DIR` /
/// `<workspace>/target`, for the same profile.
fn emulator_binary() -> PathBuf {
    let name = format!("cytomine-emulator{}", std::env::consts::EXE_SUFFIX);
    // This test runs as target/<profile>/deps/python_interop-<hash>.
    let profile_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()));
    let profile = profile_dir
        .as_deref()
        .and_then(Path::file_name)
        .map_or_else(|| "debug".into(), |p| p.to_os_string());
    let mut candidates: Vec<PathBuf> = profile_dir.iter().map(|d| d.join(&name)).collect();
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR").filter(|t| !t.is_empty()) {
        candidates.push(PathBuf::from(target).join(&profile).join(&name));
    }
    candidates.push(
        Path::new(WORKSPACE)
            .join("target")
            .join(&profile)
            .join(&name),
    );
    candidates
        .iter()
        .find(|c| c.is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "the cytomine-emulator binary is not built (looked at {candidates:?}); build it with \
                 `cargo build --workspace --bins` (what .ci/run does) before the tests"
            )
        })
}

/// A child process that is killed when the test ends, pass or fail.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start the binary on a free port; returns the process and its `http://127.0.0.1:PORT`.
fn start_binary(keys: &(String, String)) -> (KillOnDrop, String) {
    let binary = emulator_binary();
    let mut child = Command::new(&binary)
        .args([
            "--port",
            "0",
            "--public-key",
            &keys.0,
            "--private-key",
            &keys.1,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let stdout = child.stdout.take().expect("stdout was piped");
    let guard = KillOnDrop(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || read_listening_line(stdout, tx));
    match rx.recv_timeout(LISTEN_TIMEOUT) {
        Ok(url) => (guard, url),
        Err(_) => panic!(
            "{} printed no `listening on http://127.0.0.1:PORT` line within {LISTEN_TIMEOUT:?}",
            binary.display()
        ),
    }
}

/// Send the URL of the first `listening on URL` line, then keep draining stdout until it closes.
fn read_listening_line(stdout: impl Read, tx: mpsc::Sender<String>) {
    let mut sent = false;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let (false, Some(url)) = (sent, line.trim().strip_prefix("listening on ")) {
            sent = tx.send(url.trim().to_string()).is_ok();
        }
    }
}

#[test]
fn official_client_talks_to_the_emulator_binary() {
    let python = &python_env().python;
    let keys = test_keys("binary");
    let (server, base_url) = start_binary(&keys);
    assert!(
        base_url.starts_with("http://127.0.0.1:"),
        "the binary should listen on loopback, it said {base_url}"
    );
    let run = run_script(python, "smoke.py", &base_url, &keys, SMOKE_TIMEOUT);
    drop(server);
    run.assert_passed();
}
