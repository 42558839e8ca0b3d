//! Many requests at once, politely: `fetch_many`, a streamed listing with its pages requested
//! ahead, and many files downloaded with one progress, all bounded by the client's
//! `concurrency` setting.
//!
//! ```sh
//! cargo run --example concurrency
//! ```
//!
//! Without a server given, it runs against the in-process emulator with demo data and a service
//! time of 20 ms per request, like a server on the same network: the concurrent versions then
//! take a fraction of the time of one request after the other.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cytomine::files::{download_many, DownloadItem, Progress};
use cytomine::models::{Annotation, ImageInstance, Project};
use cytomine::prelude::*;
use cytomine_emulator::Emulator;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let lan = Emulator::builder()
        .demo(true)
        .latency(Duration::from_millis(20));
    let session = support::connect_or_start(lan).await?;
    let cm = &session.cm;
    println!("at most {} requests in flight", cm.concurrency());

    let projects = Project::list().fetch(cm).await?;
    let ids: Vec<i64> = projects.iter().filter_map(|p| p.id).collect();

    support::section(1, "a listing streamed, pages requested ahead");
    let mut annotations: Vec<Annotation> = Vec::new();
    let started = Instant::now();
    for project in &ids {
        let listed = Annotation::list().project(*project).page_size(2).stream(cm);
        annotations.extend(listed.try_collect::<Vec<_>>().await?);
    }
    println!(
        "{} annotations in {:?}",
        annotations.len(),
        started.elapsed()
    );
    let annotation_ids: Vec<i64> = annotations.iter().filter_map(|a| a.id).collect();

    support::section(2, "one after the other, then fetch_many");
    let started = Instant::now();
    for id in &annotation_ids {
        Annotation::fetch(cm, *id).await?;
    }
    let n = annotation_ids.len();
    println!("{n} annotations in turn: {:?}", started.elapsed());
    let started = Instant::now();
    // An id that does not exist fails alone, reported with its id.
    let with_missing = annotation_ids.iter().copied().chain([i64::MAX]);
    for (id, result) in Annotation::fetch_many(cm, with_missing).await {
        if let Err(err) = result {
            println!("  {id}: {err}");
        }
    }
    println!("{n} annotations with fetch_many: {:?}", started.elapsed());

    support::section(3, "many images downloaded, one progress");
    let mut items = Vec::new();
    let dir = std::env::temp_dir().join(format!("cytomine-many-{}", std::process::id()));
    for project in &ids {
        for image in ImageInstance::list()
            .project(*project)
            .fetch(cm)
            .await?
            .iter()
        {
            if let Some(id) = image.id {
                let path = format!("imageinstance/{id}/download");
                items.push(DownloadItem::api(path, vec![], dir.join(format!("{id}"))));
            }
        }
    }
    let progress: Progress = Arc::new(|done, total| {
        if total == Some(done) {
            println!("  {done} bytes received");
        }
    });
    for (item, result) in download_many(cm, items, Some(progress)).await {
        match result {
            Ok(bytes) => println!("  {} ({bytes} bytes)", item.destination().display()),
            Err(err) => println!("  {}: {err}", item.destination().display()),
        }
    }
    Ok(())
}
