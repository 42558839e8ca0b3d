//! L3: the crops of a project's annotations, listed then dumped with `dump_crops` at the
//! client's default concurrency.

use cytomine_core::{Query, Resource};
use cytomine_models::{dump_crops, Annotation, DumpOptions, DumpPattern};

use crate::{connect, dir, Args, Outcome, WORK_TIMER};

/// Lists the annotations of `--project` (the Python client's default columns, which carry the
/// crop URL) and dumps each crop as `{id}.jpg` into `--dir`; returns the crops written.
pub async fn dump(args: &Args) -> Outcome {
    let into = dir(args)?;
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    let annotations = Annotation::list()
        .project(args.project)
        .show_basic(true)
        .show_meta(true)
        .fetch(&cm)
        .await
        .map_err(|e| e.to_string())?;
    let pattern = DumpPattern::new(into.join("{id}.jpg").to_string_lossy().into_owned());
    let report = dump_crops(&cm, &annotations, &pattern, &DumpOptions::default(), None).await;
    if let Some((id, err)) = report.failed().next() {
        return Err(format!("crop of annotation {id:?}: {err}"));
    }
    Ok(report.dumped().count() as u64)
}
