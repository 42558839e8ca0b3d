//! The markdown of `BENCHMARKS.md`: the results table, the bulk sweep, and the hand-written
//! notes kept across runs.

use std::fmt::Write as _;

use crate::measure::Usage;
use crate::targets::Verdict;

/// The heading after which the file's hand-written notes start; the harness keeps that part.
pub const NOTES_HEADING: &str = "## Notes (hand-written, kept across runs)";

/// One line of the results table: medians of one client on one workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The workload, e.g. `W1 1,000 fetches`.
    pub workload: String,
    /// The client, e.g. `cytomine-rs`.
    pub client: String,
    /// Median child usage.
    pub usage: Usage,
    /// Median time of the workload itself, as the client measured it.
    pub work_s: f64,
    /// Python's wall time over this row's, when there is a Python row to compare with.
    pub vs_python: Option<f64>,
    /// This row's wall time over the floor's.
    pub vs_floor: Option<f64>,
    /// The targets that apply to this row.
    pub verdicts: Vec<Verdict>,
}

fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:.1}×"))
}

/// The results table.
///
/// ```
/// use cytomine_bench::{measure::Usage, report::{table, Row}};
/// let row = Row { workload: "W1".into(), client: "ours".into(),
///     usage: Usage { wall_s: 0.5, user_s: 0.2, sys_s: 0.1, max_rss_kib: 10240 },
///     work_s: 0.4, vs_python: Some(20.0), vs_floor: None, verdicts: vec![] };
/// let md = table(&[row]);
/// assert!(md.contains("| W1 | ours | 0.500 | 0.400 | 0.300 | 10.0 | 20.0× | – | – |"));
/// ```
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| Workload | Client | Wall (s) | In-client work (s) | Client CPU (s) | Peak RSS (MB) \
         | Python / ours | ours / floor | Targets |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for r in rows {
        let verdicts = if r.verdicts.is_empty() {
            "–".to_string()
        } else {
            r.verdicts
                .iter()
                .map(Verdict::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.1} | {} | {} | {} |",
            r.workload,
            r.client,
            r.usage.wall_s,
            r.work_s,
            r.usage.cpu_s(),
            r.usage.rss_mib(),
            ratio(r.vs_python),
            ratio(r.vs_floor),
            verdicts
        );
    }
    out
}

/// The bulk-save sweep: wall seconds per chunk size (rows) × concurrency (columns), the best
/// cell in bold.
///
/// ```
/// let md = cytomine_bench::report::sweep_table(&[(15, 1, 2.0), (15, 2, 1.0), (100, 1, 0.5), (100, 2, 0.7)]);
/// assert!(md.contains("| 100 | **0.500** | 0.700 |"));
/// assert!(md.contains("| 15 | 2.000 | 1.000 |"));
/// ```
pub fn sweep_table(cells: &[(usize, usize, f64)]) -> String {
    let mut chunks: Vec<usize> = cells.iter().map(|c| c.0).collect();
    let mut parallel: Vec<usize> = cells.iter().map(|c| c.1).collect();
    chunks.sort_unstable();
    chunks.dedup();
    parallel.sort_unstable();
    parallel.dedup();
    let best = cells.iter().map(|c| c.2).fold(f64::INFINITY, f64::min);
    let mut out = String::from("| chunk size \\ concurrency |");
    for p in &parallel {
        let _ = write!(out, " {p} |");
    }
    out.push_str("\n|---:|");
    out.push_str(&"---:|".repeat(parallel.len()));
    out.push('\n');
    for c in &chunks {
        let _ = write!(out, "| {c} |");
        for p in &parallel {
            match cells.iter().find(|x| x.0 == *c && x.1 == *p) {
                Some(x) if x.2 == best => {
                    let _ = write!(out, " **{:.3}** |", x.2);
                }
                Some(x) => {
                    let _ = write!(out, " {:.3} |", x.2);
                }
                None => out.push_str(" – |"),
            }
        }
        out.push('\n');
    }
    out
}

/// The hand-written notes of an existing document (from [`NOTES_HEADING`] on), if any.
pub fn kept_notes(existing: &str) -> Option<&str> {
    existing.find(NOTES_HEADING).map(|at| &existing[at..])
}

/// `generated` followed by the notes kept from `existing` (or an empty notes section).
///
/// ```
/// use cytomine_bench::report::{with_notes, NOTES_HEADING};
/// let old = format!("# old table\n{NOTES_HEADING}\nwhy W4 missed\n");
/// let new = with_notes("# new table\n", Some(&old));
/// assert_eq!(new, format!("# new table\n\n{NOTES_HEADING}\nwhy W4 missed\n"));
/// ```
pub fn with_notes(generated: &str, existing: Option<&str>) -> String {
    let notes = existing.and_then(kept_notes).map_or_else(
        || format!("{NOTES_HEADING}\n\n(none yet)\n"),
        str::to_string,
    );
    format!(
        "{}\n{notes}",
        generated.trim_end_matches('\n').to_string() + "\n"
    )
}
