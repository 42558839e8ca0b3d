//! Runs the jobs as measured child processes, repeats them side by side, and assembles the rows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cytomine_bench::measure::{Measured, Usage};
use cytomine_bench::report::Row;
use cytomine_bench::stats::{median, median_usage};
use cytomine_bench::targets::{self, Verdict};
use cytomine_emulator::Emulator;

use crate::args::{Args, Section};
use crate::document::{self, Document};
use crate::jobs::{Client, Job, Target};
use crate::{latency, plain};

/// One run of a job.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The child's resources.
    pub usage: Usage,
    /// The workload time the client reported.
    pub work_s: f64,
}

/// Where the programs are and whom they talk to (no `Debug`: the connection holds the private
/// key).
#[derive(Clone)]
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
    /// The harness, our client, the Python interpreter and script; not connected yet.
    fn locate(args: &Args) -> Result<Programs, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let bench =
            std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let client = bench.with_file_name("bench-client");
        if !client.is_file() {
            return Err(format!(
                "{} is missing: run `cargo build --release -p cytomine-bench --bins` first",
                client.display()
            ));
        }
        Ok(Programs {
            bench,
            client,
            python: python(args, &root),
            script: root.join("cytomine-bench/python/bench_client.py"),
            runtime: args.runtime.name(),
            connection: Vec::new(),
        })
    }

    /// The same programs, talking to `emulator` as its admin.
    pub fn connected(&self, emulator: &Emulator) -> Programs {
        let admin = emulator.admin();
        Programs {
            connection: vec![
                "--host".into(),
                emulator.base_url(),
                "--public-key".into(),
                admin.public_key,
                "--private-key".into(),
                admin.private_key,
            ],
            ..self.clone()
        }
    }

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
        if let Some(folder) = &job.scratch_dir {
            std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        let output = Command::new(&self.bench)
            .arg("measure")
            .arg("--")
            .args(self.command(job))
            .output()
            .map_err(|e| format!("{}: cannot start `bench measure`: {e}", job.key))?;
        if let Some(scratch) = &job.scratch {
            let _ = std::fs::remove_file(scratch);
        }
        if let Some(folder) = &job.scratch_dir {
            let _ = std::fs::remove_dir_all(folder);
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

/// Every run of each job, by key.
pub type Samples = BTreeMap<&'static str, Vec<Sample>>;

/// Runs each job of `jobs` `runs` times, the jobs in turn within each repetition.
pub fn run_group(
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

/// Everything: the sections asked for, then the document.
pub async fn run_all(args: &Args) -> Result<(), String> {
    let programs = Programs::locate(args)?;
    let runs = args.repetitions();
    let plain = match args.runs_section(Section::Plain) {
        true => Some(plain::run(args, &programs, runs).await?),
        false => None,
    };
    let latency = match args.runs_section(Section::Latency) {
        true => Some(latency::run(args, &programs, runs).await?),
        false => None,
    };
    let doc = Document {
        runs,
        quick: args.quick,
        python: programs.python.display().to_string(),
        runtime: programs.runtime,
        section: args.section,
        plain,
        latency,
    };
    document::write(&args.out, &doc)
}

/// The median usage of job `key`, if it ran.
pub fn median_of(samples: &Samples, key: &str) -> Option<Usage> {
    samples
        .get(key)
        .map(|s| median_usage(&s.iter().map(|x| x.usage).collect::<Vec<_>>()))
}

/// The rows of the table, in job order, with ratios and verdicts from the medians.
pub fn rows(jobs: &[Job], samples: &Samples) -> Vec<Row> {
    let usage = |key: &str| median_of(samples, key);
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
        Target::WallWithin(key, label, x) => {
            let ratio = u.wall_s / usage(key)?.wall_s;
            targets::ratio_at_most(&format!("≤ {x}× {label}"), ratio, *x)
        }
    })
}
