//! W2: bulk save of annotations with `Collection::save`.

use cytomine_core::{BulkOptions, Collection};
use cytomine_models::Annotation;

use crate::{connect, Args, Outcome, WORK_TIMER};

/// A small square polygon, the `i`-th of a grid, as WKT.
fn square(i: u64) -> String {
    let (x, y) = ((i % 100) * 10, (i / 100 % 100) * 10);
    let (x2, y2) = (x + 8, y + 8);
    format!("POLYGON (({x} {y}, {x2} {y}, {x2} {y2}, {x} {y2}, {x} {y}))")
}

/// Saves `--count` annotations on `--image`; every item must be created.
pub async fn save(args: &Args) -> Outcome {
    let mut options = BulkOptions::default();
    if let Some(c) = args.chunk {
        options = options.with_chunk_size(c);
    }
    let cm = connect(args, Some(options)).await?;
    WORK_TIMER.start();
    let items: Vec<Annotation> = (0..args.count)
        .map(|i| Annotation::new(square(i), args.image))
        .collect();
    let mut batch = Collection::from(items);
    let report = batch.save(&cm).await.map_err(|e| e.to_string())?;
    let created = report.created().count() as u64;
    if !report.is_complete() {
        return Err(format!("{created} of {} created", args.count));
    }
    Ok(created)
}
