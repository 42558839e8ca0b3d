//! [`RetryPolicy`]: how often failed requests are sent again and how long to wait. Pure. Which
//! failures may be sent again is the response policy's (`response.rs`).

use std::time::Duration;

/// How failed requests are retried.
///
/// Which failures are sent again depends on the method, because sending twice must never apply a
/// request twice:
///
/// | failure | GET, PUT, DELETE | POST |
/// |---|---|---|
/// | no connection could be made ([`TransportKind::Connect`](crate::TransportKind::Connect)) | retried | retried: nothing reached the server |
/// | 429 Too Many Requests, 503 Service Unavailable | retried | retried: the server did not take it |
/// | timeout, connection broken after sending, body cut short ([`TransportKind::Timeout`](crate::TransportKind::Timeout), [`TransportKind::Interrupted`](crate::TransportKind::Interrupted)) | retried | **not** retried: it may have been applied |
/// | 502 Bad Gateway, 504 Gateway Timeout | retried | **not** retried: it may have been applied |
/// | a redirect, any other status (400, 401, 403, 404, 500, ...), a usage or local file error | not retried | not retried |
///
/// A DELETE sent again that gets 404 counts as done: an earlier attempt deleted the item and its
/// answer was lost. Multipart uploads are POSTs and follow the POST column (the file is read again
/// for each attempt). Waits grow exponentially from [`RetryPolicy::base_delay`] with full jitter
/// and honour `Retry-After`, each bounded by [`RetryPolicy::max_delay`]; at most
/// [`RetryPolicy::max_attempts`] attempts are made, and none starts after
/// [`RetryPolicy::max_elapsed`]. Every attempt is signed afresh (the signature covers its `Date`).
/// The error returned is the last attempt's.
///
/// ```
/// use cytomine_core::RetryPolicy;
/// use std::time::Duration;
/// let p = RetryPolicy::default().with_max_attempts(6).with_base_delay(Duration::from_millis(50));
/// assert_eq!(p.max_attempts(), 6);
/// assert_eq!(RetryPolicy::none().max_attempts(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Total attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// The first wait; each next one doubles, before jitter.
    pub fn with_base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// The longest single wait, `Retry-After` included.
    pub fn with_max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// No new attempt starts once this much time has passed since the first.
    pub fn with_max_elapsed(mut self, d: Duration) -> Self {
        self.max_elapsed = d;
        self
    }

    /// Total attempts allowed, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The first wait, before jitter.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest single wait.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The time after which no new attempt starts.
    pub fn max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), given a `Retry-After`
    /// value if the server sent one and a jitter factor in `[0, 1]`. `None`: do not retry.
    pub fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || elapsed >= self.max_elapsed {
            return None;
        }
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (attempt - 1).min(16));
        let backoff = exp.min(self.max_delay).mul_f64(jitter.clamp(0.0, 1.0));
        let wait = match retry_after {
            Some(server) => server.min(self.max_delay).max(backoff),
            None => backoff,
        };
        (elapsed + wait < self.max_elapsed).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_bounded() {
        let p = RetryPolicy::default()
            .with_max_attempts(10)
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(1000));
        let full = |a| p.delay(a, Duration::ZERO, None, 1.0).unwrap();
        assert_eq!(full(1), Duration::from_millis(100));
        assert_eq!(full(2), Duration::from_millis(200));
        assert_eq!(full(3), Duration::from_millis(400));
        assert_eq!(full(6), Duration::from_millis(1000));
        assert_eq!(
            p.delay(2, Duration::ZERO, None, 0.5),
            Some(Duration::from_millis(100))
        );
    }

    #[test]
    fn stops_at_attempts_and_elapsed() {
        let p = RetryPolicy::default()
            .with_max_attempts(3)
            .with_max_elapsed(Duration::from_secs(5));
        assert!(p.delay(2, Duration::ZERO, None, 1.0).is_some());
        assert!(p.delay(3, Duration::ZERO, None, 1.0).is_none());
        assert!(p.delay(1, Duration::from_secs(5), None, 1.0).is_none());
        assert!(RetryPolicy::none()
            .delay(1, Duration::ZERO, None, 1.0)
            .is_none());
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let p = RetryPolicy::default().with_max_delay(Duration::from_secs(3));
        assert_eq!(
            p.delay(1, Duration::ZERO, Some(Duration::from_secs(2)), 0.0),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            p.delay(1, Duration::ZERO, Some(Duration::from_secs(30)), 0.0),
            Some(Duration::from_secs(3))
        );
    }
}
