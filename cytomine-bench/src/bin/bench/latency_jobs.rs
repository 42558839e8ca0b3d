//! What the latency section measures: L1-L5, each with the Python client at its defaults and
//! ours, and the targets of each.

use std::path::Path;

use crate::args::Scale;
use crate::jobs::{n, strings, Client, Job, Target};
use crate::latency_fixture::LatencyFixture;

/// A Python job and ours with the same arguments, ours judged on `targets`.
fn pair(
    keys: [&'static str; 2],
    label: &str,
    args: Vec<String>,
    expected: u64,
    targets: Vec<Target>,
) -> [Job; 2] {
    let [py, rs] = keys;
    [
        Job::new(py, label, Client::Python, args.clone(), expected),
        Job::new(rs, label, Client::Ours, args, expected).versus(py, targets),
    ]
}

/// Each job of `jobs` writes into its own folder under `dir`, emptied after each run.
fn with_folders(jobs: impl IntoIterator<Item = Job>, dir: &Path) -> Vec<Job> {
    jobs.into_iter()
        .map(|mut job| {
            let folder = dir.join(job.key);
            job.args
                .extend(strings(&["--dir", &folder.to_string_lossy()]));
            job.scratch_dir = Some(folder);
            job
        })
        .collect()
}

/// L1: bulk save (Python `AnnotationCollection.save()`, ours `Collection::save`, both defaults).
pub fn l1(f: &LatencyFixture, s: &Scale) -> Vec<Job> {
    let args = strings(&[
        "w2",
        "--image",
        &f.l1_image.to_string(),
        "--count",
        &s.l1_annotations.to_string(),
    ]);
    let label = format!("L1 bulk save of {} annotations", n(s.l1_annotations));
    pair(
        ["l1-py", "l1-rs"],
        &label,
        args,
        s.l1_annotations,
        vec![Target::SpeedUp(10.0)],
    )
    .into()
}

/// L2: the annotations of a project with WKT; ours all at once and streamed (default pages).
pub fn l2(f: &LatencyFixture, s: &Scale) -> Vec<Job> {
    let args =
        |mode: &str| strings(&["w3", "--project", &f.l2_project.to_string(), "--mode", mode]);
    let count = s.l2_annotations;
    let label = format!("L2 {} annotations with WKT, all at once", n(count));
    let [py, rs] = pair(
        ["l2-py", "l2-rs"],
        &label,
        args("all"),
        count,
        vec![Target::SpeedUp(3.0)],
    );
    let stream_label = format!(
        "L2 {} annotations with WKT, streamed (default pages; Python: all at once)",
        n(count)
    );
    let stream = Job::new(
        "l2-stream",
        &stream_label,
        Client::Ours,
        args("stream"),
        count,
    )
    .versus(
        "l2-py",
        vec![
            Target::SpeedUp(3.0),
            Target::WallWithin("l2-rs", "our fetch", 1.5),
        ],
    );
    vec![py, rs, stream]
}

/// L3: the crops of a project's annotations (Python `dump_crops` with its default workers,
/// ours `dump_crops` at the client's default concurrency).
pub fn l3(f: &LatencyFixture, s: &Scale, dir: &Path) -> Vec<Job> {
    let args = strings(&["l3-crops", "--project", &f.l3_project.to_string()]);
    let label = format!("L3 crops of {} annotations", n(s.l3_crops));
    let jobs = pair(
        ["l3-py", "l3-rs"],
        &label,
        args,
        s.l3_crops,
        vec![Target::SpeedUp(3.0)],
    );
    with_folders(jobs, dir)
}

/// L4: objects fetched by id (Python a loop of `Annotation().fetch(id)`, ours `fetch_many`).
pub fn l4(f: &LatencyFixture) -> Vec<Job> {
    let ids: Vec<String> = f.l4_ids.iter().map(i64::to_string).collect();
    let args = strings(&["l4-fetch", "--ids", &ids.join(",")]);
    let count = f.l4_ids.len() as u64;
    let label = format!("L4 {} annotations fetched by id", n(count));
    pair(
        ["l4-py", "l4-rs"],
        &label,
        args,
        count,
        vec![Target::SpeedUp(5.0)],
    )
    .into()
}

/// L5: files uploaded into a project, then the image instances they became downloaded back
/// (Python in a loop, ours `upload_many` and `download_many`).
pub fn l5(f: &LatencyFixture, size_each: u64, dir: &Path) -> Vec<Job> {
    let files: Vec<String> = f
        .l5_files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let args = strings(&[
        "l5-files",
        "--storage",
        &f.storage.to_string(),
        "--project",
        &f.l5_project.to_string(),
        "--files",
        &files.join(","),
    ]);
    let label = format!(
        "L5 {} images of {:.0} MB uploaded, then downloaded back",
        files.len(),
        size_each as f64 / 1e6
    );
    let bytes = size_each * files.len() as u64;
    let jobs = pair(
        ["l5-py", "l5-rs"],
        &label,
        args,
        bytes,
        vec![Target::SpeedUp(2.0)],
    );
    with_folders(jobs, dir)
}
