//! The command's conventions: shell completions, `-v` logs on standard error, `--limit` on
//! listings.

mod support;

use support::cytomine;

#[test]
fn completions_are_printed_for_each_shell_without_connecting() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_cytomine()"),
        ("zsh", "#compdef cytomine"),
        ("fish", "complete -c cytomine"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[cytomine]"),
    ] {
        // No host, no keys, no config: completions need none of them.
        let run = cytomine(dir.path(), &["completions", shell], &[]);
        run.expect_code(0);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(
            run.stdout.contains("projects"),
            "{shell} completes subcommands"
        );
    }
    let unknown = cytomine(dir.path(), &["completions", "tcsh"], &[]);
    assert_ne!(unknown.code, 0);
    assert!(unknown.stderr.contains("bash"), "{}", unknown.stderr);
}

#[test]
fn v_logs_each_request_on_standard_error_and_more_vs_log_more() {
    let dir = tempfile::tempdir().unwrap();
    let quiet = cytomine(dir.path(), &["--emulator", "projects", "list"], &[]);
    quiet.expect_code(0);
    assert!(
        !quiet.stderr.contains("/api/project.json"),
        "{}",
        quiet.stderr
    );

    let verbose = cytomine(dir.path(), &["--emulator", "-v", "projects", "list"], &[]);
    verbose.expect_code(0);
    assert!(
        verbose.stderr.lines().any(|l| l.contains("DEBUG")
            && l.contains("path=/api/project.json")
            && l.contains("status=200")),
        "{}",
        verbose.stderr
    );
    assert!(
        !verbose.stdout.contains("DEBUG"),
        "logs stay off standard output"
    );
    assert!(
        !verbose.stderr.contains("response body"),
        "{}",
        verbose.stderr
    );
    assert!(
        !verbose.stderr.contains("cytomine_emulator"),
        "-v shows the client's requests, not the emulator's: {}",
        verbose.stderr
    );

    let bodies = cytomine(dir.path(), &["--emulator", "-vv", "projects", "list"], &[]);
    bodies.expect_code(0);
    assert!(
        bodies.stderr.contains("TRACE") && bodies.stderr.contains("response body"),
        "{}",
        bodies.stderr
    );
    assert!(
        !bodies.stderr.contains('\u{1b}'),
        "no colours when not a terminal"
    );
}

#[test]
fn limit_asks_for_at_most_that_many_items() {
    let dir = tempfile::tempdir().unwrap();
    let all = cytomine(
        dir.path(),
        &["--emulator", "--json", "projects", "list"],
        &[],
    )
    .json();
    let project = all[0]["id"].as_i64().expect("a demo project").to_string();
    let images = |limit: &[&str]| {
        let mut args = vec![
            "--emulator",
            "--json",
            "images",
            "list",
            "--project",
            &project,
        ];
        args.extend_from_slice(limit);
        let run = cytomine(dir.path(), &args, &[]);
        run.expect_code(0);
        run.json().as_array().map_or(0, Vec::len)
    };
    let every = images(&[]);
    assert!(every >= 2, "the demo project has several images: {every}");
    assert_eq!(images(&["--limit", "1"]), 1);
    assert_eq!(images(&["--limit", "100"]), every);
    let one = cytomine(
        dir.path(),
        &["--emulator", "--json", "storages", "list", "--limit", "1"],
        &[],
    );
    one.expect_code(0);
    assert_eq!(one.json().as_array().map(Vec::len), Some(1));
}
