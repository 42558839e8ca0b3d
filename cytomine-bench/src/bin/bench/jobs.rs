//! What is measured: one job per (workload, client), with its comparisons and targets.

use std::path::Path;

use crate::args::Scale;
use crate::fixture::Fixture;

/// Which program runs a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// Our `bench-client`.
    Ours,
    /// `bench-client w1-floor`.
    Floor,
    /// The official Python client's script.
    Python,
}

impl Client {
    /// The label in the table.
    pub fn label(self) -> &'static str {
        match self {
            Client::Ours => "cytomine-rs",
            Client::Floor => "floor (bare reqwest)",
            Client::Python => "Python client 4.3.0",
        }
    }
}

/// A target of the issue, judged on a job's medians.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Python's wall time over ours at least this.
    SpeedUp(f64),
    /// Our wall time over the floor's at most this.
    FloorWithin(f64),
    /// Peak RSS at most this many MB.
    Rss(f64),
    /// Peak RSS at most this factor of the named job's.
    FlatFrom(&'static str, f64),
    /// Wall time at most this factor of the named job's (ours against ours), with its label.
    WallWithin(&'static str, &'static str, f64),
}

/// One measured job.
#[derive(Debug, Clone)]
pub struct Job {
    /// Unique key, e.g. `w1-rs`.
    pub key: &'static str,
    /// Workload label in the table.
    pub workload: String,
    /// Who runs it.
    pub client: Client,
    /// Workload name and options (the same for `bench-client` and the Python script).
    pub args: Vec<String>,
    /// Items the client must report.
    pub expected: u64,
    /// Job to compare wall time with (Python), and the floor.
    pub python_key: Option<&'static str>,
    /// The floor job.
    pub floor_key: Option<&'static str>,
    /// Targets on this job.
    pub targets: Vec<Target>,
    /// A file the run leaves behind, removed after each run.
    pub scratch: Option<std::path::PathBuf>,
    /// A folder the run writes into: created before each run, removed after.
    pub scratch_dir: Option<std::path::PathBuf>,
}

impl Job {
    /// A job without comparisons or targets.
    pub fn new(
        key: &'static str,
        workload: &str,
        client: Client,
        args: Vec<String>,
        expected: u64,
    ) -> Job {
        Job {
            key,
            workload: workload.to_string(),
            client,
            args,
            expected,
            python_key: None,
            floor_key: None,
            targets: Vec::new(),
            scratch: None,
            scratch_dir: None,
        }
    }
    /// Compared with the Python job `python`, judged on `targets`.
    pub fn versus(mut self, python: &'static str, targets: Vec<Target>) -> Job {
        self.python_key = Some(python);
        self.targets = targets;
        self
    }
}

/// Owned arguments.
pub fn strings(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// `v` with thousands separated by commas.
pub fn n(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// W1: sequential fetches of one project.
pub fn w1(f: &Fixture, s: &Scale) -> Vec<Job> {
    let args = |w: &str| {
        strings(&[
            w,
            "--project",
            &f.w1_project.to_string(),
            "--count",
            &s.w1_requests.to_string(),
        ])
    };
    let label = format!("W1 {} fetches of one project", n(s.w1_requests));
    let mut ours = Job::new("w1-rs", &label, Client::Ours, args("w1"), s.w1_requests).versus(
        "w1-py",
        vec![Target::SpeedUp(10.0), Target::FloorWithin(1.5)],
    );
    ours.floor_key = Some("w1-floor");
    vec![
        Job::new("w1-py", &label, Client::Python, args("w1"), s.w1_requests),
        ours,
        Job::new(
            "w1-floor",
            &label,
            Client::Floor,
            args("w1-floor"),
            s.w1_requests,
        ),
    ]
}

/// The bench-client arguments of W2 (the image and the count).
fn w2_args(f: &Fixture, count: u64) -> Vec<String> {
    strings(&[
        "w2",
        "--image",
        &f.w2_image.to_string(),
        "--count",
        &count.to_string(),
    ])
}

/// W2: bulk save (ours with the default `BulkOptions`, Python with its defaults); and the same
/// at a small size, which with it gives the CPU per item saved.
pub fn w2(f: &Fixture, s: &Scale) -> Vec<Job> {
    let args = w2_args(f, s.w2_annotations);
    let label = format!("W2 bulk save of {} annotations", n(s.w2_annotations));
    let small = w2_args(f, s.w2_small);
    let small_label = format!("W2 bulk save of {} annotations", n(s.w2_small));
    vec![
        Job::new(
            "w2-py",
            &label,
            Client::Python,
            args.clone(),
            s.w2_annotations,
        ),
        Job::new("w2-rs", &label, Client::Ours, args, s.w2_annotations)
            .versus("w2-py", vec![Target::SpeedUp(20.0)]),
        Job::new(
            "w2-small-py",
            &small_label,
            Client::Python,
            small.clone(),
            s.w2_small,
        ),
        Job::new("w2-small-rs", &small_label, Client::Ours, small, s.w2_small)
            .versus("w2-small-py", Vec::new()),
    ]
}

/// The sweep of W2 over chunk size × concurrency (ours only), keyed `(chunk, concurrency)`.
pub fn w2_sweep(f: &Fixture, s: &Scale) -> Vec<(usize, usize, Job)> {
    let mut jobs = Vec::new();
    for &c in &s.sweep_chunks {
        for &p in &s.sweep_parallel {
            let mut args = w2_args(f, s.w2_annotations);
            args.extend(strings(&[
                "--chunk",
                &c.to_string(),
                "--concurrency",
                &p.to_string(),
            ]));
            let job = Job::new("w2-sweep", "W2 sweep", Client::Ours, args, s.w2_annotations);
            jobs.push((c, p, job));
        }
    }
    jobs
}

/// W3: the annotations of a project with WKT, at both N; ours all at once and streamed.
pub fn w3(f: &Fixture, s: &Scale) -> Vec<Job> {
    let mut jobs = Vec::new();
    let sizes = [
        (
            s.w3_large,
            f.w3_large_project,
            ["w3-large-py", "w3-large-rs", "w3-large-stream"],
        ),
        (
            s.w3_small,
            f.w3_small_project,
            ["w3-small-py", "w3-small-rs", "w3-small-stream"],
        ),
    ];
    for (count, project, [py, rs, stream]) in sizes {
        let base = strings(&["w3", "--project", &project.to_string()]);
        let all = |mut a: Vec<String>| {
            a.extend(strings(&["--mode", "all"]));
            a
        };
        let mut streamed = base.clone();
        streamed.extend(strings(&[
            "--mode",
            "stream",
            "--page-size",
            &s.w3_page.to_string(),
        ]));
        let label = format!("W3 {} annotations with WKT, all at once", n(count));
        let stream_label = format!(
            "W3 {} annotations with WKT, streamed by pages of {} (Python: all at once, it cannot stream)",
            n(count),
            n(s.w3_page)
        );
        let mut stream_targets = vec![Target::SpeedUp(10.0), Target::Rss(50.0)];
        if count == s.w3_large {
            stream_targets.push(Target::FlatFrom("w3-small-stream", 1.2));
        }
        let all_targets = if count == s.w3_large {
            vec![Target::SpeedUp(10.0)]
        } else {
            Vec::new()
        };
        jobs.push(Job::new(
            py,
            &label,
            Client::Python,
            all(base.clone()),
            count,
        ));
        jobs.push(Job::new(rs, &label, Client::Ours, all(base), count).versus(py, all_targets));
        jobs.push(
            Job::new(stream, &stream_label, Client::Ours, streamed, count)
                .versus(py, stream_targets),
        );
    }
    jobs
}

/// W4: download and upload of the big image.
pub fn w4(f: &Fixture, size: u64, dir: &Path) -> Vec<Job> {
    let mb = size as f64 / 1e6;
    let down_label = format!("W4 download of a {mb:.0} MB image");
    let up_label = format!("W4 upload of a {mb:.0} MB image");
    let targets = || vec![Target::SpeedUp(3.0), Target::Rss(64.0)];
    let download = |key: &'static str, client: Client| {
        let dest = dir.join(format!("{key}.tif"));
        let args = strings(&[
            "w4-download",
            "--image",
            &f.w4_image.to_string(),
            "--file",
            &dest.to_string_lossy(),
        ]);
        let mut job = Job::new(key, &down_label, client, args, size);
        job.scratch = Some(dest);
        job
    };
    let file = f.w4_file.to_string_lossy().to_string();
    let upload = strings(&[
        "w4-upload",
        "--storage",
        &f.storage.to_string(),
        "--file",
        &file,
    ]);
    vec![
        download("w4-down-py", Client::Python),
        download("w4-down-rs", Client::Ours).versus("w4-down-py", targets()),
        Job::new("w4-up-py", &up_label, Client::Python, upload.clone(), size),
        Job::new("w4-up-rs", &up_label, Client::Ours, upload, size).versus("w4-up-py", targets()),
    ]
}
