//! Medians of repeated runs.

use crate::measure::Usage;

/// The median of `values` (the mean of the two middle values for an even count); `NaN` when
/// empty.
///
/// ```
/// assert_eq!(cytomine_bench::stats::median(&[3.0, 1.0, 2.0]), 2.0);
/// assert_eq!(cytomine_bench::stats::median(&[4.0, 1.0]), 2.5);
/// ```
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

/// Each field's median over `runs`, taken independently.
pub fn median_usage(runs: &[Usage]) -> Usage {
    let field = |f: fn(&Usage) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
    Usage {
        wall_s: field(|u| u.wall_s),
        user_s: field(|u| u.user_s),
        sys_s: field(|u| u.sys_s),
        max_rss_kib: field(|u| u.max_rss_kib as f64).round() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_per_field() {
        let u = |w: f64, rss: u64| Usage {
            wall_s: w,
            user_s: w / 2.0,
            sys_s: 0.1,
            max_rss_kib: rss,
        };
        let m = median_usage(&[u(3.0, 100), u(1.0, 300), u(2.0, 200)]);
        assert_eq!((m.wall_s, m.user_s, m.max_rss_kib), (2.0, 1.0, 200));
        assert!(median(&[]).is_nan());
    }
}
