//! `cytomine annotations import FILE.geojson --image I`: a bulk save of the file's features
//! through `Collection::save`, with one line per feature: created (id), failed (reason) or
//! unknown (the server may or may not have created it).

use std::path::Path;

use cytomine::models::geo::annotations_from_geojson;
use cytomine::models::Annotation;
use cytomine::prelude::*;
use cytomine::Collection;
use cytomine::ItemOutcome;
use serde_json::{json, Value};

use crate::failure::{Failure, Kind};
use crate::output::{Report, Table};
use crate::progress;

/// Features saved per `Collection::save` call (the progress bar moves after each).
const CHUNK: usize = 200;

/// Imports the features of `file` as annotations on `image`.
pub async fn run(cm: &Cytomine, file: &Path, image: i64) -> Result<Report, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure::input(file, e))?;
    let mut annotations = annotations_from_geojson(&text).map_err(|e| Failure::input(file, e))?;
    for annotation in &mut annotations {
        annotation.image = Some(image);
        annotation.slice = None;
    }
    let bar = progress::items("import", Some(annotations.len() as u64));
    let mut outcomes = Vec::with_capacity(annotations.len());
    for chunk in annotations.chunks(CHUNK) {
        let mut batch: Collection<Annotation> = Collection::from(chunk.to_vec());
        outcomes.extend(batch.save(cm).await?.outcomes);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(report(image, &outcomes))
}

/// The per-feature report, with a partial failure when not every feature was created.
fn report(image: i64, outcomes: &[ItemOutcome]) -> Report {
    let mut table = Table::new(&["feature", "outcome", "id", "reason"]);
    let mut items = Vec::with_capacity(outcomes.len());
    let (mut created, mut failed, mut unknown) = (0, 0, 0);
    for (index, outcome) in outcomes.iter().enumerate() {
        let feature = format!("features[{index}]");
        let (name, id, reason) = match outcome {
            ItemOutcome::Created(id) => {
                created += 1;
                ("created", Some(*id), None)
            }
            ItemOutcome::Failed(reason) => {
                failed += 1;
                ("failed", None, Some(reason.as_str()))
            }
            ItemOutcome::Unknown(reason) => {
                unknown += 1;
                ("unknown", None, Some(reason.as_str()))
            }
        };
        table.row(vec![
            feature.clone(),
            name.to_string(),
            id.map_or_else(|| "-".into(), |i| i.to_string()),
            reason.unwrap_or("").to_string(),
        ]);
        items.push(json!({"feature": index, "outcome": name, "id": id, "reason": reason}));
    }
    let json = json!({
        "image": image,
        "created": created,
        "failed": failed,
        "unknown": unknown,
        "items": Value::Array(items),
    });
    let mut report = Report::table(json, table);
    if failed + unknown > 0 {
        report.failure = Some(Failure::new(
            Kind::Partial,
            format!(
                "{} of {} annotations not created ({failed} failed, {unknown} unknown): see the report above",
                failed + unknown,
                outcomes.len()
            ),
        ));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_import_reports_each_item_and_fails() {
        let outcomes = [
            ItemOutcome::Created(11),
            ItemOutcome::Failed("Annotation location is not valid".into()),
            ItemOutcome::Unknown("connection lost".into()),
        ];
        let report = report(7, &outcomes);
        assert_eq!(report.json["created"], 1);
        assert_eq!(
            report.json["items"][1]["reason"],
            "Annotation location is not valid"
        );
        assert_eq!(report.failure.map(|f| f.kind), Some(Kind::Partial));
    }

    #[test]
    fn a_complete_import_does_not_fail() {
        let report = report(7, &[ItemOutcome::Created(1)]);
        assert!(report.failure.is_none());
        assert_eq!(report.json["items"][0]["id"], 1);
    }
}
