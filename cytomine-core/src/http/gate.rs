//! The client's politeness: at most `concurrency` requests in flight at once, whoever sends them
//! (bulk saves, page streams, `fetch_many`, file transfers, the caller's own tasks), and a pause
//! shared by all of them when the server asks for one (`Retry-After` on a 429 or 503).

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

/// The permits of one client, shared by its clones.
#[derive(Debug)]
pub(crate) struct Gate {
    permits: Semaphore,
    size: usize,
    /// No request starts before this instant (set from a `Retry-After`).
    resume_at: Mutex<Option<Instant>>,
}

impl Gate {
    /// A gate that lets `size` requests through at once (at least 1).
    pub(crate) fn new(size: usize) -> Gate {
        let size = size.max(1);
        Gate {
            permits: Semaphore::new(size),
            size,
            resume_at: Mutex::new(None),
        }
    }

    /// How many requests may be in flight at once.
    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Waits for a free slot and for the end of any pause the server asked for; the slot is
    /// held until the permit is dropped.
    pub(crate) async fn enter(&self) -> SemaphorePermit<'_> {
        // The semaphore is never closed.
        let permit = self.permits.acquire().await.ok();
        while let Some(until) = self.resume_at().filter(|t| *t > Instant::now()) {
            tokio::time::sleep_until(until).await;
        }
        permit.unwrap_or_else(|| unreachable!("the gate's semaphore is never closed"))
    }

    /// Holds every request back for `wait` from now (a pause already longer is kept).
    pub(crate) fn hold_off(&self, wait: Duration) {
        let until = Instant::now() + wait;
        if let Ok(mut slot) = self.resume_at.lock() {
            if slot.is_none_or(|t| t < until) {
                *slot = Some(until);
            }
        }
    }

    fn resume_at(&self) -> Option<Instant> {
        self.resume_at.lock().ok().and_then(|slot| *slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn lets_size_requests_through_and_no_more() {
        let gate = Gate::new(2);
        let a = gate.enter().await;
        let _b = gate.enter().await;
        let third = tokio::time::timeout(Duration::from_millis(20), gate.enter()).await;
        assert!(third.is_err(), "a third request went through");
        drop(a);
        let third = tokio::time::timeout(Duration::from_secs(5), gate.enter()).await;
        assert!(third.is_ok());
        assert_eq!(Gate::new(0).size(), 1);
    }

    #[tokio::test]
    async fn a_pause_holds_every_request_back() {
        let gate = Gate::new(4);
        let pause = Duration::from_millis(200);
        gate.hold_off(pause);
        gate.hold_off(pause / 4);
        let started = Instant::now();
        let (a, b) = tokio::join!(gate.enter(), gate.enter());
        assert!(started.elapsed() >= pause, "{:?}", started.elapsed());
        drop((a, b));
        let again = Instant::now();
        drop(gate.enter().await);
        assert!(again.elapsed() < pause, "the pause was not over");
    }
}
