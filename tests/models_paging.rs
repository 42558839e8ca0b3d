//! Paging (docs/protocol.md §6.7): `Query::stream` and `max`/`offset` windows give every item exactly
//! once, in each of the cases where the Python client 4.3.0 loses or repeats pages.

mod common;

use std::time::Duration;

use common::*;
use cytomine::models::{Annotation, Ontology, Term};
use cytomine::prelude::*;
use cytomine::Collection;
use futures::{StreamExt, TryStreamExt};

/// An ontology with `n` terms; returns its id and the term ids, sorted.
async fn ontology_with(cm: &Cytomine, n: usize) -> (i64, Vec<i64>) {
    let mut ontology = Ontology::new(unique("paging"));
    ontology.save(cm).await.unwrap();
    let oid = ontology.id.unwrap();
    let mut batch: Collection<Term> = (0..n)
        .map(|i| Term::new(format!("t{i}"), oid, "#000000"))
        .collect();
    let report = batch.save(cm).await.unwrap();
    assert_eq!(report.created().count(), n);
    let mut ids: Vec<i64> = batch.iter().filter_map(|t| t.id).collect();
    ids.sort();
    (oid, ids)
}

/// Every id the stream yields, sorted, failing on a duplicate or a hang.
async fn streamed(cm: &Cytomine, ontology: i64, page_size: u64) -> Vec<i64> {
    let stream = Term::list()
        .ontology(ontology)
        .page_size(page_size)
        .stream(cm);
    let items: Vec<Term> = tokio::time::timeout(Duration::from_secs(20), stream.try_collect())
        .await
        .expect("the stream ends")
        .unwrap();
    let mut ids: Vec<i64> = items.iter().filter_map(|t| t.id).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "no item is yielded twice");
    ids
}

#[tokio::test]
async fn stream_when_the_total_is_below_the_page_size() {
    let env = start().await;
    let (oid, ids) = ontology_with(&env.cm, 3).await;
    assert_eq!(streamed(&env.cm, oid, 10).await, ids);
}

#[tokio::test]
async fn stream_when_the_total_is_a_multiple_of_the_page_size() {
    let env = start().await;
    let (oid, ids) = ontology_with(&env.cm, 6).await;
    assert_eq!(streamed(&env.cm, oid, 3).await, ids);
    assert_eq!(streamed(&env.cm, oid, 1).await, ids);
}

#[tokio::test]
async fn stream_keeps_the_last_partial_page() {
    let env = start().await;
    let (oid, ids) = ontology_with(&env.cm, 7).await;
    assert_eq!(streamed(&env.cm, oid, 3).await, ids);
}

#[tokio::test]
async fn stream_of_an_empty_list_ends() {
    let env = start().await;
    let (oid, ids) = ontology_with(&env.cm, 0).await;
    assert!(ids.is_empty());
    assert!(streamed(&env.cm, oid, 5).await.is_empty());
}

#[tokio::test]
async fn a_query_run_again_starts_from_its_first_page() {
    let env = start().await;
    let cm = &env.cm;
    let (oid, ids) = ontology_with(cm, 5).await;
    let query = Term::list().ontology(oid).page_size(2);
    let partly: Vec<Term> = query.stream(cm).take(3).try_collect().await.unwrap();
    assert_eq!(partly.len(), 3);
    let full: Vec<Term> = Term::list()
        .ontology(oid)
        .page_size(2)
        .stream(cm)
        .try_collect()
        .await
        .unwrap();
    let again: Vec<Term> = Term::list()
        .ontology(oid)
        .page_size(2)
        .stream(cm)
        .try_collect()
        .await
        .unwrap();
    let full_ids: Vec<Option<i64>> = full.iter().map(|t| t.id).collect();
    assert_eq!(full_ids, again.iter().map(|t| t.id).collect::<Vec<_>>());
    assert_eq!(
        full_ids[..3],
        partly.iter().map(|t| t.id).collect::<Vec<_>>()[..]
    );
    let mut sorted: Vec<i64> = full_ids.into_iter().flatten().collect();
    sorted.sort();
    assert_eq!(sorted, ids);
}

#[tokio::test]
async fn max_and_offset_windows_cover_the_list_once() {
    let env = start().await;
    let cm = &env.cm;
    let (oid, ids) = ontology_with(cm, 7).await;
    let mut seen = Vec::new();
    for offset in [0, 3, 6] {
        let page = Term::list()
            .ontology(oid)
            .max(3)
            .offset(offset)
            .fetch(cm)
            .await
            .unwrap();
        assert_eq!(page.total(), Some(7));
        assert_eq!(page.len(), if offset == 6 { 1 } else { 3 });
        seen.extend(page.iter().filter_map(|t| t.id));
    }
    seen.sort();
    assert_eq!(seen, ids);
    let past = Term::list()
        .ontology(oid)
        .max(3)
        .offset(9)
        .fetch(cm)
        .await
        .unwrap();
    assert!(past.is_empty());
    let window: Vec<Term> = Term::list()
        .ontology(oid)
        .max(4)
        .offset(2)
        .page_size(3)
        .stream(cm)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(window.len(), 4, "stream honours max and offset");
}

/// While the first page is read, the next ones are already requested (the total is known from
/// the first page), as many as the client's concurrency and never more.
#[tokio::test]
async fn the_stream_keeps_pages_in_flight_up_to_the_concurrency_and_no_more() {
    let env = start_custom(cytomine_emulator::Emulator::builder(), |c| c.concurrency(3)).await;
    let (oid, ids) = ontology_with(&env.cm, 10).await;
    let before = env.emu.request_count();
    let mut stream = std::pin::pin!(Term::list().ontology(oid).page_size(2).stream(&env.cm));
    let first = stream.next().await.expect("an item").unwrap();
    assert_eq!(first.id, Some(ids[0]));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while env.emu.request_count() - before < 4 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        env.emu.request_count() - before,
        4,
        "first page + three ahead"
    );
    let rest: Vec<Term> = stream.as_mut().try_collect().await.unwrap();
    assert_eq!(rest.len(), 9);
    // 5 pages of 2, and no request past the end (the total is known).
    assert_eq!(env.emu.request_count() - before, 5);
}

/// A listing large enough that the client reads it in many network chunks: all at once and
/// streamed, it gives the same annotations in the same order (newest first), each saved one with
/// its WKT.
#[tokio::test]
async fn a_large_listing_reads_the_same_all_at_once_and_streamed() {
    let env = start_demo().await;
    let image = first_demo_image(&env.cm).await;
    let (image_id, project) = (image.id.unwrap(), image.project.unwrap());
    let mut batch: Collection<Annotation> = (0..5_000)
        .map(|i| Annotation::new(format!("POINT ({} {})", i % 500, i / 500), image_id))
        .collect();
    assert!(batch.save(&env.cm).await.unwrap().is_complete());
    let query = || Annotation::list().project(project).show_wkt(true);
    let all = query().fetch(&env.cm).await.unwrap();
    let streamed: Vec<Annotation> = query()
        .page_size(700)
        .stream(&env.cm)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.total(), Some(all.len() as u64));
    let listed = |items: &[Annotation]| -> Vec<(Option<i64>, Option<String>)> {
        items.iter().map(|a| (a.id, a.location.clone())).collect()
    };
    assert_eq!(listed(&all), listed(&streamed));
    let ids: Vec<i64> = all.iter().filter_map(|a| a.id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    let by_id: std::collections::HashMap<i64, &Annotation> =
        all.iter().filter_map(|a| Some((a.id?, a))).collect();
    for saved in batch.iter() {
        let listed = by_id[&saved.id.unwrap()];
        assert!(
            listed
                .location
                .as_deref()
                .is_some_and(|wkt| wkt.starts_with("POINT")),
            "{listed:?}"
        );
    }
}
