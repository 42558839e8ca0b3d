//! Running Python from the interop tests: the interpreter with the official client, whether it
//! has the modules a test needs, throw-away key pairs, and a child run with a timeout and its
//! combined output.
//!
//! Included with `#[path = "common/python.rs"] mod python;` by the tests that run Python
//! (`python_interop.rs`, `python_suite.rs`), so the other tests do not compile it.
//!
//! The interpreter is `$CYTOMINE_PYTHON` when set. Otherwise these tests set up their own
//! virtualenv on first use, in `target/tmp/python-env`: `python3 -m venv`, then
//! `pip install cytomine-python-client==4.3.0 pytest`, and the client's 4.3.0 sdist (its own test
//! suite) downloaded beside it. A file lock keeps two test binaries (or two tests of one binary)
//! from building it at once; a marker file written last says it is complete, so an interrupted
//! set-up is redone. Only Python 3 with its `venv` module and access to PyPI are needed. Anything
//! missing FAILS the test with what to install; nothing is ever skipped.
// Each including test uses its own subset of these helpers.
#![allow(dead_code)]

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The workspace root (the root package's manifest directory).
pub const WORKSPACE: &str = env!("CARGO_MANIFEST_DIR");

/// What the virtualenv holds: the official client at the version we test against, and pytest.
const REQUIREMENTS: [&str; 2] = ["cytomine-python-client==4.3.0", "pytest"];
/// The client's source distribution, which carries its own test suite.
const SDIST_REQUIREMENT: &str = "cytomine-python-client==4.3.0";
/// The modules every Python test imports.
const MODULES: [&str; 2] = ["cytomine", "pytest"];

/// An interpreter that has the official client and pytest, and where the client's sdist is.
pub struct PythonEnv {
    /// The interpreter.
    pub python: PathBuf,
    /// The client's 4.3.0 sdist (a `.tar.gz`), or None when `$CYTOMINE_PYTHON` names an interpreter
    /// and `$CYTOMINE_PY_SDIST` names no sdist (the suite runner then downloads it itself).
    pub sdist: Option<PathBuf>,
}

/// The Python environment of these tests: `$CYTOMINE_PYTHON` (with `$CYTOMINE_PY_SDIST`), or the
/// virtualenv under `target/tmp`, set up on first use. Panics with what to do when neither works.
pub fn python_env() -> &'static PythonEnv {
    static ENV: OnceLock<PythonEnv> = OnceLock::new();
    ENV.get_or_init(|| {
        let explicit_sdist = env_path("CYTOMINE_PY_SDIST");
        if let Some(sdist) = &explicit_sdist {
            assert!(
                sdist.exists(),
                "CYTOMINE_PY_SDIST is {}, which does not exist",
                sdist.display()
            );
        }
        let env = match env_path("CYTOMINE_PYTHON") {
            Some(python) => PythonEnv {
                python,
                sdist: explicit_sdist,
            },
            None => {
                let mut env =
                    provisioned(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("python-env"));
                env.sdist = explicit_sdist.or(env.sdist);
                env
            }
        };
        assert_imports(&env.python);
        env
    })
}

/// The path in environment variable `name`, when set and not empty.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The virtualenv in `dir`, created (under a lock held across processes) unless complete already.
fn provisioned(dir: &Path) -> PythonEnv {
    let parent = dir.parent().expect("the virtualenv folder has a parent");
    fs::create_dir_all(parent)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    let lock_path = dir.with_extension("lock");
    let lock = File::create(&lock_path)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", lock_path.display()));
    lock.lock()
        .unwrap_or_else(|e| panic!("cannot lock {}: {e}", lock_path.display()));
    let python = dir.join(if cfg!(windows) {
        "Scripts/python.exe"
    } else {
        "bin/python"
    });
    let sdist_dir = dir.join("sdist");
    let marker = dir.join("complete");
    let wanted = format!("{}\n{SDIST_REQUIREMENT} (sdist)\n", REQUIREMENTS.join("\n"));
    if fs::read_to_string(&marker).ok().as_deref() != Some(wanted.as_str()) {
        if dir.exists() {
            fs::remove_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot remove the unfinished {}: {e}", dir.display()));
        }
        eprintln!(
            "setting up {} for the tests that drive the official Python client (once)",
            dir.display()
        );
        create_venv(dir);
        let mut install = pip(&python, "install");
        install.args(REQUIREMENTS);
        run_set_up_step(install, "installing the official client and pytest");
        let mut download = pip(&python, "download");
        download
            .args(["--no-deps", "--no-binary", ":all:", SDIST_REQUIREMENT, "-d"])
            .arg(&sdist_dir);
        run_set_up_step(
            download,
            "downloading the official client's sdist (its test suite)",
        );
        fs::write(&marker, &wanted)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", marker.display()));
    }
    let sdist = fs::read_dir(&sdist_dir)
        .ok()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| path.to_string_lossy().ends_with(".tar.gz"));
    PythonEnv { python, sdist }
}

/// `python3 -m venv dir`, failing with what to install when Python 3 or its venv module is missing.
fn create_venv(dir: &Path) {
    let base = if cfg!(windows) { "python" } else { "python3" };
    let mut command = Command::new(base);
    command.args(["-m", "venv"]).arg(dir).stdin(Stdio::null());
    match command.output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "`{base} -m venv {}` failed: {}\n\
             The tests that drive the official Python client need Python 3 with its venv module \
             (Debian/Ubuntu: `apt-get install python3-venv`), or CYTOMINE_PYTHON set to an \
             interpreter that has {}.",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim(),
            REQUIREMENTS.join(" and ")
        ),
        Err(e) => panic!(
            "cannot run `{base}`: {e}\n\
             The tests that drive the official Python client need Python 3 (3.8 or newer) with its \
             venv module: install it (Debian/Ubuntu: `apt-get install python3 python3-venv`; \
             macOS: `brew install python`; Windows: the installer from python.org), or set \
             CYTOMINE_PYTHON to an interpreter that has {}.",
            REQUIREMENTS.join(" and ")
        ),
    }
}

/// `python -m pip <verb> --quiet`, with nothing read from standard input.
fn pip(python: &Path, verb: &str) -> Command {
    let mut command = Command::new(python);
    command
        .args(["-m", "pip", verb, "--quiet", "--disable-pip-version-check"])
        .stdin(Stdio::null());
    command
}

/// Runs one step of the set-up; panics with its output when it fails.
fn run_set_up_step(mut command: Command, what: &str) {
    match command.output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "{what} failed ({}): {}{}\nThe tests that drive the official Python client need \
             access to PyPI once, to set up target/tmp/python-env; or set CYTOMINE_PYTHON to an \
             interpreter that has {}.",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            REQUIREMENTS.join(" and ")
        ),
        Err(e) => panic!("{what}: cannot run {:?}: {e}", command.get_program()),
    }
}

/// Panics with the fix unless `python` can import the official client and pytest.
fn assert_imports(python: &Path) {
    let probe = Command::new(python)
        .args(["-c", &format!("import {}", MODULES.join(", "))])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output();
    let problem = match probe {
        Ok(out) if out.status.success() => return,
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
        Err(e) => format!("cannot run it: {e}"),
    };
    panic!(
        "{} cannot import {}: {problem}\n\
         Unset CYTOMINE_PYTHON to let the tests set up their own virtualenv, or \
         `pip install {}` for that interpreter.",
        python.display(),
        MODULES.join(", "),
        REQUIREMENTS.join(" ")
    );
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
