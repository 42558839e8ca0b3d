//! The issue's targets, judged on measured values: met, or MISSED with the measured value.

use std::fmt;

/// One target judged on one measured value.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The target, e.g. `≥ 10× Python`.
    pub target: String,
    /// The measured value, e.g. `23.4×`.
    pub measured: String,
    /// Whether the measured value meets the target.
    pub met: bool,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = if self.met { "met" } else { "**MISSED**" };
        write!(f, "{word}: {} ({})", self.target, self.measured)
    }
}

/// `value` must be at least `min` (a speed-up: `Python / ours`).
///
/// ```
/// let v = cytomine_bench::targets::at_least("≥ 10× Python", 12.34, 10.0);
/// assert_eq!(v.to_string(), "met: ≥ 10× Python (12.3×)");
/// assert!(!cytomine_bench::targets::at_least("≥ 10× Python", 9.0, 10.0).met);
/// ```
pub fn at_least(target: &str, value: f64, min: f64) -> Verdict {
    Verdict {
        target: target.to_string(),
        measured: format!("{value:.1}×"),
        met: value >= min,
    }
}

/// `value` (a ratio) must be at most `max` (e.g. `ours / floor ≤ 1.5`).
pub fn ratio_at_most(target: &str, value: f64, max: f64) -> Verdict {
    Verdict {
        target: target.to_string(),
        measured: format!("{value:.2}×"),
        met: value <= max,
    }
}

/// A peak RSS in MiB must be at most `max_mib`.
///
/// ```
/// let v = cytomine_bench::targets::rss_at_most(70.0, 64.0);
/// assert_eq!(v.to_string(), "**MISSED**: peak RSS ≤ 64 MB (70.0 MB)");
/// ```
pub fn rss_at_most(value_mib: f64, max_mib: f64) -> Verdict {
    Verdict {
        target: format!("peak RSS ≤ {max_mib:.0} MB"),
        measured: format!("{value_mib:.1} MB"),
        met: value_mib <= max_mib,
    }
}

/// Peak RSS flat as N grows: the large run's RSS within `tolerance` (e.g. 1.2) of the small one's.
///
/// ```
/// let v = cytomine_bench::targets::flat(21.0, 20.0, 1.2);
/// assert!(v.met);
/// assert!(!cytomine_bench::targets::flat(40.0, 20.0, 1.2).met);
/// ```
pub fn flat(large_mib: f64, small_mib: f64, tolerance: f64) -> Verdict {
    let ratio = large_mib / small_mib;
    Verdict {
        target: format!("RSS flat in N (100k / 10k ≤ {tolerance})"),
        measured: format!("{ratio:.2}×"),
        met: ratio <= tolerance,
    }
}

/// `ours / python` (e.g. CPU per item) must be at most `max` (e.g. 0.1 for "1/10 of Python").
///
/// ```
/// let v = cytomine_bench::targets::fraction_at_most("≤ 1/10 of Python", 0.05, 0.1);
/// assert_eq!(v.to_string(), "met: ≤ 1/10 of Python (1/20.0)");
/// assert!(!cytomine_bench::targets::fraction_at_most("≤ 1/10 of Python", 0.2, 0.1).met);
/// ```
pub fn fraction_at_most(target: &str, value: f64, max: f64) -> Verdict {
    Verdict {
        target: target.to_string(),
        measured: format!("1/{:.1}", 1.0 / value),
        met: value <= max,
    }
}
