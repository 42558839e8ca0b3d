//! The client's concurrency against an emulator with latency: one limit for every concurrent
//! operation, `fetch_many` with each failure kept with its id, page streams that overlap their
//! requests, many files at once with one progress, and a server's `Retry-After` taken by every
//! worker.

mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cytomine::files::{download_many, Progress};
use cytomine::models::{Project, UploadImageOptions, UploadedFile};
use cytomine::prelude::*;
use cytomine::RetryPolicy;
use cytomine_emulator::{Emulator, Fault, FaultRule};
use futures::TryStreamExt;

const L: Duration = Duration::from_millis(60);

/// An emulator answering every request after `L`, its admin connected with `concurrency`.
async fn lan(concurrency: usize) -> common::Env {
    common::start_custom(Emulator::builder().latency(L), |c| {
        c.concurrency(concurrency)
            .retry(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
    })
    .await
}

/// `n` new projects, created concurrently; their ids in order.
async fn projects(cm: &Cytomine, n: usize) -> Vec<i64> {
    let saves = (0..n).map(|_| async {
        let mut p = Project::new(common::unique("many"));
        p.save(cm).await.expect("project created");
        p.id.expect("an id")
    });
    futures::future::join_all(saves).await
}

#[tokio::test]
async fn the_setting_reaches_bulk_saves_and_has_a_default() {
    let env = lan(3).await;
    assert_eq!(env.cm.concurrency(), 3);
    assert_eq!(env.cm.bulk_options().concurrency(), 3);
    let plain = common::start().await;
    assert_eq!(plain.cm.concurrency(), 8);
    assert_eq!(plain.cm.bulk_options().concurrency(), 8);
}

#[tokio::test]
async fn fetch_many_overlaps_requests_and_keeps_every_result_with_its_id() {
    let env = lan(8).await;
    let (emu, cm) = (&env.emu, &env.cm);
    let mut ids = projects(cm, 15).await;
    let broken = ids[4];
    let missing = 999_999_999;
    ids.push(missing);
    emu.faults().inject(
        FaultRule::new(Fault::Status(500))
            .method("GET")
            .path(format!("/api/project/{broken}.json")),
    );

    let started = Instant::now();
    let results = Project::fetch_many(cm, ids.clone()).await;
    let elapsed = started.elapsed();

    let keys: Vec<i64> = results.iter().map(|(id, _)| *id).collect();
    assert_eq!(keys, ids, "every id, in order");
    for (id, result) in &results {
        match result {
            Ok(project) => assert_eq!(project.id, Some(*id)),
            Err(err) if *id == broken => assert_eq!(err.status(), Some(500), "{err}"),
            Err(err) if *id == missing => common::assert_not_found(err),
            Err(err) => panic!("project {id}: {err}"),
        }
    }
    let fetched = results.iter().filter(|(_, r)| r.is_ok()).count();
    assert_eq!(fetched, 14);
    let sequential = L * ids.len() as u32;
    assert!(elapsed < sequential / 2, "{elapsed:?}: not overlapped");
}

#[tokio::test]
async fn the_limit_bounds_the_requests_in_flight() {
    let env = lan(2).await;
    let cm = &env.cm;
    let ids = projects(cm, 8).await;
    let started = Instant::now();
    let results = Project::fetch_many(cm, ids).await;
    assert!(results.iter().all(|(_, r)| r.is_ok()));
    // Eight requests, two at a time: four rounds of the latency at least.
    assert!(started.elapsed() >= L * 4, "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_stream_keeps_pages_in_flight_in_order() {
    let env = lan(8).await;
    let cm = &env.cm;
    let ids = projects(cm, 16).await;
    let started = Instant::now();
    let listed: Vec<Project> = Project::list()
        .page_size(1)
        .stream(cm)
        .try_collect()
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let listed: Vec<i64> = listed.iter().filter_map(|p| p.id).collect();
    let mut expected = ids.clone();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    let mut sorted = listed.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(sorted, expected, "every project once");
    let once = Project::list().fetch(cm).await.unwrap();
    let in_one: Vec<i64> = once.iter().filter_map(|p| p.id).collect();
    assert_eq!(listed, in_one, "the order of one request");
    // Sixteen pages one after the other would take sixteen latencies.
    assert!(elapsed < L * 8, "{elapsed:?}: pages not overlapped");
}

#[tokio::test]
async fn a_retry_after_pauses_every_worker() {
    let env = common::start_custom(Emulator::builder(), |c| c.concurrency(2)).await;
    let (emu, cm) = (&env.emu, &env.cm);
    let ids = projects(cm, 8).await;
    let first = ids[0];
    emu.faults().inject(
        FaultRule::new(Fault::Status(503))
            .method("GET")
            .path(format!("/api/project/{first}.json"))
            .retry_after(1),
    );
    let before = emu.request_count();
    let cm2 = cm.clone();
    let fetching = tokio::spawn(async move { Project::fetch_many(&cm2, ids).await });
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The 503 and at most the one other request already in flight: the rest wait.
    let during_pause = emu.request_count() - before;
    assert!(
        during_pause <= 2,
        "{during_pause} requests during the pause"
    );
    let results = fetching.await.unwrap();
    assert!(
        results.iter().all(|(_, r)| r.is_ok()),
        "the retry succeeded"
    );
    assert_eq!(emu.request_count() - before, 9);
}

#[tokio::test]
async fn many_files_go_up_and_come_back_with_one_progress() {
    let env = lan(4).await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let storage = common::my_storage(cm).await.id.unwrap();
    let mut files: Vec<PathBuf> = (0..4)
        .map(|i| common::png_file(dir.path(), &format!("up{i}.png"), 64 + i, 48).0)
        .collect();
    let sizes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    let absent = dir.path().join("absent.png");
    files.insert(2, absent.clone());

    let seen = Arc::new(AtomicU64::new(0));
    let hook = Arc::clone(&seen);
    let progress: Progress = Arc::new(move |done, _| {
        hook.fetch_max(done, Ordering::Relaxed);
    });
    let options = UploadImageOptions {
        sync: true,
        ..Default::default()
    };
    let uploaded =
        UploadedFile::upload_many(cm, files.clone(), storage, &options, Some(progress)).await;
    let order: Vec<&PathBuf> = uploaded.iter().map(|(f, _)| f).collect();
    assert_eq!(order, files.iter().collect::<Vec<_>>());
    assert!(uploaded[2].1.is_err(), "the absent file fails alone");
    assert_eq!(uploaded.iter().filter(|(_, r)| r.is_ok()).count(), 4);
    assert_eq!(
        seen.load(Ordering::Relaxed),
        sizes,
        "one progress over every file"
    );

    let images: Vec<i64> = uploaded
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .filter_map(|r| r.images.first().and_then(|i| i.abstract_image.id))
        .collect();
    let items = common::downloads_back(&images, dir.path(), 1);
    let received = Arc::new(AtomicU64::new(0));
    let hook = Arc::clone(&received);
    let progress: Progress = Arc::new(move |done, _| {
        hook.fetch_max(done, Ordering::Relaxed);
    });
    let back = download_many(cm, items, Some(progress)).await;
    assert!(back[1].1.is_err(), "the missing image fails alone");
    assert!(!dir.path().join("x").exists());
    let written: u64 = back.iter().filter_map(|(_, r)| r.as_ref().ok()).sum();
    assert_eq!(written, sizes, "every uploaded byte came back");
    assert_eq!(received.load(Ordering::Relaxed), sizes);
}
