//! `bench measure -- CMD` accounts for its one child: peak RSS, CPU time and exit code, and
//! passes the child's result line through. No timing is asserted, only what the child did.

use std::process::Command;

use cytomine_bench::measure::Measured;

fn measure(command: &[&str]) -> Measured {
    let out = Command::new(env!("CARGO_BIN_EXE_bench"))
        .arg("measure")
        .arg("--")
        .args(command)
        .output()
        .expect("bench runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Measured::find_in(&String::from_utf8_lossy(&out.stdout)).expect("a measure line")
}

#[test]
fn peak_rss_covers_what_the_child_touched() {
    let script = "b = b'x' * (96 * 1024 * 1024); print('{\"workload\": \"mem\", \"items\": %d, \"work_s\": 0.0}' % len(b))";
    let m = measure(&["python3", "-c", script]);
    assert_eq!(m.exit_code, Some(0));
    let result = m.success().expect("success");
    assert_eq!(result.items, 96 * 1024 * 1024);
    assert!(m.usage.rss_mib() >= 96.0, "rss {} MiB", m.usage.rss_mib());
    assert!(m.usage.rss_mib() < 1024.0, "rss {} MiB", m.usage.rss_mib());
    assert!(m.usage.cpu_s() > 0.0);
    assert!(m.usage.wall_s > 0.0);
}

#[test]
fn a_failing_child_is_reported_with_its_exit_code_and_stderr() {
    let m = measure(&["sh", "-c", "echo broken >&2; exit 3"]);
    assert_eq!(m.exit_code, Some(3));
    assert!(m.result.is_none());
    let err = m.success().unwrap_err();
    assert!(err.contains("broken") && err.contains('3'), "{err}");
}

#[test]
fn the_client_reports_an_unreachable_server_as_a_failure() {
    // Port 9 on loopback: nothing listens there, the connection is refused at once.
    let m = measure(&[
        env!("CARGO_BIN_EXE_bench-client"),
        "w1-floor",
        "--host",
        "http://127.0.0.1:9",
        "--public-key",
        "p",
        "--private-key",
        "k",
        "--project",
        "1",
        "--count",
        "1",
    ]);
    assert_eq!(m.exit_code, Some(1));
    assert!(m.success().is_err());
}
