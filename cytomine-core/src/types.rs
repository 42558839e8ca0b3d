//! Small wire types shared by every model.

mod conversions;

use serde::de::{self, Deserializer, Visitor};
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
/// let int: Timestamp = serde_json::from_str("1690000000000").unwrap();
/// assert_eq!(serde_json::to_string(&int).unwrap(), "1690000000000");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Timestamp {
    /// A JSON number of epoch milliseconds, kept as sent (integer or not).
    Number(serde_json::Number),
    /// A string: epoch milliseconds, or `yyyy-MM-ddTHH:mm:ss`.
    Text(String),
}

/// Read directly from a number or a string, with an error that says what is expected (an
/// untagged derive would buffer every value and say only that no variant matched).
impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("epoch milliseconds (a number or a string) or an ISO date-time")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::Number(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                Ok(Timestamp::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                serde_json::Number::from_f64(v)
                    .map(Timestamp::Number)
                    .ok_or_else(|| E::custom("a timestamp must be a finite number"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Ok(Timestamp::Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(TimestampVisitor)
    }
}

impl Timestamp {
    /// Milliseconds since the Unix epoch (UTC), when the value can be read.
    pub fn epoch_millis(&self) -> Option<i64> {
        match self {
            Timestamp::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)),
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
    // Beyond ±100 million years the day count below would overflow an i64 of milliseconds.
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || y.unsigned_abs() > 100_000_000 {
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
    // Out-of-range clock fields are read as the server would add them, but never overflow.
    let clock = hh
        .checked_mul(3_600_000)?
        .checked_add(mm.checked_mul(60_000)?)?
        .checked_add(ss.checked_mul(1000)?)?;
    (days * 86_400_000).checked_add(clock)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn huge_or_odd_iso_fields_give_none_not_an_overflow() {
        let read = |t: &str| Timestamp::Text(t.into()).epoch_millis();
        assert_eq!(read("2024-01-01T00:00:00"), Some(1_704_067_200_000));
        assert_eq!(read("2024-01-01T01:02:03.5Z"), Some(1_704_070_923_000));
        assert_eq!(read("922337203685477580-01-01T00:00:00"), None);
        assert_eq!(read("-922337203685477580-01-01T00:00:00"), None);
        assert_eq!(read("2024-01-01T9223372036854775807:00:00"), None);
        assert_eq!(read("2024-01-01T00:9223372036854775807:00"), None);
        assert_eq!(read("2024-01-01T00:00:9223372036854775807"), None);
        assert_eq!(read("99999999-12-31T23:59:59").map(|ms| ms > 0), Some(true));
    }
}
