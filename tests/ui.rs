//! Compile-time behaviour of `#[derive(Resource)]`: every misuse gives one clear error on the
//! offending token (`tests/ui/<category>/fail_*.rs` with their `.stderr`), and every valid shape
//! compiles (`tests/ui/<category>/pass_*.rs`).
//!
//! Compiler messages change between releases, so the expected stderr is only compared on the
//! pinned toolchain (as darling does); on another rustc this test says so and passes.

use std::process::Command;

/// The rustc release the `.stderr` files were written with.
const PINNED: &str = "1.95.";

/// `rustc --version` of the compiler trybuild will use (`$RUSTC`, else `rustc`).
fn rustc_version() -> Option<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("--version").output().ok()?;
    String::from_utf8(output.stdout).ok()
}

#[test]
fn ui() {
    let version = rustc_version().unwrap_or_default();
    let release = version.split_whitespace().nth(1).unwrap_or("");
    if !release.starts_with(PINNED) {
        eprintln!(
            "skipping the derive ui tests: they are pinned to rustc {PINNED}x, this is `{}`",
            version.trim()
        );
        return;
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/fail_*.rs");
    cases.pass("tests/ui/*/pass_*.rs");
}
