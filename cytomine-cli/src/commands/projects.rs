//! `cytomine projects list|show|create|delete`.

use cytomine::models::Project;
use cytomine::prelude::*;
use serde_json::json;

use crate::cli::ProjectsCommand;
use crate::failure::Failure;
use crate::output::{cell, Report, Table};

const COLUMNS: &[&str] = &["id", "name", "ontology", "images", "annotations"];

fn row(p: &Project) -> Vec<String> {
    vec![
        cell(p.id),
        cell(p.name.as_ref()),
        cell(p.ontology),
        cell(p.number_of_images),
        cell(p.number_of_annotations),
    ]
}

fn one(p: &Project) -> Report {
    let mut table = Table::new(COLUMNS);
    table.row(row(p));
    Report::table(super::to_json(p), table)
}

/// Runs a projects subcommand.
pub async fn run(command: ProjectsCommand, cm: &Cytomine) -> Result<Report, Failure> {
    match command {
        ProjectsCommand::List(limit) => {
            let projects = limit.apply(Project::list()).fetch(cm).await?;
            let mut table = Table::new(COLUMNS);
            projects.iter().for_each(|p| table.row(row(p)));
            Ok(Report::table(super::to_json(&projects.into_vec()), table))
        }
        ProjectsCommand::Show { id } => Ok(one(&Project::fetch(cm, id).await?)),
        ProjectsCommand::Create { name, ontology } => {
            let mut project = Project::new(name);
            project.ontology = ontology;
            project.save(cm).await?;
            Ok(one(&project))
        }
        ProjectsCommand::Delete { id } => {
            Project::delete_by_id(cm, id).await?;
            Ok(Report::text(
                json!({"deleted": id}),
                format!("deleted project {id}"),
            ))
        }
    }
}
