//! The latency model: every request waits its service time, concurrently with the others.

use std::time::{Duration, Instant};

use crate::support::*;
use cytomine_emulator::Latency;

const L: Duration = Duration::from_millis(100);

async fn lan() -> (Emulator, Client) {
    let emu = Emulator::builder()
        .latency(L)
        .start()
        .await
        .expect("starts");
    let admin = Client::new(&emu, emu.admin());
    (emu, admin)
}

#[tokio::test]
async fn one_request_takes_at_least_the_latency() {
    let (emu, admin) = lan().await;
    assert_eq!(emu.latency(), Latency::fixed(L));
    let started = Instant::now();
    let (status, _) = admin.get("/api/project.json").await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= L, "{:?}", started.elapsed());
}

#[tokio::test]
async fn concurrent_requests_wait_together_not_in_turn() {
    let (_emu, admin) = lan().await;
    let n = 10u32;
    let started = Instant::now();
    let answers = futures::future::join_all((0..n).map(|_| admin.get("/api/project.json"))).await;
    let elapsed = started.elapsed();
    assert!(answers.iter().all(|(status, _)| *status == 200));
    assert!(elapsed >= L, "{elapsed:?}");
    assert!(elapsed < L * n / 2, "served in turn: {elapsed:?}");
}

#[tokio::test]
async fn listed_items_cost_their_share() {
    let per_item = Duration::from_millis(20);
    let emu = Emulator::builder()
        .latency_model(Latency::default().per_item(per_item))
        .start()
        .await
        .expect("starts");
    let admin = Client::new(&emu, emu.admin());
    for i in 0..5 {
        let (status, _) = admin
            .post(
                "/api/project.json",
                &serde_json::json!({"name": format!("p{i}")}),
            )
            .await;
        assert_eq!(status, 200);
    }
    let started = Instant::now();
    let (_, list) = admin.get("/api/project.json").await;
    assert_eq!(items(&list).len(), 5);
    assert!(started.elapsed() >= per_item * 5, "{:?}", started.elapsed());
}
