//! One file per subcommand; each returns a [`Report`] for `output` to show.

mod download;
mod export;
mod images;
mod import;
mod projects;
mod storages;
mod upload;
mod whoami;

use cytomine::Cytomine;

use crate::cli::{AnnotationsCommand, Command, ImagesCommand, StoragesCommand};
use crate::failure::Failure;
use crate::output::Report;

/// Runs one command on a connection.
pub async fn run(command: Command, cm: &Cytomine) -> Result<Report, Failure> {
    match command {
        Command::Whoami => whoami::run(cm),
        Command::Projects(command) => projects::run(command, cm).await,
        Command::Storages(StoragesCommand::List(limit)) => storages::list(cm, limit).await,
        Command::Images(ImagesCommand::List { project, limit }) => {
            images::list(cm, project, limit).await
        }
        Command::Images(ImagesCommand::Download { id, output }) => {
            download::run(cm, id, output).await
        }
        Command::Images(ImagesCommand::Upload {
            file,
            storage,
            project,
        }) => upload::run(cm, &file, storage, project).await,
        Command::Annotations(AnnotationsCommand::Export {
            project,
            format,
            output,
        }) => export::run(cm, project, format, output).await,
        Command::Annotations(AnnotationsCommand::Import { file, image }) => {
            import::run(cm, &file, image).await
        }
        // Printed by `main` before any connection is made.
        Command::Completions { .. } => Err(Failure::usage("completions need no connection")),
    }
}

/// A model as JSON for `--json` (models always serialize; `null` otherwise).
fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
