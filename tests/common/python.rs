//! Running Python from the interop tests: which interpreter, whether it has the modules a test
//! needs, throw-away key pairs, and a child run with a timeout and its combined output.
//!
//! Included with `#[path = "common/python.rs"] mod python;` by the tests that run Python
//! (`python_interop.rs`, `python_suite.rs`), so the other tests do not compile it.
//!
//! The interpreter is `$CYTOMINE_PYTHON`, else `.venv/bin/python` at the workspace root, else
//! `python3`. A missing interpreter or module FAILS the test with the fix (`.ci/run`); it never skips.
// Each including test uses its own subset of these helpers.
#![allow(dead_code)]

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The workspace root (the root package's manifest directory).
pub const WORKSPACE: &str = env!("CARGO_MANIFEST_DIR");

/// The interpreter to use, by the documented order of preference.
pub fn python() -> PathBuf {
    if let Some(explicit) = std::env::var_os("CYTOMINE_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(explicit);
    }
    let venv = Path::new(WORKSPACE).join(".venv/bin/python");
    if venv.is_file() {
        return venv;
    }
    PathBuf::from("python3")
}

/// The interpreter, after checking that it can import every one of `modules`; panics with the fix
/// (`.ci/run`, or installing `packages` by hand) otherwise.
pub fn python_with(modules: &[&str], packages: &str) -> PathBuf {
    let python = python();
    let probe = Command::new(&python)
        .args(["-c", &format!("import {}", modules.join(", "))])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output();
    let problem = match probe {
        Ok(out) if out.status.success() => return python,
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
        Err(e) => format!("cannot run it: {e}"),
    };
    panic!(
        "{} cannot import {}: {problem}\n\
         Run `.ci/run` (it creates .venv with what these tests need), or `pip install {packages}` \
         and point CYTOMINE_PYTHON at that interpreter.",
        python.display(),
        modules.join(", ")
    );
}

/// The interpreter, after checking that `import cytomine` works with it.
pub fn python_with_client() -> PathBuf {
    python_with(&["cytomine"], "cytomine-python-client==4.3.0")
}

/// A key pair for one test's server. Not a secret (the server lives only for the test), and never
/// printed: output shown by a failing test goes through [`redact`] first.
pub fn test_keys(tag: &str) -> (String, String) {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let pid = std::process::id();
    (
        format!("interop-{tag}-public-{pid}-{nanos}"),
        format!("interop-{tag}-private-{pid}-{nanos:x}"),
    )
}

/// `python` as a command that writes no bytecode, talks to loopback without a proxy and reads
/// nothing from standard input.
pub fn python_command(python: &Path) -> Command {
    let mut command = Command::new(python);
    command
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONUNBUFFERED", "1")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .stdin(Stdio::null());
    command
}

/// What a child did: its exit status (None when killed on timeout) and its stdout and stderr
/// interleaved as written.
pub struct Captured {
    /// The exit status, or None when the child was killed after its timeout.
    pub status: Option<ExitStatus>,
    /// Standard output and standard error, in one stream.
    pub output: String,
}

/// Run `command` with stdout and stderr sent to one temporary file, killing it after `timeout`.
pub fn run_captured(mut command: Command, timeout: Duration) -> Captured {
    let mut log = tempfile::tempfile().expect("a temporary file for the child's output");
    let stdout = log.try_clone().expect("a handle on the output file");
    let stderr = log.try_clone().expect("a second handle on the output file");
    let mut child = command
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::from(stderr))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", command.get_program()));
    let status = wait_with_timeout(&mut child, timeout);
    let mut output = String::new();
    if let Err(e) = log
        .seek(SeekFrom::Start(0))
        .and_then(|_| log.read_to_string(&mut output))
    {
        output = format!("<cannot read the child's output: {e}>");
    }
    Captured { status, output }
}

/// Wait for `child`; kill it and return None once `timeout` has passed.
pub fn wait_with_timeout(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// `text` without `private_key` and without the signature of any `CYTOMINE <public>:<signature>`
/// authorization value, for output that a failing test prints.
pub fn redact(text: &str, private_key: &str) -> String {
    let text = if private_key.is_empty() {
        text.to_string()
    } else {
        text.replace(private_key, "<private key>")
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("CYTOMINE ") {
        let (before, from) = rest.split_at(at + "CYTOMINE ".len());
        out.push_str(before);
        let value_end = from
            .find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '\\'))
            .unwrap_or(from.len());
        match from[..value_end].find(':') {
            Some(colon) => {
                out.push_str(&from[..=colon]);
                out.push_str("<signature>");
            }
            None => out.push_str(&from[..value_end]),
        }
        rest = &from[value_end..];
    }
    out.push_str(rest);
    out
}
