//! The soak: 10,000 annotations bulk-saved while 10 % of requests are refused with 503 and 1 %
//! lose their connection. Afterwards the server holds exactly the annotations the report calls
//! created, and the report accounts for every item, once.

use std::collections::BTreeSet;
use std::time::Duration;

use cytomine::models::Annotation;
use cytomine::prelude::*;
use cytomine::Collection;
use cytomine::{BulkOptions, RetryPolicy};
use cytomine_emulator::{Emulator, Fault, FaultRule};

mod common;

const ITEMS: usize = 10_000;

async fn annotation_ids(cm: &Cytomine, image: i64) -> BTreeSet<i64> {
    let list = Annotation::list().image(image).fetch(cm).await.unwrap();
    list.iter().filter_map(|a| a.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_annotations_under_faults() {
    let env = common::start_custom(Emulator::builder().demo(true), |client| {
        client
            .retry(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
            .bulk(
                BulkOptions::default()
                    .with_chunk_size(50)
                    .with_concurrency(4),
            )
    })
    .await;
    let (emu, cm) = (&env.emu, &env.cm);
    let image = common::first_demo_image(cm)
        .await
        .id
        .expect("a saved image");
    let before = annotation_ids(cm, image).await;

    let mut items: Collection<Annotation> = (0..ITEMS)
        .map(|k| {
            // Every square lies inside the 800 x 600 demo image: the server clips annotations to
            // the image and refuses one wholly outside (docs/protocol.md §3.11), which would make
            // single items fail where this test counts whole chunks.
            let (x, y) = ((k % 100) * 7, (k / 100) * 6);
            let wkt = format!(
                "POLYGON (({x} {y}, {x} {y2}, {x2} {y2}, {x2} {y}, {x} {y}))",
                x2 = x + 5,
                y2 = y + 5
            );
            Annotation::new(wkt, image)
        })
        .collect();
    let faults = emu.faults();
    let route = |fault| {
        FaultRule::new(fault)
            .method("POST")
            .path("/api/annotation.json")
    };
    faults.inject(route(Fault::DropBeforeProcessing).probability(0.01).seed(1));
    faults.inject(route(Fault::Status(503)).probability(0.10).seed(2));
    let requests_before = emu.request_count();
    let report = items.save(cm).await.unwrap();
    let requests = emu.request_count() - requests_before;
    faults.clear();

    assert_eq!(report.outcomes.len(), ITEMS, "every item has an outcome");
    let created: Vec<(usize, i64)> = report.created().collect();
    let (failed, unknown) = (report.failed().count(), report.unknown().count());
    assert_eq!(created.len() + failed + unknown, ITEMS);
    let created_ids: BTreeSet<i64> = created.iter().map(|(_, id)| *id).collect();
    assert_eq!(created_ids.len(), created.len(), "no id reported twice");
    for (i, id) in &created {
        assert_eq!(items[*i].id, Some(*id), "item {i} carries its new id");
    }

    let after = annotation_ids(cm, image).await;
    let on_server: BTreeSet<i64> = after.difference(&before).copied().collect();
    assert_eq!(
        on_server, created_ids,
        "the server holds exactly what the report calls created"
    );

    let chunks = ITEMS.div_ceil(50) as u64;
    assert!(
        faults.fired() > 0 && requests > chunks,
        "faults fired and were retried"
    );
    // Each 503 but a chunk's last is followed by a retry; a dropped chunk is not sent again.
    let (dropped_chunks, refused_chunks) = (unknown as u64 / 50, failed as u64 / 50);
    assert_eq!(
        requests,
        chunks + faults.fired() - dropped_chunks - refused_chunks,
        "one request per chunk plus one per retry"
    );
    assert!(unknown > 0, "some connections were dropped");
    assert!(
        created.len() > ITEMS * 9 / 10,
        "most items survive: {}",
        created.len()
    );
}
