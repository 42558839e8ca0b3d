//! The official Python client's own test suite (`cytomine-python-client` 4.3.0, from its PyPI
//! sdist) against the emulator started in-process, through `tests/python/suite/run_suite.py`.
//!
//! The outcome is asserted exactly (docs/protocol.md §6.6): of the 59 tests, every one passes except
//! `test_abstract_slice`, which fails inside the client itself (a `TypeError` from
//! `AbstractSlice.__init__`: the test passes one positional argument too many, nothing is sent),
//! `test_current_user_keys`, which fails as against a real server (`user/current.json` carries no
//! `publicKey`, so the client asks for `userkey/None/keys.json`, gets a 404, and indexes the `False`
//! its `get` returns: a `TypeError`), and `test_slice_instance`, which the suite skips with
//! `pytest.mark.skip`. Any other failure,
//! error, skip, or a missing test fails this test with pytest's output (the private key and
//! request signatures masked).
//!
//! The interpreter and the sdist come from `common/python.rs`: a virtualenv this test sets up
//! under `target/tmp` on first use, with the sdist downloaded beside it (or `$CYTOMINE_PYTHON` and
//! `$CYTOMINE_PY_SDIST`). When they cannot be had, this test FAILS saying what to install; it
//! never skips. pytest runs in a temporary folder,
//! without its cache, so nothing is written into the repository.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use cytomine_emulator::Emulator;

#[path = "common/python.rs"]
mod python;

use python::{python_command, python_env, redact, run_captured, test_keys, WORKSPACE};

/// Upper bound for the whole run: a possible sdist download, the client's connection wait
/// (120 s at most), then about three seconds of tests.
const SUITE_TIMEOUT: Duration = Duration::from_secs(300);
/// How many tests the 4.3.0 suite collects.
const COLLECTED: usize = 59;
/// The test that fails inside the client, before any request.
const CLIENT_SIDE_FAILURE: &str = "tests/test_image.py::TestAbstractSlice::test_abstract_slice";
/// The test that fails as against a real server: no keys in `user/current.json`
/// (`core/src/main/java/be/cytomine/domain/security/User.java:160-176` in cytomine/cytomine at
/// 0165ef76), so `CurrentUser.keys()` requests `userkey/None/keys.json`
/// (`clients/python/cytomine/models/user.py:59-60`) and gets `False`.
const KEYS_FAILURE: &str = "tests/test_user.py::TestCurrentUser::test_current_user_keys";
/// The test that the suite itself skips.
const SUITE_SKIP: &str = "tests/test_image.py::TestSliceInstance::test_slice_instance";
/// The error `test_abstract_slice` must fail with.
const CLIENT_TYPE_ERROR: &str = "TypeError: AbstractSlice.__init__() takes";
/// The error `test_current_user_keys` must fail with (`keys["privateKey"]` on `False`).
const KEYS_TYPE_ERROR: &str = "TypeError: 'bool' object is not subscriptable";
/// The failing tests and the error each must fail with.
const EXPECTED_FAILURES: [(&str, &str); 2] = [
    (CLIENT_SIDE_FAILURE, CLIENT_TYPE_ERROR),
    (KEYS_FAILURE, KEYS_TYPE_ERROR),
];
/// pytest's exit status when some tests failed (and nothing worse happened).
const PYTEST_TESTS_FAILED: i32 = 1;
/// Outcome words of pytest's verbose per-test lines.
const OUTCOMES: [&str; 6] = ["PASSED", "FAILED", "SKIPPED", "ERROR", "XFAIL", "XPASS"];

/// What pytest's verbose output says.
#[derive(Debug, Default)]
struct PytestReport {
    /// `collected N items`.
    collected: Option<usize>,
    /// Every outcome line's (node id, outcome), in order; a test may have two (e.g. PASSED, ERROR).
    outcomes: Vec<(String, String)>,
    /// The closing summary line's counts by word (`passed`, `failed`, `error`, ...); None when
    /// there is no such line.
    totals: Option<BTreeMap<String, usize>>,
}

/// Read `collected N items`, the `<node id> <OUTCOME>` lines and the closing `= ... in Ns =` line.
fn parse_report(output: &str) -> PytestReport {
    let mut report = PytestReport::default();
    let mut in_progress = false;
    for line in output.lines() {
        if let Some(count) = collected_count(line) {
            report.collected = Some(count);
            in_progress = true;
        } else if line.starts_with('=') {
            in_progress = false;
            if let Some(totals) = summary_totals(line) {
                report.totals = Some(totals);
            }
        } else if in_progress {
            let mut words = line.split_whitespace();
            if let (Some(node), Some(outcome)) = (words.next(), words.next()) {
                if node.contains("::") && OUTCOMES.contains(&outcome) {
                    report
                        .outcomes
                        .push((node.to_string(), outcome.to_string()));
                }
            }
        }
    }
    report
}

/// N in `collecting ... collected N items` (or `collected N items`).
fn collected_count(line: &str) -> Option<usize> {
    let rest = &line[line.find("collected ")? + "collected ".len()..];
    let (count, tail) = rest.split_once(' ')?;
    tail.starts_with("item").then(|| count.parse().ok())?
}

/// The counts of a closing line such as `==== 1 failed, 57 passed, 1 skipped in 1.37s ====`.
fn summary_totals(line: &str) -> Option<BTreeMap<String, usize>> {
    let inner = line.trim().trim_matches('=').trim();
    let (counts, duration) = inner.rsplit_once(" in ")?;
    if !duration.ends_with('s') {
        return None;
    }
    let mut totals = BTreeMap::new();
    for part in counts.split(", ") {
        let (count, word) = part.trim().split_once(' ')?;
        let word = match word {
            "errors" => "error",
            "warnings" => "warning",
            other => other,
        };
        *totals.entry(word.to_string()).or_insert(0) += count.parse::<usize>().ok()?;
    }
    Some(totals)
}

/// The failure report of `node` in pytest's output: the lines after its
/// `___ Class.test_name ___` header, up to the next `___` or `===` header.
fn failure_section<'a>(output: &'a str, node: &str) -> Option<&'a str> {
    let title = node.split("::").skip(1).collect::<Vec<_>>().join(".");
    let (mut offset, mut start) = (0, None);
    for line in output.split_inclusive('\n') {
        let header = line.starts_with("___") || line.starts_with("===");
        match start {
            None if line.starts_with("___") && line.trim().trim_matches('_').trim() == title => {
                start = Some(offset + line.len());
            }
            Some(from) if header => return Some(&output[from..offset]),
            _ => {}
        }
        offset += line.len();
    }
    start.map(|from| &output[from..])
}

/// Everything that differs from the expected run, given pytest's exit code (None when it was
/// killed) and its output; empty when the run is exactly as expected.
fn problems(exit_code: Option<i32>, output: &str) -> Vec<String> {
    let report = parse_report(output);
    let mut found = Vec::new();
    match exit_code {
        Some(PYTEST_TESTS_FAILED) => {}
        Some(code) => found.push(format!(
            "pytest exited with {code}, expected {PYTEST_TESTS_FAILED}"
        )),
        None => found.push("the suite was killed after its timeout, or by a signal".to_string()),
    }
    if report.collected != Some(COLLECTED) {
        found.push(format!(
            "collected {:?} tests, expected {COLLECTED}",
            report.collected
        ));
    }
    found.extend(outcome_problems(&report.outcomes));
    let expected_totals = BTreeMap::from([
        ("failed".to_string(), EXPECTED_FAILURES.len()),
        (
            "passed".to_string(),
            COLLECTED - EXPECTED_FAILURES.len() - 1,
        ),
        ("skipped".to_string(), 1),
    ]);
    match report.totals {
        Some(mut totals) => {
            totals.remove("warning");
            if totals != expected_totals {
                found.push(format!(
                    "pytest's summary counts {totals:?}, expected {expected_totals:?}"
                ));
            }
        }
        None => found.push("pytest printed no closing summary line".to_string()),
    }
    for (node, error) in EXPECTED_FAILURES {
        let failed_so = failure_section(output, node).is_some_and(|section| {
            (section.lines()).any(|l| l.starts_with("E ") && l.contains(error))
        });
        if !failed_so {
            found.push(format!("{node} did not fail with `{error} ...`"));
        }
    }
    found
}

/// Every test whose outcome lines are not exactly the expected one, and missing tests.
fn outcome_problems(outcomes: &[(String, String)]) -> Vec<String> {
    let mut by_node: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (node, outcome) in outcomes {
        by_node.entry(node).or_default().push(outcome);
    }
    let mut found: Vec<String> = [CLIENT_SIDE_FAILURE, KEYS_FAILURE, SUITE_SKIP]
        .into_iter()
        .filter(|node| !by_node.contains_key(node))
        .map(|node| format!("{node} did not run"))
        .collect();
    for (node, outcomes) in &by_node {
        let expected = match *node {
            CLIENT_SIDE_FAILURE | KEYS_FAILURE => "FAILED",
            SUITE_SKIP => "SKIPPED",
            _ => "PASSED",
        };
        if outcomes.as_slice() != [expected] {
            found.push(format!("{node}: {outcomes:?}, expected [{expected}]"));
        }
    }
    if by_node.len() != COLLECTED {
        found.push(format!(
            "{} tests reported an outcome, expected {COLLECTED}",
            by_node.len()
        ));
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_client_suite_runs_against_the_emulator() {
    let env = python_env();
    let keys = test_keys("suite");
    let emulator = Emulator::builder()
        .admin_keys(keys.0.clone(), keys.1.clone())
        .start()
        .await
        .expect("the emulator starts on 127.0.0.1");
    let scratch = tempfile::tempdir().expect("a temporary working folder");
    let mut command = python_command(&env.python);
    command
        .arg(Path::new(WORKSPACE).join("tests/python/suite/run_suite.py"))
        .args(["--host", &emulator.base_url(), "--public_key", &keys.0])
        .args(["--private_key", &keys.1])
        .current_dir(scratch.path());
    if let Some(sdist) = &env.sdist {
        command.arg("--sdist").arg(sdist);
    }
    let started = Instant::now();
    // The emulator keeps serving on the runtime's workers while Python runs on a blocking thread.
    let run = tokio::task::spawn_blocking(move || run_captured(command, SUITE_TIMEOUT))
        .await
        .expect("the thread running Python does not panic");
    let elapsed = started.elapsed();
    emulator.shutdown().await;
    let output = redact(&run.output, &keys.1);
    let found = problems(run.status.and_then(|s| s.code()), &run.output);
    assert!(
        found.is_empty(),
        "the official client's suite did not end as expected (56 passed, 1 skipped, \
         {CLIENT_SIDE_FAILURE} failed with a client-side TypeError, {KEYS_FAILURE} failed as \
         against a real server):\n- {}\npytest's output:\n{output}\n\
         (end of pytest's output)",
        found.join("\n- ")
    );
    println!(
        "official client suite as expected in {elapsed:.1?}: \
         56 passed, 1 skipped, 1 client-side failure, 1 failure as against a real server"
    );
}

/// The verdict on made-up pytest output, so that the real run's verdict can be trusted.
mod verdict {
    use std::collections::BTreeSet;

    use super::*;

    /// The failure reports of the real run, abridged.
    const TYPE_ERROR_REPORT: &str = "___ TestAbstractSlice.test_abstract_slice ___\n\n\
        >       abstract_slice = AbstractSlice(\n\
        E       TypeError: AbstractSlice.__init__() takes from 1 to 6 positional arguments but 7 were given\n\n\
        tests/test_image.py:128: TypeError\n\
        ___ TestCurrentUser.test_current_user_keys ___\n\n\
        >       assert keys[\"privateKey\"] == connect.current_user.privateKey\n\
        E       TypeError: 'bool' object is not subscriptable\n\n\
        tests/test_user.py:91: TypeError\n";
    /// The closing line of the real run.
    const SUMMARY: &str = "2 failed, 56 passed, 1 skipped in 1.37s";

    /// The outcome lines of the expected run (with made-up names for the passing tests).
    fn expected_lines() -> Vec<(String, &'static str)> {
        let mut lines: Vec<_> = (0..COLLECTED - 3)
            .map(|i| (format!("tests/test_x.py::TestX::test_{i}"), "PASSED"))
            .collect();
        lines.push((CLIENT_SIDE_FAILURE.to_string(), "FAILED"));
        lines.push((KEYS_FAILURE.to_string(), "FAILED"));
        lines.push((SUITE_SKIP.to_string(), "SKIPPED"));
        lines
    }

    /// pytest's verbose output with these outcome lines, failure reports and closing counts.
    fn output(lines: &[(String, &str)], failures: &str, summary: &str) -> String {
        let collected = lines.iter().map(|(n, _)| n).collect::<BTreeSet<_>>().len();
        let progress: String = lines
            .iter()
            .map(|(node, outcome)| format!("{node} {outcome}      [ 50%]\n"))
            .collect();
        format!(
            "===== test session starts =====\ncollecting ... collected {collected} items\n\n\
             {progress}\n===== FAILURES =====\n{failures}===== short test summary info =====\n\
             FAILED {CLIENT_SIDE_FAILURE} - TypeErro...\n===== {summary} =====\n"
        )
    }

    /// The problems found, after checking that one of them contains `expected`.
    fn assert_problem(found: Vec<String>, expected: &str) {
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "expected a problem containing {expected:?}, found {found:?}"
        );
    }

    #[test]
    fn the_expected_run_has_no_problem() {
        let run = output(&expected_lines(), TYPE_ERROR_REPORT, SUMMARY);
        assert_eq!(problems(Some(1), &run), Vec::<String>::new());
        let with_warning = output(
            &expected_lines(),
            TYPE_ERROR_REPORT,
            "2 failed, 56 passed, 1 skipped, 2 warnings in 1.4s",
        );
        assert_eq!(problems(Some(1), &with_warning), Vec::<String>::new());
    }

    #[test]
    fn another_failure_is_a_problem() {
        let mut lines = expected_lines();
        lines[4].1 = "FAILED";
        let run = output(
            &lines,
            TYPE_ERROR_REPORT,
            "3 failed, 55 passed, 1 skipped in 1.4s",
        );
        let found = problems(Some(1), &run);
        assert_problem(
            found.clone(),
            "tests/test_x.py::TestX::test_4: [\"FAILED\"]",
        );
        assert_problem(found, "pytest's summary counts");
    }

    #[test]
    fn a_teardown_error_is_a_problem() {
        let mut lines = expected_lines();
        lines.push((lines[0].0.clone(), "ERROR"));
        let run = output(
            &lines,
            TYPE_ERROR_REPORT,
            "2 failed, 56 passed, 1 skipped, 1 error in 1.4s",
        );
        assert_problem(problems(Some(1), &run), "test_0: [\"PASSED\", \"ERROR\"]");
    }

    #[test]
    fn a_missing_test_is_a_problem() {
        let mut lines = expected_lines();
        lines.remove(0);
        let run = output(
            &lines,
            TYPE_ERROR_REPORT,
            "2 failed, 55 passed, 1 skipped in 1.4s",
        );
        let found = problems(Some(1), &run);
        assert_problem(found.clone(), "collected Some(58) tests");
        assert_problem(found, "58 tests reported an outcome");
    }

    #[test]
    fn the_slice_test_failing_on_the_server_is_a_problem() {
        let report = TYPE_ERROR_REPORT.replace(CLIENT_TYPE_ERROR, "AssertionError: assert False");
        let run = output(&expected_lines(), &report, SUMMARY);
        assert_problem(problems(Some(1), &run), "did not fail with `TypeError");
    }

    #[test]
    fn the_keys_test_failing_otherwise_is_a_problem() {
        let report =
            TYPE_ERROR_REPORT.replace(KEYS_TYPE_ERROR, "AssertionError: assert 'a' == 'b'");
        let run = output(&expected_lines(), &report, SUMMARY);
        assert_problem(
            problems(Some(1), &run),
            &format!("{KEYS_FAILURE} did not fail with `TypeError"),
        );
    }

    #[test]
    fn the_keys_test_passing_is_a_problem() {
        let mut lines = expected_lines();
        let keys = lines.len() - 2;
        lines[keys].1 = "PASSED";
        let run = output(
            &lines,
            TYPE_ERROR_REPORT,
            "1 failed, 57 passed, 1 skipped in 1.4s",
        );
        let found = problems(Some(1), &run);
        assert_problem(
            found.clone(),
            &format!("{KEYS_FAILURE}: [\"PASSED\"], expected [FAILED]"),
        );
        assert_problem(found, "pytest's summary counts");
    }

    #[test]
    fn the_slice_test_passing_or_the_skip_running_is_a_problem() {
        let mut lines = expected_lines();
        let last = lines.len() - 1;
        lines[last - 2].1 = "PASSED";
        lines[last - 1].1 = "PASSED";
        lines[last].1 = "PASSED";
        let run = output(&lines, "", "59 passed in 1.4s");
        let found = problems(Some(0), &run);
        assert_problem(found.clone(), "pytest exited with 0");
        assert_problem(
            found.clone(),
            &format!("{CLIENT_SIDE_FAILURE}: [\"PASSED\"], expected [FAILED]"),
        );
        assert_problem(
            found,
            &format!("{SUITE_SKIP}: [\"PASSED\"], expected [SKIPPED]"),
        );
    }

    #[test]
    fn a_run_cut_short_is_a_problem() {
        let run = output(&expected_lines()[..10], "", SUMMARY);
        let cut = &run[..run.find("=====  FAILURES").unwrap_or(run.len() / 2)];
        let found = problems(None, cut);
        assert_problem(found.clone(), "killed after its timeout");
        assert_problem(found, "no closing summary line");
    }

    #[test]
    fn failing_output_is_shown_without_keys_or_signatures() {
        let text = "authorization: CYTOMINE pub-1:AbC+/9= and 'privateKey': 'priv-1'\n\
                    header b'authorization: CYTOMINE pub-1:XyZ=\\r\\n'";
        let shown = redact(text, "priv-1");
        assert!(!shown.contains("priv-1") && !shown.contains("AbC+/9=") && !shown.contains("XyZ="));
        assert!(shown.contains("CYTOMINE pub-1:<signature>") && shown.contains("<private key>"));
    }
}
