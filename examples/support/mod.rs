//! What every example shares: where the server and keys come from, and logging.
//!
//! With `--host/--public_key/--private_key` (or `CYTOMINE_HOST`, `CYTOMINE_PUBLIC_KEY`,
//! `CYTOMINE_PRIVATE_KEY`, or a profile of `~/.config/cytomine/config.toml`, as the `cytomine`
//! command line reads them) the examples run against that server. Without, they start the
//! emulator in-process with demo data, so they run anywhere. Keys are never written in code.

#![allow(dead_code)]

use cytomine::{ConnectionInfo, Cytomine};
use cytomine_emulator::{Emulator, EmulatorBuilder};

/// A connection, and the emulator behind it when there is no real server.
pub struct Session {
    pub cm: Cytomine,
    /// Kept alive for as long as the example runs.
    pub emulator: Option<Emulator>,
}

/// Connects to the server given on the command line or in the environment, or to a fresh
/// in-process emulator with demo data.
pub async fn connect() -> cytomine::Result<Session> {
    connect_or_start(Emulator::builder().demo(true)).await
}

/// [`connect`], starting `emulator` when no server is given.
pub async fn connect_or_start(emulator: EmulatorBuilder) -> cytomine::Result<Session> {
    let level =
        ConnectionInfo::log_level_from_args_and_env(std::env::args(), |k| std::env::var(k).ok());
    init_logging(level.as_deref());
    let info = ConnectionInfo::from_cli()?;
    match info {
        Some(info) => {
            for warning in &info.warnings {
                println!("warning: {warning}");
            }
            println!("connecting to {}", info.host);
            let cm = info.builder().connect().await?;
            Ok(Session { cm, emulator: None })
        }
        None => {
            let emulator = emulator
                .start()
                .await
                .map_err(|e| cytomine::Error::Usage(format!("cannot start the emulator: {e}")))?;
            println!(
                "no CYTOMINE_HOST given: using the in-process emulator at {}",
                emulator.base_url()
            );
            let admin = emulator.admin();
            let cm = Cytomine::connect(&emulator.base_url(), admin.public_key, admin.private_key)
                .await?;
            Ok(Session {
                cm,
                emulator: Some(emulator),
            })
        }
    }
}

/// Logging through `tracing`, with the Python client's levels: `--log_level INFO` (or `RUST_LOG`)
/// shows one line per request (the client's DEBUG events, target `cytomine::http`), `DEBUG` also
/// their bodies (its TRACE events). Keys and signatures are never logged.
pub fn init_logging(level: Option<&str>) {
    let filter = match level.map(str::to_ascii_lowercase).as_deref() {
        Some("10" | "debug") => "cytomine=info,cytomine::http=trace",
        Some("20" | "info") => "cytomine=info,cytomine::http=debug",
        Some("30" | "warning" | "warn") => "cytomine=warn",
        Some(_) => "cytomine=error",
        None => "cytomine=warn",
    };
    let env = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(env)
        .with_target(false)
        .try_init();
}

/// Prints a section heading.
pub fn section(n: u32, title: &str) {
    println!("\n== {n}. {title} ==");
}
