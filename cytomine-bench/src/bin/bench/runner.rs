//! Runs the jobs as measured child processes, repeats them side by side, and assembles the rows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cytomine_bench::measure::{Measured, Usage};
use cytomine_bench::report::Row;
use cytomine_bench::stats::{median, median_usage};
use cytomine_bench::targets::{self, Verdict};
use cytomine_emulator::Emulator;

use crate::args::{Args, Workload};
use crate::document::{self, Document};
use crate::jobs::{self, Client, Job, Target};
use crate::{fixture, throughput};

/// One run of a job.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The child's resources.
    pub usage: Usage,
    /// The workload time the client reported.
    pub work_s: f64,
}

/// Where the programs are and whom they talk to.
pub struct Programs {
    bench: PathBuf,
    client: PathBuf,
    python: PathBuf,
    script: PathBuf,
    connection: Vec<String>,
    /// `--runtime` of our client and the floor.
    runtime: &'static str,
}

impl Programs {
    fn command(&self, job: &Job) -> Vec<String> {
        let mut cmd: Vec<String> = match job.client {
            Client::Ours | Client::Floor => vec![
                self.client.to_string_lossy().into(),
                "--runtime".into(),
                self.runtime.into(),
            ],
            Client::Python => vec![
                self.python.to_string_lossy().into(),
                self.script.to_string_lossy().into(),
            ],
        };
        cmd.extend(job.args.iter().cloned());
        cmd.extend(self.connection.iter().cloned());
        cmd
    }

    /// Runs `job` once under `bench measure` and checks its result line.
    pub fn measure(&self, job: &Job) -> Result<Sample, String> {
        let output = Command::new(&self.bench)
            .arg("measure")
            .arg("--")
            .args(self.command(job))
            .output()
            .map_err(|e| format!("{}: cannot start `bench measure`: {e}", job.key))?;
        if let Some(scratch) = &job.scratch {
            let _ = std::fs::remove_file(scratch);
        }
        let text = String::from_utf8_lossy(&output.stdout);
        let measured = Measured::find_in(&text).ok_or_else(|| {
            format!(
                "{}: no measure line; stderr: {}",
                job.key,
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
        let result = measured
            .success()
            .map_err(|e| format!("{} ({}): {e}", job.key, job.client.label()))?;
        if result.items != job.expected {
            return Err(format!(
                "{}: the client reported {} items, expected {}",
                job.key, result.items, job.expected
            ));
        }
        Ok(Sample {
            usage: measured.usage,
            work_s: result.work_s,
        })
    }
}

/// The interpreter: `--python`, `$CYTOMINE_PYTHON`, the virtualenv the workspace's interop tests
/// set up (`target/tmp/python-env`; `cargo test --test python_interop` creates it), `python3`.
fn python(args: &Args, root: &Path) -> PathBuf {
    if let Some(p) = &args.python {
        return p.clone();
    }
    if let Some(p) = std::env::var_os("CYTOMINE_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let venv = root.join("target/tmp/python-env/bin/python");
    if venv.is_file() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

type Samples = BTreeMap<&'static str, Vec<Sample>>;

fn run_group(
    programs: &Programs,
    jobs: &[Job],
    runs: usize,
    into: &mut Samples,
) -> Result<(), String> {
    for rep in 1..=runs {
        for job in jobs {
            let s = programs.measure(job)?;
            eprintln!(
                "[{} run {rep}/{runs}] wall {:.3} s, cpu {:.3} s, rss {:.1} MB",
                job.key,
                s.usage.wall_s,
                s.usage.cpu_s(),
                s.usage.rss_mib()
            );
            into.entry(job.key).or_default().push(s);
        }
    }
    Ok(())
}

/// Everything: emulator, data, runs, throughput, document.
pub async fn run_all(args: &Args) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let bench = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let client = bench.with_file_name("bench-client");
    if !client.is_file() {
        return Err(format!(
            "{} is missing: run `cargo build --release -p cytomine-bench --bins` first",
            client.display()
        ));
    }
    let scale = args.scale();
    let emulator = Emulator::start()
        .await
        .map_err(|e| format!("cannot start the emulator: {e}"))?;
    let admin = emulator.admin();
    let dir = std::env::temp_dir().join(format!("cytomine-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    eprintln!("preparing data on {} ...", emulator.base_url());
    let f = fixture::prepare(
        &emulator.base_url(),
        &admin.public_key,
        &admin.private_key,
        &scale,
        &dir,
    )
    .await?;
    let programs = Programs {
        bench,
        client,
        python: python(args, &root),
        script: root.join("cytomine-bench/python/bench_client.py"),
        runtime: args.runtime.name(),
        connection: vec![
            "--host".into(),
            emulator.base_url(),
            "--public-key".into(),
            admin.public_key.clone(),
            "--private-key".into(),
            admin.private_key.clone(),
        ],
    };
    let runs = args.repetitions();
    let mut samples = Samples::new();
    let w4_size = std::fs::metadata(&f.w4_file).map(|m| m.len()).unwrap_or(0);
    let groups = [
        (Workload::W1, jobs::w1(&f, &scale)),
        (Workload::W3, jobs::w3(&f, &scale)),
        (Workload::W4, jobs::w4(&f, w4_size, &dir)),
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
    let throughput = throughput::measure(&emulator, &admin, &f, &scale).await?;
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
    let _ = std::fs::remove_dir_all(&dir);
    emulator.shutdown().await;
    let mut all_jobs = jobs_run;
    all_jobs.extend(w2_jobs);
    let rows = rows(&all_jobs, &samples);
    let doc = Document {
        runs,
        quick: args.quick,
        python: programs.python.display().to_string(),
        runtime: programs.runtime,
        rows,
        sweep,
        throughput,
        w4_note: f.w4_note.clone(),
    };
    document::write(&args.out, &doc)
}

/// The rows of the table, in job order, with ratios and verdicts from the medians.
pub fn rows(jobs: &[Job], samples: &Samples) -> Vec<Row> {
    let usage = |key: &str| {
        samples
            .get(key)
            .map(|s| median_usage(&s.iter().map(|x| x.usage).collect::<Vec<_>>()))
    };
    let wall = |key: Option<&str>| key.and_then(&usage).map(|u| u.wall_s);
    jobs.iter()
        .filter_map(|job| {
            let u = usage(job.key)?;
            let work = samples
                .get(job.key)
                .map(|s| median(&s.iter().map(|x| x.work_s).collect::<Vec<_>>()))?;
            let vs_python = wall(job.python_key).map(|py| py / u.wall_s);
            let vs_floor = wall(job.floor_key).map(|fl| u.wall_s / fl);
            let verdicts = job
                .targets
                .iter()
                .filter_map(|t| verdict(t, &u, vs_python, vs_floor, &usage))
                .collect();
            Some(Row {
                workload: job.workload.clone(),
                client: job.client.label().to_string(),
                usage: u,
                work_s: work,
                vs_python,
                vs_floor,
                verdicts,
            })
        })
        .collect()
}

fn verdict(
    target: &Target,
    u: &Usage,
    vs_python: Option<f64>,
    vs_floor: Option<f64>,
    usage: &dyn Fn(&str) -> Option<Usage>,
) -> Option<Verdict> {
    Some(match target {
        Target::SpeedUp(x) => targets::at_least(&format!("≥ {x}× Python"), vs_python?, *x),
        Target::FloorWithin(x) => targets::ratio_at_most(&format!("≤ {x}× floor"), vs_floor?, *x),
        Target::Rss(mb) => targets::rss_at_most(u.rss_mib(), *mb),
        Target::FlatFrom(key, tol) => targets::flat(u.rss_mib(), usage(key)?.rss_mib(), *tol),
    })
}
