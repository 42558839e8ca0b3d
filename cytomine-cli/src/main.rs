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
mod logging;
mod output;
mod progress;
mod session;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command};
use crate::failure::{Failure, Kind};
use crate::output::{Output, Report};
use crate::session::Session;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Completions { shell } = cli.command {
        return print_completions(shell);
    }
    logging::init(cli.verbose);
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

/// Prints the completion script of `shell`; a closed standard output (`| head`) is not an error.
fn print_completions(shell: clap_complete::Shell) -> ExitCode {
    use std::io::Write;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "cytomine", &mut script);
    match std::io::stdout().write_all(&script) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write the completion script: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<Report, Failure> {
    let session = Session::open(&cli.connection).await?;
    let result = commands::run(cli.command, &session.cm).await;
    session.close().await;
    result
}
