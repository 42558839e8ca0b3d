//! Programmable faults, off by default: statuses, delays, dropped connections, broken bodies,
//! pages that are not JSON, redirects. Consulted for every request before authentication and
//! dispatch; set from the library ([`Faults`]) or, when enabled, over HTTP (`/__emulator/faults`).

mod apply;
mod control;
mod rule;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub(crate) use apply::apply;
pub(crate) use control::{control, CONTROL_PATH};
use rule::{ArmedRule, Firing};
pub use rule::{Fault, FaultRule};

/// The fault rules of one emulator: a cheap handle (clones share the rules).
///
/// Rules are consulted in the order they were injected; the first that matches the request and
/// fires decides its fate, and a rule that has fired its `times` retires.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use cytomine_emulator::{Emulator, Fault, FaultRule};
/// let emulator = Emulator::start().await?;
/// emulator.faults().inject(FaultRule::new(Fault::Status(503)).method("GET").times(2));
/// // ... the next two GETs are answered 503 ...
/// assert!(emulator.faults().fired() <= 2);
/// emulator.faults().clear();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Faults {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    rules: Mutex<Vec<ArmedRule>>,
    fired: AtomicU64,
}

impl Faults {
    /// Adds a rule after the existing ones.
    pub fn inject(&self, rule: FaultRule) {
        self.rules().push(rule.arm());
    }
    /// Removes every rule (the count of fired faults is kept).
    pub fn clear(&self) {
        self.rules().clear();
    }
    /// How many faults have fired since the start.
    pub fn fired(&self) -> u64 {
        self.inner.fired.load(Ordering::Relaxed)
    }
    /// How many rules are still armed.
    pub fn pending(&self) -> usize {
        self.rules().len()
    }

    /// The fault for this request, if a rule fires; spent rules retire.
    pub(crate) fn next_for(&self, method: &str, path: &str) -> Option<Firing> {
        let mut rules = self.rules();
        let firing = rules.iter_mut().find_map(|r| r.try_fire(method, path));
        rules.retain(|r| !r.is_spent());
        if firing.is_some() {
            self.inner.fired.fetch_add(1, Ordering::Relaxed);
        }
        firing
    }

    fn rules(&self) -> std::sync::MutexGuard<'_, Vec<ArmedRule>> {
        self.inner.rules.lock().unwrap_or_else(|e| e.into_inner())
    }
}
