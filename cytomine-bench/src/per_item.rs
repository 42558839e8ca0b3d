//! Client CPU per 1,000 items, from one workload run at two sizes: the difference between the
//! two runs' CPU over the difference in items, so that what does not grow with the items (an
//! interpreter's start-up and imports, the connection) cancels out.

use std::fmt::Write as _;

use crate::targets;

/// One workload's CPU per 1,000 items, for both clients.
#[derive(Debug, Clone, PartialEq)]
pub struct CpuPerItem {
    /// What is counted, e.g. `annotations listed (W3, 10,000 and 100,000)`.
    pub what: String,
    /// Python's CPU milliseconds per 1,000 items.
    pub python_ms: f64,
    /// Ours.
    pub ours_ms: f64,
}

/// CPU milliseconds per 1,000 items between a run of `small` = (items, CPU seconds) and one of
/// `large`.
///
/// ```
/// let ms = cytomine_bench::per_item::per_thousand((10_000, 0.3), (100_000, 1.2));
/// assert!((ms - 10.0).abs() < 1e-9);
/// ```
pub fn per_thousand(small: (u64, f64), large: (u64, f64)) -> f64 {
    let items = large.0.saturating_sub(small.0).max(1) as f64;
    (large.1 - small.1) / items * 1000.0 * 1000.0
}

/// The table: each workload's CPU per 1,000 items, ours over Python's, judged against
/// `max_fraction` (e.g. 0.1).
///
/// ```
/// use cytomine_bench::per_item::{table, CpuPerItem};
/// let row = CpuPerItem { what: "saved".into(), python_ms: 70.0, ours_ms: 3.5 };
/// let md = table(&[row], 0.1);
/// assert!(md.contains("| saved | 70.00 | 3.50 | met: ≤ 1/10 of Python (1/20.0) |"), "{md}");
/// ```
pub fn table(rows: &[CpuPerItem], max_fraction: f64) -> String {
    let mut out = String::from(
        "| Items | Python CPU per 1,000 (ms) | cytomine-rs CPU per 1,000 (ms) | Target |\n\
         |---|---:|---:|---|\n",
    );
    for (r, (_, verdict)) in rows.iter().zip(verdicts(rows, max_fraction)) {
        let _ = writeln!(
            out,
            "| {} | {:.2} | {:.2} | {verdict} |",
            r.what, r.python_ms, r.ours_ms
        );
    }
    out
}

/// The verdicts of [`table`], for the list of missed targets.
pub fn verdicts(rows: &[CpuPerItem], max_fraction: f64) -> Vec<(String, targets::Verdict)> {
    let target = format!("≤ 1/{:.0} of Python", 1.0 / max_fraction);
    rows.iter()
        .map(|r| {
            let v = targets::fraction_at_most(&target, r.ours_ms / r.python_ms, max_fraction);
            (r.what.clone(), v)
        })
        .collect()
}
