//! `cytomine`: drive a Cytomine server from the shell (projects, images, annotations), or try
//! it all against an in-process emulator with `--emulator`.
//!
//! Thin by design: `cli` parses, `session` finds the credentials and connects,
//! `commands/` does one thing per file, `output` shows the result, `failure` maps every error
//! to an exit code and one human line.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod failure;
mod formats;
mod output;
mod progress;
mod session;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::failure::{Failure, Kind};
use crate::output::{Output, Report};
use crate::session::Session;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let output = Output::new(cli.json);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let failure = Failure::new(Kind::Server, format!("cannot start the runtime: {e}"));
            output.failure(&failure);
            return failure.exit_code();
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(report) => {
            output.report(&report);
            report
                .failure
                .as_ref()
                .map_or(ExitCode::SUCCESS, Failure::exit_code)
        }
        Err(failure) if failure.kind == Kind::OutputClosed => ExitCode::SUCCESS,
        Err(failure) => {
            output.failure(&failure);
            failure.exit_code()
        }
    }
}

async fn run(cli: Cli) -> Result<Report, Failure> {
    let session = Session::open(&cli.connection).await?;
    let result = commands::run(cli.command, &session.cm).await;
    session.close().await;
    result
}
