//! The section without latency: W1-W4 (and the W2 sweep) on an emulator that answers at once,
//! the emulator's own throughput, and the client CPU per item listed and saved.

use cytomine_bench::per_item::{per_thousand, CpuPerItem};
use cytomine_bench::report::Row;
use cytomine_bench::stats::median;
use cytomine_emulator::Emulator;

use crate::args::{Args, Scale, Workload};
use crate::jobs::{self, n, Job};
use crate::runner::{median_of, rows, run_group, Programs, Samples};
use crate::stage::Stage;
use crate::throughput::Throughput;
use crate::{fixture, throughput};

/// What the section measured.
pub struct Plain {
    /// The table rows.
    pub rows: Vec<Row>,
    /// The bulk sweep: (chunk, concurrency, wall seconds).
    pub sweep: Vec<(usize, usize, f64)>,
    /// The emulator's throughput.
    pub throughput: Throughput,
    /// Why W4 ran smaller than asked, if it did.
    pub w4_note: Option<String>,
    /// Client CPU per 1,000 items listed and saved, when W3 and W2 ran.
    pub cpu: Vec<CpuPerItem>,
}

/// Starts the emulator, prepares the data, runs the workloads, the sweep and the throughput.
pub async fn run(args: &Args, programs: &Programs, runs: usize) -> Result<Plain, String> {
    let scale = args.scale();
    let stage = Stage::start(Emulator::builder(), "cytomine-bench").await?;
    let (emulator, dir) = (&stage.emulator, &stage.dir);
    let f = fixture::prepare(&stage.cm, &scale, dir).await?;
    let programs = programs.connected(emulator);
    let mut samples = Samples::new();
    let w4_size = std::fs::metadata(&f.w4_file).map(|m| m.len()).unwrap_or(0);
    let groups = [
        (Workload::W1, jobs::w1(&f, &scale)),
        (Workload::W3, jobs::w3(&f, &scale)),
        (Workload::W4, jobs::w4(&f, w4_size, dir)),
    ];
    let groups = groups
        .into_iter()
        .filter(|(w, _)| args.runs_workload(*w))
        .map(|(_, group)| group);
    let jobs_run = tokio::task::block_in_place(|| -> Result<Vec<Job>, String> {
        let mut all = Vec::new();
        for group in groups {
            run_group(&programs, &group, runs, &mut samples)?;
            all.extend(group);
        }
        Ok(all)
    })?;
    eprintln!("measuring the emulator's throughput ...");
    let throughput = throughput::measure(emulator, &emulator.admin(), &f, &scale).await?;
    let (w2_jobs, sweep) = tokio::task::block_in_place(|| -> Result<_, String> {
        let mut cells = Vec::new();
        if !args.runs_workload(Workload::W2) {
            return Ok((Vec::new(), cells));
        }
        let w2 = jobs::w2(&f, &scale);
        run_group(&programs, &w2, runs, &mut samples)?;
        if !args.no_sweep {
            let sweep = jobs::w2_sweep(&f, &scale);
            let mut walls = vec![Vec::new(); sweep.len()];
            for _ in 0..runs {
                for ((chunk, parallel, job), walls) in sweep.iter().zip(walls.iter_mut()) {
                    let s = programs.measure(job)?;
                    eprintln!(
                        "[w2 sweep chunk {chunk} x {parallel}] wall {:.3} s",
                        s.usage.wall_s
                    );
                    walls.push(s.usage.wall_s);
                }
            }
            for ((chunk, parallel, _), walls) in sweep.iter().zip(&walls) {
                cells.push((*chunk, *parallel, median(walls)));
            }
        }
        Ok((w2, cells))
    })?;
    stage.finish().await;
    let mut all_jobs = jobs_run;
    all_jobs.extend(w2_jobs);
    Ok(Plain {
        rows: rows(&all_jobs, &samples),
        sweep,
        throughput,
        w4_note: f.w4_note.clone(),
        cpu: cpu_per_item(&samples, &scale),
    })
}

/// CPU per 1,000 annotations listed (W3 all at once and streamed, at both sizes) and saved (W2
/// at both sizes), for each workload whose four runs exist.
fn cpu_per_item(samples: &Samples, s: &Scale) -> Vec<CpuPerItem> {
    let listed = |how: &str, ours: [&'static str; 2]| {
        (
            format!(
                "annotations listed with WKT, {how} (W3, {} and {})",
                n(s.w3_small),
                n(s.w3_large)
            ),
            (s.w3_small, s.w3_large),
            ["w3-small-py", "w3-large-py", ours[0], ours[1]],
        )
    };
    let workloads = [
        listed("all at once", ["w3-small-rs", "w3-large-rs"]),
        listed(
            "streamed; Python: all at once",
            ["w3-small-stream", "w3-large-stream"],
        ),
        (
            format!(
                "annotations saved in bulk (W2, {} and {})",
                n(s.w2_small),
                n(s.w2_annotations)
            ),
            (s.w2_small, s.w2_annotations),
            ["w2-small-py", "w2-py", "w2-small-rs", "w2-rs"],
        ),
    ];
    workloads
        .into_iter()
        .filter_map(|(what, (small, large), keys)| {
            let cpu = |key: &str| median_of(samples, key).map(|u| u.cpu_s());
            let [py_small, py_large, rs_small, rs_large] = keys.map(cpu);
            Some(CpuPerItem {
                what,
                python_ms: per_thousand((small, py_small?), (large, py_large?)),
                ours_ms: per_thousand((small, rs_small?), (large, rs_large?)),
            })
        })
        .collect()
}
