//! [`Fault`] and [`FaultRule`]: what goes wrong, and on which requests.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// One way an answer goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer this status with a small JSON error body, without running the handler.
    /// Add a `Retry-After` header with [`FaultRule::retry_after`].
    Status(u16),
    /// Wait this long, then process the request normally.
    Delay(Duration),
    /// Kill the connection without answering and without running the handler.
    DropBeforeProcessing,
    /// Run the handler (the change is applied), then kill the connection without answering.
    DropAfterProcessing,
    /// Run the handler, send its status, headers and full `Content-Length`, then only the first
    /// half of the body, and kill the connection.
    TruncateBody,
    /// Run the handler and answer its status with only the first half of its body, under a
    /// `Content-Length` that matches: a complete answer whose JSON is cut off.
    MalformedJson,
    /// Answer `200` with an HTML page (a proxy or portal page), without running the handler.
    HtmlWith200,
    /// Answer `302` to the server's `/login` page, without running the handler.
    RedirectToLogin,
}

/// A fault, and which requests it hits: method and path substring (any when unset), a number of
/// times (default 1) or a probability drawn from a seeded generator.
///
/// ```
/// use cytomine_emulator::{Fault, FaultRule};
/// // The next two POSTs to annotation.json are refused with 503.
/// let twice = FaultRule::new(Fault::Status(503)).method("POST").path("annotation.json").times(2);
/// // One request in ten, forever, reproducibly.
/// let some = FaultRule::new(Fault::DropAfterProcessing).path("annotation.json").probability(0.1).seed(7);
/// # let _ = (twice, some);
/// ```
#[derive(Debug, Clone)]
pub struct FaultRule {
    fault: Fault,
    method: Option<String>,
    path: Option<String>,
    times: Option<u64>,
    probability: Option<f64>,
    seed: u64,
    retry_after: Option<u64>,
}

impl FaultRule {
    /// A rule that fires `fault` once, on any request.
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            fault,
            method: None,
            path: None,
            times: None,
            probability: None,
            seed: 0,
            retry_after: None,
        }
    }
    /// Only requests with this method (case-insensitive).
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into().to_ascii_uppercase());
        self
    }
    /// Only requests whose path contains this text.
    pub fn path(mut self, fragment: impl Into<String>) -> Self {
        self.path = Some(fragment.into());
        self
    }
    /// Fire this many times, then retire (default: once; with a probability: unlimited).
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }
    /// Fire on each matching request with this probability, clamped to `[0, 1]`.
    pub fn probability(mut self, probability: f64) -> Self {
        self.probability = Some(if probability.is_nan() {
            0.0
        } else {
            probability.clamp(0.0, 1.0)
        });
        self
    }
    /// The seed of the generator behind [`FaultRule::probability`] (default 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// With [`Fault::Status`]: send `Retry-After: secs`.
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }
    /// The fault.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    pub(crate) fn arm(self) -> ArmedRule {
        let remaining = match (self.times, self.probability) {
            (Some(n), _) => Some(n),
            (None, Some(_)) => None,
            (None, None) => Some(1),
        };
        let rng = StdRng::seed_from_u64(self.seed);
        ArmedRule {
            rule: self,
            remaining,
            rng,
        }
    }
}

/// What a fired rule asks of the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Firing {
    pub(crate) fault: Fault,
    pub(crate) retry_after: Option<u64>,
}

/// A rule in use: how many firings remain, and its generator.
#[derive(Debug)]
pub(crate) struct ArmedRule {
    rule: FaultRule,
    remaining: Option<u64>,
    rng: StdRng,
}

impl ArmedRule {
    /// Whether this rule fires on the request; counts the firing.
    pub(crate) fn try_fire(&mut self, method: &str, path: &str) -> Option<Firing> {
        let r = &self.rule;
        let method_ok = r.method.as_deref().is_none_or(|m| m == method);
        let path_ok = r.path.as_deref().is_none_or(|p| path.contains(p));
        if !method_ok || !path_ok || self.is_spent() {
            return None;
        }
        if let Some(p) = r.probability {
            if !self.rng.random_bool(p) {
                return None;
            }
        }
        if let Some(n) = self.remaining.as_mut() {
            *n -= 1;
        }
        Some(Firing {
            fault: self.rule.fault.clone(),
            retry_after: self.rule.retry_after,
        })
    }
    /// Whether the rule has no firing left.
    pub(crate) fn is_spent(&self) -> bool {
        self.remaining == Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_times_on_matching_requests_only() {
        let mut armed = FaultRule::new(Fault::Status(503))
            .method("post")
            .path("annotation.json")
            .times(2)
            .arm();
        assert!(armed.try_fire("GET", "/api/annotation.json").is_none());
        assert!(armed.try_fire("POST", "/api/project.json").is_none());
        assert!(armed.try_fire("POST", "/api/annotation.json").is_some());
        assert!(armed.try_fire("POST", "/api/annotation.json").is_some());
        assert!(armed.is_spent());
        assert!(armed.try_fire("POST", "/api/annotation.json").is_none());
    }

    #[test]
    fn a_probability_is_reproducible_and_near_its_rate() {
        let count = |seed| {
            let mut armed = FaultRule::new(Fault::DropBeforeProcessing)
                .probability(0.1)
                .seed(seed)
                .arm();
            (0..10_000)
                .filter(|_| armed.try_fire("GET", "/x").is_some())
                .count()
        };
        let n = count(3);
        assert_eq!(n, count(3));
        assert!((800..1200).contains(&n), "{n}");
        let mut never = FaultRule::new(Fault::HtmlWith200).probability(0.0).arm();
        assert!((0..100).all(|_| never.try_fire("GET", "/x").is_none()));
    }
}
