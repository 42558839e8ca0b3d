//! `-v`, `-vv`, `-vvv`: the library's request logs on standard error, through `tracing`.
//!
//! Nothing is logged by default (the command's output is its result, and it reports its own
//! errors). `RUST_LOG`, when set, takes
//! precedence over the flags, with `tracing_subscriber`'s filter syntax. The library never logs a
//! key or a signature, at any level.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// The filter for `verbosity` (the number of `-v`): nothing (the command reports its own errors),
/// then the library's requests and retries (DEBUG, target `cytomine::http`), then their bodies
/// (TRACE), then every crate's debug output with the bodies.
fn filter(verbosity: u8) -> &'static str {
    match verbosity {
        0 => "off",
        1 => "warn,cytomine::client=debug,cytomine::http=debug",
        2 => "warn,cytomine::client=trace,cytomine::http=trace",
        _ => "debug,cytomine::http=trace",
    }
}

/// Starts logging to standard error.
pub fn init(verbosity: u8) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(filter(verbosity)));
    // A second subscriber cannot be installed; the first one stays, which is what we want.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::filter;

    #[test]
    fn each_v_shows_more() {
        assert_eq!(filter(0), "off");
        assert!(filter(1).contains("cytomine::http=debug"));
        assert!(filter(2).contains("cytomine::http=trace"));
        assert!(filter(3).starts_with("debug,"));
        assert_eq!(filter(3), filter(9));
    }
}
