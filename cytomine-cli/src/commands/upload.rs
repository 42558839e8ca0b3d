//! `cytomine images upload FILE --storage S [--project P]`, with a progress bar.

use std::path::Path;

use cytomine::models::{UploadImageOptions, UploadedFile};
use cytomine::prelude::*;
use serde_json::json;

use crate::failure::Failure;
use crate::output::{cell, Report, Table};
use crate::progress;

/// Uploads `file` into storage `storage`, adding it to `project`; waits for the import.
pub async fn run(
    cm: &Cytomine,
    file: &Path,
    storage: i64,
    project: Option<i64>,
) -> Result<Report, Failure> {
    if !file.is_file() {
        return Err(Failure::input(file, "no such file"));
    }
    let options = UploadImageOptions {
        projects: project.into_iter().collect(),
        sync: true,
        ..Default::default()
    };
    let bar = progress::bytes(&format!("upload {}", file.display()));
    let result =
        UploadedFile::upload_with_progress(cm, file, storage, &options, Some(progress::hook(&bar)))
            .await;
    bar.finish_and_clear();
    let result = result?;
    let mut table = Table::new(&["uploaded file", "abstract image", "image instances"]);
    let mut images = Vec::new();
    for image in &result.images {
        let instances: Vec<i64> = image.image_instances.iter().filter_map(|i| i.id).collect();
        table.row(vec![
            cell(result.uploaded_file.id),
            cell(image.abstract_image.id),
            instances
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        ]);
        images.push(json!({"abstractImage": image.abstract_image.id, "imageInstances": instances}));
    }
    if result.images.is_empty() {
        table.row(vec![cell(result.uploaded_file.id), "-".into(), "-".into()]);
    }
    let json = json!({
        "uploadedFile": super::to_json(&result.uploaded_file),
        "images": images,
    });
    Ok(Report::table(json, table))
}
