//! Small wire types shared by every model.

use serde::{Deserialize, Serialize};

/// A server timestamp in whichever form the server sent it: epoch milliseconds as a string
/// (classic domains), as a number (users, annotation listings), or ISO local time (2026
/// repository domains). It is sent back exactly as received.
///
/// ```
/// use cytomine_core::Timestamp;
/// let t: Timestamp = serde_json::from_str("\"1690000000000\"").unwrap();
/// assert_eq!(t.epoch_millis(), Some(1_690_000_000_000));
/// let n: Timestamp = serde_json::from_str("1690000000000.5").unwrap();
/// assert_eq!(n.epoch_millis(), Some(1_690_000_000_000));
/// let iso: Timestamp = serde_json::from_str("\"2024-01-01T00:00:00\"").unwrap();
/// assert_eq!(iso.epoch_millis(), Some(1_704_067_200_000));
/// assert_eq!(serde_json::to_string(&t).unwrap(), "\"1690000000000\"");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Timestamp {
    /// A JSON number of epoch milliseconds.
    Number(f64),
    /// A string: epoch milliseconds, or `yyyy-MM-ddTHH:mm:ss`.
    Text(String),
}

impl Timestamp {
    /// Milliseconds since the Unix epoch (UTC), when the value can be read.
    pub fn epoch_millis(&self) -> Option<i64> {
        match self {
            Timestamp::Number(n) if n.is_finite() => Some(n.trunc() as i64),
            Timestamp::Number(_) => None,
            Timestamp::Text(t) => t.parse::<i64>().ok().or_else(|| iso_millis(t)),
        }
    }
}

/// `yyyy-MM-ddTHH:mm:ss` (UTC assumed) to epoch milliseconds.
fn iso_millis(text: &str) -> Option<i64> {
    let (date, time) = text.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time
        .trim_end_matches('Z')
        .split(':')
        .map(|p| p.split('.').next()?.parse::<i64>().ok());
    let (hh, mm, ss) = (t.next()??, t.next()??, t.next().flatten().unwrap_or(0));
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hh) * 60 + mm) * 60_000 + ss * 1000)
}
