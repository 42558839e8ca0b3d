//! `cytomine annotations export --project P --format geojson|csv|wkt [-o PATH]`: streams the
//! project's annotations page by page (memory stays flat) to a file or standard output.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::pin::pin;

use cytomine::models::Annotation;
use cytomine::prelude::*;
use futures::StreamExt;
use serde_json::json;

use crate::cli::ExportFormat;
use crate::failure::Failure;
use crate::formats::Exporter;
use crate::output::Report;
use crate::progress;

/// Annotations per page requested.
const PAGE: u64 = 500;

/// Exports every annotation of `project` in `format` to `output`, or to standard output.
pub async fn run(
    cm: &Cytomine,
    project: i64,
    format: ExportFormat,
    output: Option<PathBuf>,
) -> Result<Report, Failure> {
    let total = Annotation::list()
        .project(project)
        .max(1)
        .fetch(cm)
        .await?
        .total();
    let Some(path) = output else {
        let stdout = BufWriter::new(std::io::stdout().lock());
        stream_to(cm, project, format, total, stdout).await?;
        return Ok(Report::silent());
    };
    let part = part_path(&path);
    let file = File::create(&part).map_err(|e| Failure::input(&part, e))?;
    let result = stream_to(cm, project, format, total, BufWriter::new(file)).await;
    let count = match result {
        Ok(count) => count,
        Err(failure) => {
            let _ = std::fs::remove_file(&part);
            return Err(failure);
        }
    };
    std::fs::rename(&part, &path).map_err(|e| Failure::input(&path, e))?;
    Ok(Report::text(
        json!({"project": project, "format": format_name(format), "path": path.display().to_string(), "annotations": count}),
        format!(
            "exported {count} annotations of project {project} to {}",
            path.display()
        ),
    ))
}

async fn stream_to<W: Write>(
    cm: &Cytomine,
    project: i64,
    format: ExportFormat,
    total: Option<u64>,
    out: W,
) -> Result<u64, Failure> {
    let query = Annotation::list()
        .project(project)
        .show_basic(true)
        .show_meta(true)
        .show_wkt(true)
        .show_gis(true)
        .show_term(true)
        .page_size(PAGE);
    let bar = progress::items("export", total);
    let mut exporter = Exporter::start(format, out)?;
    let mut stream = pin!(query.stream(cm));
    while let Some(annotation) = stream.next().await {
        exporter.write(&annotation?)?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    exporter.finish()
}

/// `.name.part` beside `path`: the export is renamed into place only when complete.
fn part_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    path.with_file_name(format!(".{name}.part"))
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Geojson => "geojson",
        ExportFormat::Csv => "csv",
        ExportFormat::Wkt => "wkt",
    }
}
