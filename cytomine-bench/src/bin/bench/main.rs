//! `bench [--runs N] [--out BENCHMARKS.md] [--quick] [--section plain|latency|all]`: the
//! benchmark harness.
//!
//! For each section, starts the emulator in-process (answering at once, or with a service time
//! per request), prepares the data, runs each workload with our `bench-client`, the bare floor
//! and the official Python client as child processes (each under `bench measure -- CMD...` for
//! exact per-child accounting), repeats, takes medians; measures the emulator's own throughput,
//! and writes the markdown document.
#![forbid(unsafe_code)]

mod args;
mod document;
mod fixture;
mod jobs;
mod latency;
mod latency_fixture;
mod latency_jobs;
mod loopback;
mod plain;
mod runner;
mod stage;
mod throughput;

use clap::Parser;

use args::{Args, Command};

fn main() {
    let args = Args::parse();
    if let Some(Command::Measure { command }) = &args.command {
        std::process::exit(measure(command));
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("bench: cannot start the runtime: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = runtime.block_on(runner::run_all(&args)) {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

/// `bench measure -- CMD...`: runs CMD as this process's only child and prints its usage line.
fn measure(command: &[String]) -> i32 {
    match cytomine_bench::measure::run_as_only_child(command) {
        Ok(measured) => {
            println!("{}", measured.to_line());
            0
        }
        Err(e) => {
            eprintln!("bench measure: cannot run {command:?}: {e}");
            2
        }
    }
}
