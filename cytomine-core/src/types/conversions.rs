//! [`Timestamp`] to and from the standard library's and the date crates' types.
//!
//! `std::time::SystemTime` always; `chrono::DateTime<Utc>`, `time::OffsetDateTime` and
//! `jiff::Timestamp` behind the features of the same names. A value the server sent that cannot be
//! read as a point in time (see [`Timestamp::epoch_millis`]) converts to `None`; a value made from
//! one of these types is sent as epoch milliseconds, the classic server's form.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Timestamp;

impl Timestamp {
    /// A timestamp of `millis` milliseconds since the Unix epoch.
    ///
    /// ```
    /// use cytomine_core::Timestamp;
    /// let t = Timestamp::from_epoch_millis(1_704_067_200_000);
    /// assert_eq!(t.epoch_millis(), Some(1_704_067_200_000));
    /// assert_eq!(serde_json::to_string(&t).unwrap(), "1704067200000");
    /// ```
    pub fn from_epoch_millis(millis: i64) -> Self {
        Timestamp::Number(millis.into())
    }

    /// The point in time, as the standard library's [`SystemTime`].
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use cytomine_core::Timestamp;
    /// let t: Timestamp = serde_json::from_str("\"1704067200000\"").unwrap();
    /// assert_eq!(t.to_system_time(), Some(UNIX_EPOCH + Duration::from_secs(1_704_067_200)));
    /// ```
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let millis = self.epoch_millis()?;
        let offset = Duration::from_millis(millis.unsigned_abs());
        if millis >= 0 {
            UNIX_EPOCH.checked_add(offset)
        } else {
            UNIX_EPOCH.checked_sub(offset)
        }
    }

    /// The point in time as a `chrono::DateTime<Utc>` (feature `chrono`).
    ///
    /// ```
    /// # #[cfg(feature = "chrono")] {
    /// use cytomine_core::Timestamp;
    /// let t: Timestamp = serde_json::from_str("\"2024-01-01T00:00:00\"").unwrap();
    /// assert_eq!(t.to_chrono().unwrap().to_rfc3339(), "2024-01-01T00:00:00+00:00");
    /// # }
    /// ```
    #[cfg(feature = "chrono")]
    pub fn to_chrono(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::from_timestamp_millis(self.epoch_millis()?)
    }

    /// The point in time as a `time::OffsetDateTime` in UTC (feature `time`).
    ///
    /// ```
    /// # #[cfg(feature = "time")] {
    /// use cytomine_core::Timestamp;
    /// let t = Timestamp::from_epoch_millis(1_704_067_200_500);
    /// let at = t.to_offset_date_time().unwrap();
    /// assert_eq!((at.year(), at.millisecond()), (2024, 500));
    /// # }
    /// ```
    #[cfg(feature = "time")]
    pub fn to_offset_date_time(&self) -> Option<time::OffsetDateTime> {
        let nanos = i128::from(self.epoch_millis()?) * 1_000_000;
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
    }

    /// The point in time as a `jiff::Timestamp` (feature `jiff`).
    ///
    /// ```
    /// # #[cfg(feature = "jiff")] {
    /// use cytomine_core::Timestamp;
    /// let t = Timestamp::from_epoch_millis(1_704_067_200_000);
    /// assert_eq!(t.to_jiff().unwrap().to_string(), "2024-01-01T00:00:00Z");
    /// # }
    /// ```
    #[cfg(feature = "jiff")]
    pub fn to_jiff(&self) -> Option<jiff::Timestamp> {
        jiff::Timestamp::from_millisecond(self.epoch_millis()?).ok()
    }
}

impl From<SystemTime> for Timestamp {
    /// Epoch milliseconds (saturating far outside the years a server can store).
    fn from(at: SystemTime) -> Self {
        let millis = match at.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |m| -m),
        };
        Timestamp::from_epoch_millis(millis)
    }
}

#[cfg(feature = "chrono")]
impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for Timestamp {
    fn from(at: chrono::DateTime<Tz>) -> Self {
        Timestamp::from_epoch_millis(at.timestamp_millis())
    }
}

#[cfg(feature = "time")]
impl From<time::OffsetDateTime> for Timestamp {
    /// Epoch milliseconds (saturating: the type reaches further than milliseconds in an `i64`).
    fn from(at: time::OffsetDateTime) -> Self {
        let millis = at.unix_timestamp_nanos() / 1_000_000;
        Timestamp::from_epoch_millis(i64::try_from(millis).unwrap_or(if millis < 0 {
            i64::MIN
        } else {
            i64::MAX
        }))
    }
}

#[cfg(feature = "jiff")]
impl From<jiff::Timestamp> for Timestamp {
    fn from(at: jiff::Timestamp) -> Self {
        Timestamp::from_epoch_millis(at.as_millisecond())
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::Timestamp;

    #[test]
    fn system_time_round_trips_on_both_sides_of_the_epoch() {
        for millis in [0, 1_704_067_200_123, -86_400_000] {
            let t = Timestamp::from_epoch_millis(millis);
            let at = t.to_system_time().expect("a representable time");
            assert_eq!(Timestamp::from(at).epoch_millis(), Some(millis));
        }
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(Timestamp::from(before).epoch_millis(), Some(-1500));
    }

    #[test]
    fn an_unreadable_value_converts_to_none() {
        let t = Timestamp::Text("not a date".into());
        assert_eq!(t.to_system_time(), None);
        #[cfg(feature = "chrono")]
        assert_eq!(t.to_chrono(), None);
        #[cfg(feature = "time")]
        assert_eq!(t.to_offset_date_time(), None);
        #[cfg(feature = "jiff")]
        assert_eq!(t.to_jiff(), None);
    }

    #[cfg(all(feature = "chrono", feature = "time", feature = "jiff"))]
    #[test]
    fn the_date_crates_agree_on_the_same_instant() {
        let t: Timestamp = serde_json::from_str("\"2024-02-29T12:34:56\"").unwrap();
        let chrono = t.to_chrono().unwrap();
        let time = t.to_offset_date_time().unwrap();
        let jiff = t.to_jiff().unwrap();
        assert_eq!(chrono.timestamp_millis(), 1_709_210_096_000);
        assert_eq!(
            (time.unix_timestamp_nanos() / 1_000_000) as i64,
            1_709_210_096_000
        );
        assert_eq!(jiff.as_millisecond(), 1_709_210_096_000);
        for back in [
            Timestamp::from(chrono),
            Timestamp::from(time),
            Timestamp::from(jiff),
        ] {
            assert_eq!(back.epoch_millis(), t.epoch_millis());
        }
    }
}
