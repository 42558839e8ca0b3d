//! The one JSON line a benchmark client prints on success (ours and the Python scripts alike).

use serde::{Deserialize, Serialize};

/// What a client reports about its own run.
///
/// ```
/// use cytomine_bench::result_line::ClientResult;
/// let r = ClientResult { workload: "w1".into(), items: 1000, work_s: 0.5 };
/// let line = r.to_line();
/// assert_eq!(ClientResult::find_in(&format!("noise\n{line}\n")), Some(r));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientResult {
    /// The workload it ran (`w1`, `w1-floor`, `w2`, `w3`, `w4-download`, `w4-upload`).
    pub workload: String,
    /// Items handled: requests, annotations created or listed, bytes transferred.
    pub items: u64,
    /// Seconds spent in the workload itself (after start-up and connection).
    pub work_s: f64,
}

impl ClientResult {
    /// The JSON line.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The last line of `output` that parses as a result.
    pub fn find_in(output: &str) -> Option<ClientResult> {
        output
            .lines()
            .rev()
            .filter(|l| l.trim_start().starts_with('{'))
            .find_map(|l| serde_json::from_str(l.trim()).ok())
    }
}
