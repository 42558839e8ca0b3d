//! `yyyy-MM-dd'T'HH:mm:ss` timestamps, as Jackson writes `LocalDateTime` (docs/protocol.md §2.7).

/// Epoch milliseconds as ISO local time in UTC, without zone or fraction.
pub(crate) fn iso(epoch_ms: i64) -> String {
    let secs = epoch_ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::iso;

    #[test]
    fn known_instants() {
        assert_eq!(iso(0), "1970-01-01T00:00:00");
        assert_eq!(iso(1_704_067_200_000), "2024-01-01T00:00:00");
        assert_eq!(iso(1_690_000_000_999), "2023-07-22T04:26:40");
        assert_eq!(iso(1_709_208_000_000), "2024-02-29T12:00:00");
        assert_eq!(iso(1_795_737_599_000), "2026-11-26T23:59:59");
        assert_eq!(iso(-1000), "1969-12-31T23:59:59");
    }
}
