//! User guide §14, verbose mode: each request is a DEBUG span `request` (method, path, status,
//! attempts) holding one span `attempt` per attempt, retries are WARN events between attempts,
//! bodies are TRACE events, and no private key or signature ever appears. A small layer records
//! every span and event as the subscriber sees them.
//! Alone in its test binary, because a `tracing` subscriber set for one test must not race with
//! other tests' callsites.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use cytomine::auth::{canonical_string, http_date, sign};
use cytomine::prelude::*;
use cytomine::{RetryPolicy, SigningRule};
use cytomine_emulator::{Emulator, Fault, FaultRule};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A span as the subscriber saw it: its name, its parent (an index in [`Seen::spans`]) and its
/// fields, the ones recorded after its creation included.
#[derive(Debug, Clone)]
struct SpanSeen {
    name: String,
    parent: Option<usize>,
    fields: BTreeMap<String, String>,
}

/// An event: its level, target, fields (`message` included) and the span it happened in.
#[derive(Debug, Clone)]
struct EventSeen {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
    span: Option<usize>,
}

#[derive(Debug, Default)]
struct Seen {
    spans: Vec<SpanSeen>,
    events: Vec<EventSeen>,
}

/// A layer keeping every span and event at every level.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Seen>>);

/// A span's index in [`Seen::spans`], kept in the span's extensions.
struct Index(usize);

/// Writes each field as text into a map.
struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }
}

fn index_of<S: for<'a> LookupSpan<'a>>(
    span: &tracing_subscriber::registry::SpanRef<'_, S>,
) -> Option<usize> {
    span.extensions().get::<Index>().map(|index| index.0)
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let parent = span.parent().and_then(|parent| index_of(&parent));
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        let mut seen = self.0.lock().unwrap();
        seen.spans.push(SpanSeen {
            name: attrs.metadata().name().to_string(),
            parent,
            fields,
        });
        span.extensions_mut().insert(Index(seen.spans.len() - 1));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(index) = ctx.span(id).and_then(|span| index_of(&span)) else {
            return;
        };
        values.record(&mut Fields(&mut self.0.lock().unwrap().spans[index].fields));
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let span = ctx.event_span(event).and_then(|span| index_of(&span));
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().events.push(EventSeen {
            level: *event.metadata().level(),
            target: event.metadata().target().to_string(),
            fields,
            span,
        });
    }
}

impl Seen {
    /// The `request` spans of `method` on `path`, with their indices.
    fn requests(&self, method: &str, path: &str) -> Vec<(usize, &SpanSeen)> {
        let field = |span: &SpanSeen, name: &str| span.fields.get(name).cloned();
        self.spans
            .iter()
            .enumerate()
            .filter(|(_, span)| span.name == "request")
            .filter(|(_, span)| field(span, "method").as_deref() == Some(method))
            .filter(|(_, span)| field(span, "path").as_deref() == Some(path))
            .collect()
    }

    /// The one `request` span of `method` on `path`, with its index.
    fn request(&self, method: &str, path: &str) -> (usize, &SpanSeen) {
        let found = self.requests(method, path);
        assert_eq!(found.len(), 1, "one request {method} {path}: {found:#?}");
        found[0]
    }

    /// The `attempt` spans of request `index`, as `(attempt, status)`.
    fn attempts(&self, index: usize) -> Vec<(String, Option<String>)> {
        self.spans
            .iter()
            .filter(|span| span.name == "attempt" && span.parent == Some(index))
            .map(|span| {
                (
                    span.fields["attempt"].clone(),
                    span.fields.get("status").cloned(),
                )
            })
            .collect()
    }

    /// The events of span `index` and of its child spans.
    fn events_in(&self, index: usize) -> impl Iterator<Item = &EventSeen> {
        self.events.iter().filter(move |event| {
            event.span == Some(index)
                || event.span.and_then(|inner| self.spans[inner].parent) == Some(index)
        })
    }

    /// Everything the subscriber was given, as text.
    fn text(&self) -> String {
        let spans = self
            .spans
            .iter()
            .map(|s| format!("{} {:?}", s.name, s.fields));
        let events = self
            .events
            .iter()
            .map(|e| format!("{} {:?}", e.level, e.fields));
        spans.chain(events).collect::<Vec<_>>().join("\n")
    }
}

/// Every signature the client can have sent between `from` and `to` with the current rule,
/// which signs the method, the content type and the `Date` header (one per second).
fn signatures(private_key: &str, from: SystemTime, to: SystemTime) -> Vec<String> {
    let mut signatures = Vec::new();
    let mut second = from - Duration::from_secs(1);
    while second <= to + Duration::from_secs(1) {
        let date = http_date(second);
        for method in ["GET", "POST", "PUT", "DELETE"] {
            for content_type in ["", "application/json"] {
                let canonical =
                    canonical_string(SigningRule::Current, method, content_type, &date, "");
                signatures.push(sign(private_key, &canonical));
            }
        }
        second += Duration::from_secs(1);
    }
    signatures
}

#[tokio::test]
async fn s14_each_request_is_a_debug_span_with_its_attempts_and_no_secret() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let from = SystemTime::now();
    let emu = Emulator::builder().demo(true).start().await.unwrap();
    let admin = emu.admin();
    let cm = Cytomine::builder(emu.base_url())
        .credentials(&admin.public_key, &admin.private_key)
        .retry(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
        .connect()
        .await
        .unwrap();
    let projects = Project::list().fetch(&cm).await.unwrap();
    let id = projects[0].id.unwrap();
    let missing = Project::fetch(&cm, 999_999).await.unwrap_err();
    assert_eq!(missing.status(), Some(404), "{missing}");
    emu.faults().inject(
        FaultRule::new(Fault::Status(503))
            .method("GET")
            .path(format!("/api/project/{id}.json")),
    );
    Project::fetch(&cm, id).await.unwrap();
    let mut created = Project::new("traced project");
    created.save(&cm).await.unwrap();
    let to = SystemTime::now();

    let seen = capture.0.lock().unwrap();
    let text = seen.text();
    let client_events: Vec<&EventSeen> = seen
        .events
        .iter()
        .filter(|event| event.target == "cytomine::http")
        .collect();
    assert!(
        client_events
            .iter()
            .all(|event| [Level::DEBUG, Level::TRACE, Level::WARN].contains(&event.level)),
        "requests are logged at DEBUG, bodies at TRACE, only a retry above: {client_events:#?}"
    );

    // One span per call, its status once known; one child span per attempt.
    let (list, span) = seen.request("GET", "/api/project.json");
    assert_eq!(span.fields.get("status").map(String::as_str), Some("200"));
    assert_eq!(span.fields.get("attempts").map(String::as_str), Some("1"));
    assert_eq!(seen.attempts(list), [("1".into(), Some("200".into()))]);
    let response = seen
        .events_in(list)
        .find(|event| event.fields.get("message").map(String::as_str) == Some("response"))
        .expect("a response event in the attempt");
    assert_eq!(response.level, Level::DEBUG);
    assert_eq!(
        response.fields.get("status").map(String::as_str),
        Some("200")
    );

    let (_, span) = seen.request("GET", "/api/project/999999.json");
    assert_eq!(span.fields.get("status").map(String::as_str), Some("404"));

    // A retried call: two attempts in one span, the retry between them.
    let (retried, span) = seen.request("GET", &format!("/api/project/{id}.json"));
    assert_eq!(span.fields.get("status").map(String::as_str), Some("200"));
    assert_eq!(span.fields.get("attempts").map(String::as_str), Some("2"));
    assert_eq!(
        seen.attempts(retried),
        [
            ("1".into(), Some("503".into())),
            ("2".into(), Some("200".into()))
        ]
    );
    assert!(
        seen.events_in(retried)
            .any(|event| event.level == Level::WARN
                && event.span == Some(retried)
                && event.fields["message"].starts_with("retrying")),
        "{text}"
    );
    assert!(
        seen.events_in(retried)
            .any(|event| event.level == Level::TRACE
                && event.fields.get("message").map(String::as_str) == Some("response body")
                && event.fields["body"].contains(&format!("\"id\":{id}"))),
        "the answer's body at TRACE: {text}"
    );

    let (created_index, span) = seen.request("POST", "/api/project.json");
    assert_eq!(span.fields.get("status").map(String::as_str), Some("200"));
    assert!(
        seen.events_in(created_index)
            .any(|event| event.level == Level::TRACE
                && event.fields.get("message").map(String::as_str) == Some("request body")
                && event.fields["body"].contains("traced project")),
        "the request's body at TRACE: {text}"
    );

    // No secret, in any span or event.
    assert!(!text.contains(&admin.private_key), "the private key leaked");
    assert!(
        !text.contains("CYTOMINE "),
        "an Authorization header leaked"
    );
    let signatures = signatures(&admin.private_key, from, to);
    assert!(signatures.len() >= 8);
    let leaked: Vec<&String> = signatures
        .iter()
        .filter(|s| text.contains(s.as_str()))
        .collect();
    assert!(leaked.is_empty(), "a signature leaked: {leaked:?}");
}
