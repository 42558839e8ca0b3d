//! The latency section: L1-L5 on an emulator that takes a fixed service time per request (as a
//! server on the same network does), each with the Python client and ours, side by side.

use std::time::Duration;

use cytomine_bench::report::Row;
use cytomine_emulator::Emulator;

use crate::args::Args;
use crate::latency_fixture;
use crate::latency_jobs as jobs;
use crate::runner::{rows, run_group, Programs, Samples};
use crate::stage::Stage;

/// What the section measured.
pub struct Latency {
    /// The service time of every request.
    pub per_request: Duration,
    /// The table rows.
    pub rows: Vec<Row>,
}

/// Starts the emulator with latency, prepares the data, runs L1-L5.
pub async fn run(args: &Args, programs: &Programs, runs: usize) -> Result<Latency, String> {
    let scale = args.scale();
    let per_request = Duration::from_millis(args.latency_ms);
    let builder = Emulator::builder().latency(per_request);
    let stage = Stage::start(builder, "cytomine-bench-latency").await?;
    let dir = &stage.dir;
    let f = latency_fixture::prepare(&stage.cm, &scale, dir).await?;
    let programs = programs.connected(&stage.emulator);
    let file_size = f
        .l5_files
        .first()
        .and_then(|file| std::fs::metadata(file).ok())
        .map_or(0, |m| m.len());
    let groups = [
        jobs::l1(&f, &scale),
        jobs::l2(&f, &scale),
        jobs::l3(&f, &scale, dir),
        jobs::l4(&f),
        jobs::l5(&f, file_size, dir),
    ];
    let mut samples = Samples::new();
    tokio::task::block_in_place(|| -> Result<(), String> {
        // L1 last: the annotations it saves would lengthen the listings of L2 and L3 (the
        // emulator, like a server without an index, walks every annotation for each page).
        for group in groups[1..].iter().chain(&groups[..1]) {
            run_group(&programs, group, runs, &mut samples)?;
        }
        Ok(())
    })?;
    stage.finish().await;
    let all: Vec<_> = groups.into_iter().flatten().collect();
    Ok(Latency {
        per_request,
        rows: rows(&all, &samples),
    })
}
