//! `cytomine images list --project P`.

use cytomine::models::ImageInstance;
use cytomine::prelude::*;

use crate::cli::Limit;
use crate::failure::Failure;
use crate::output::{cell, Report, Table};

/// Lists the images of a project.
pub async fn list(cm: &Cytomine, project: i64, limit: Limit) -> Result<Report, Failure> {
    let images = limit
        .apply(ImageInstance::list().project(project))
        .fetch(cm)
        .await?;
    let mut table = Table::new(&["id", "name", "width", "height", "annotations"]);
    for image in images.iter() {
        table.row(vec![
            cell(image.id),
            cell(
                image
                    .instance_filename
                    .as_ref()
                    .or(image.original_filename.as_ref()),
            ),
            cell(image.shape.width),
            cell(image.shape.height),
            cell(image.number_of_annotations),
        ]);
    }
    Ok(Report::table(super::to_json(&images.into_vec()), table))
}
