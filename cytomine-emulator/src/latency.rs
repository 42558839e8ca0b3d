//! [`Latency`]: the service time of a real server (a database query, a JSON marshaller, a
//! network hop), added to every answer so that clients can be measured and tested as they will
//! run. Each request waits on its own timer, outside every lock: a request's latency does not
//! hold up the others, as on a real server that serves requests concurrently.

use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::http::{header, HeaderMap, Response};
use serde::de::IgnoredAny;
use serde::Deserialize;

/// The service time of every request: a fixed part, plus optional costs per item listed and per
/// MB transferred (request and answer bodies). All zero by default (answers at once).
///
/// ```
/// use std::time::Duration;
/// use cytomine_emulator::Latency;
/// let lan = Latency::fixed(Duration::from_millis(20)).per_item(Duration::from_micros(5));
/// assert_eq!(lan.per_request_time(), Duration::from_millis(20));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Latency {
    per_request: Duration,
    per_item: Duration,
    per_mb: Duration,
}

impl Latency {
    /// A fixed service time for every request.
    pub fn fixed(per_request: Duration) -> Self {
        Latency {
            per_request,
            ..Self::default()
        }
    }
    /// The same costs with another fixed time.
    pub(crate) fn with_fixed(mut self, per_request: Duration) -> Self {
        self.per_request = per_request;
        self
    }
    /// Adds this much per item of a listing (`collection` of an envelope, or a JSON array).
    pub fn per_item(mut self, cost: Duration) -> Self {
        self.per_item = cost;
        self
    }
    /// Adds this much per MB (10^6 bytes) of request and answer bodies.
    pub fn per_mb(mut self, cost: Duration) -> Self {
        self.per_mb = cost;
        self
    }
    /// The fixed service time.
    pub fn per_request_time(&self) -> Duration {
        self.per_request
    }
    /// The cost of one listed item.
    pub fn per_item_time(&self) -> Duration {
        self.per_item
    }
    /// The cost of one MB transferred.
    pub fn per_mb_time(&self) -> Duration {
        self.per_mb
    }
    /// Whether every request is answered at once.
    pub fn is_zero(&self) -> bool {
        *self == Self::default()
    }

    /// Waits before processing a request: the fixed time and the request body's transfer.
    pub(crate) async fn before(&self, request: &HeaderMap) {
        let bytes = content_length(request).unwrap_or(0);
        sleep(self.per_request + self.transfer(bytes)).await;
    }

    /// Waits before sending an answer: its items listed and its body's transfer. A JSON body
    /// is read whole to count its items (only when a cost per item is set).
    pub(crate) async fn after(&self, response: Response<Body>) -> Response<Body> {
        if self.per_item.is_zero() && self.per_mb.is_zero() {
            return response;
        }
        let bytes = content_length(response.headers()).or(response.body().size_hint().exact());
        let mut wait = self.transfer(bytes.unwrap_or(0));
        let is_json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/json"));
        if self.per_item.is_zero() || !is_json {
            sleep(wait).await;
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
            return Response::from_parts(parts, Body::empty());
        };
        wait += self.per_item.saturating_mul(items_listed(&bytes));
        sleep(wait).await;
        Response::from_parts(parts, Body::from(bytes))
    }

    fn transfer(&self, bytes: u64) -> Duration {
        self.per_mb.mul_f64(bytes as f64 / 1e6)
    }
}

async fn sleep(wait: Duration) {
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// The items of a listing: the `collection` of an envelope, the elements of an array; 0 else.
fn items_listed(body: &[u8]) -> u32 {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Listing {
        Envelope { collection: Vec<IgnoredAny> },
        Array(Vec<IgnoredAny>),
    }
    match serde_json::from_slice::<Listing>(body) {
        Ok(Listing::Envelope { collection: items } | Listing::Array(items)) => {
            u32::try_from(items.len()).unwrap_or(u32::MAX)
        }
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_items_of_envelopes_and_arrays_only() {
        assert_eq!(
            items_listed(br#"{"collection":[{"id":1},{"id":2}],"size":9}"#),
            2
        );
        assert_eq!(items_listed(b"[1,2,3]"), 3);
        assert_eq!(items_listed(br#"{"id":1}"#), 0);
        assert_eq!(items_listed(b"<html>"), 0);
    }

    #[test]
    fn a_transfer_costs_its_share_of_a_megabyte() {
        let l = Latency::default().per_mb(Duration::from_millis(10));
        assert_eq!(l.transfer(500_000), Duration::from_millis(5));
        assert!(Latency::default().is_zero());
    }
}
