//! Sending: every attempt is signed afresh (the signature covers the `Date` header), sent again
//! when the response policy allows it (`response.rs`) after the wait the [`RetryPolicy`] gives.
//!
//! Tracing (target `cytomine::http`): each call runs in a DEBUG span `request` (fields `method`,
//! `path`, `query`, then `status` and `attempts` once the call is over), each attempt in a child
//! span `attempt` (`attempt` = 1, 2, ..., then its `status`), which logs one DEBUG event
//! `response` (status, time). A retry is a WARN event between two attempts; bodies are TRACE
//! events. Secrets never reach a log: headers are not logged at all.

use std::future::Future;
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, DATE};
use tracing::field::Empty;
use tracing::Instrument;

use super::gate::Gate;
use super::request::{Call, Payload};
use super::response::{accept, already_deleted, may_send_again, Refused};
use super::retry::RetryPolicy;
use crate::auth::{authorization_header, http_date, Credentials, SigningRule};
use crate::error::{snippet, Error, RequestInfo, Result, TransportKind};

/// A complete answer with a success status.
#[derive(Debug)]
pub(crate) struct Answer {
    pub request: RequestInfo,
    pub status: u16,
    pub body: Bytes,
}

/// The body of one attempt; multipart forms are rebuilt for each attempt.
pub(crate) enum AttemptBody {
    None,
    Bytes(Bytes),
    Form(reqwest::multipart::Form),
}

/// What one attempt gave: its outcome, the pause the server asked for, and the status of the
/// answer when one came.
struct Attempted<T> {
    outcome: Result<T>,
    retry_after: Option<Duration>,
    status: Option<u16>,
}

/// The connection pool, the keys and the policies of one client.
pub(crate) struct Transport {
    http: reqwest::Client,
    base: String,
    credentials: Credentials,
    rule: RwLock<SigningRule>,
    retry: RetryPolicy,
    gate: Gate,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("base", &self.base)
            .field("credentials", &self.credentials)
            .field("rule", &self.rule())
            .field("retry", &self.retry)
            .field("concurrency", &self.gate.size())
            .finish()
    }
}

impl Transport {
    pub fn new(
        http: reqwest::Client,
        base: String,
        credentials: Credentials,
        rule: SigningRule,
        retry: RetryPolicy,
        concurrency: usize,
    ) -> Self {
        Transport {
            http,
            base,
            credentials,
            rule: RwLock::new(rule),
            retry,
            gate: Gate::new(concurrency),
        }
    }

    /// How many requests this client keeps in flight at most.
    pub fn concurrency(&self) -> usize {
        self.gate.size()
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn rule(&self) -> SigningRule {
        self.rule.read().map(|r| *r).unwrap_or_default()
    }

    pub fn set_rule(&self, rule: SigningRule) {
        if let Ok(mut r) = self.rule.write() {
            *r = rule;
        }
    }

    /// Sends `call` and reads the whole body; any status other than 2xx is an error.
    pub async fn send(&self, call: &Call) -> Result<Answer> {
        let body = match &call.payload {
            Payload::None => None,
            Payload::Json(b) => Some(b.clone()),
        };
        let make = || Ok(body.clone().map_or(AttemptBody::None, AttemptBody::Bytes));
        match self.execute_counted(call, Vec::new, make, read_all).await {
            (Err(err), attempts) if already_deleted(call.method, attempts, &err) => {
                tracing::info!(target: "cytomine::http", url = %call.url(&self.base),
                    "already deleted by an earlier attempt");
                let request = err.request().cloned().unwrap_or_else(|| RequestInfo {
                    method: call.method.as_str().into(),
                    url: call.url(&self.base),
                });
                Ok(Answer {
                    request,
                    status: 200,
                    body: Bytes::new(),
                })
            }
            (outcome, _) => outcome,
        }
    }

    /// Sends `call` with extra headers and hands the successful response to `read`, which may
    /// stream it. `make_body` builds each attempt's body. Failures of `read` that are retryable
    /// (a broken stream) restart the whole attempt.
    pub async fn execute<T, R, Fut>(
        &self,
        call: &Call,
        extra_headers: impl Fn() -> Vec<(reqwest::header::HeaderName, String)>,
        make_body: impl Fn() -> Result<AttemptBody>,
        read: R,
    ) -> Result<T>
    where
        R: Fn(RequestInfo, reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.execute_counted(call, extra_headers, make_body, read)
            .await
            .0
    }

    /// [`Transport::execute`], also telling how many attempts were made.
    async fn execute_counted<T, R, Fut>(
        &self,
        call: &Call,
        extra_headers: impl Fn() -> Vec<(reqwest::header::HeaderName, String)>,
        make_body: impl Fn() -> Result<AttemptBody>,
        read: R,
    ) -> (Result<T>, u32)
    where
        R: Fn(RequestInfo, reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let url = call.url(&self.base);
        let target = Target::new(&url);
        let span = tracing::debug_span!(target: "cytomine::http", "request",
            method = %call.method.as_str(),
            path = target.path().map(tracing::field::display),
            query = target.query().map(tracing::field::display),
            status = Empty,
            attempts = Empty,
        );
        let info = RequestInfo {
            method: call.method.as_str().to_string(),
            url,
        };
        let (outcome, status, attempts) = self
            .run_attempts(call, &info, &target, extra_headers, make_body, read)
            .instrument(span.clone())
            .await;
        span.record("status", status);
        span.record("attempts", attempts);
        (outcome, attempts)
    }

    /// Attempts `call` until it succeeds or may not be sent again: the outcome, the status of the
    /// last answer (if one came), and how many attempts were made.
    async fn run_attempts<T, R, Fut>(
        &self,
        call: &Call,
        info: &RequestInfo,
        target: &Target,
        extra_headers: impl Fn() -> Vec<(reqwest::header::HeaderName, String)>,
        make_body: impl Fn() -> Result<AttemptBody>,
        read: R,
    ) -> (Result<T>, Option<u16>, u32)
    where
        R: Fn(RequestInfo, reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            let body = match make_body() {
                Ok(body) => body,
                Err(err) => return (Err(err), None, attempt),
            };
            let span = tracing::debug_span!(target: "cytomine::http", "attempt", attempt,
                status = Empty);
            let tried = async {
                let _slot = self.gate.enter().await;
                self.attempt(call, info, target, &extra_headers(), body, &read)
                    .await
            }
            .instrument(span.clone())
            .await;
            span.record("status", tried.status);
            if let Some(pause) = tried.retry_after {
                // The server asked for a pause: every request of this client takes it.
                self.gate.hold_off(pause.min(self.retry.max_delay()));
            }
            let err = match tried.outcome {
                Ok(value) => return (Ok(value), tried.status, attempt),
                Err(err) => err,
            };
            let delay = may_send_again(call.method, &err)
                .then(|| {
                    self.retry.delay(
                        attempt,
                        started.elapsed(),
                        tried.retry_after,
                        rand::random::<f64>(),
                    )
                })
                .flatten();
            match delay {
                Some(wait) => {
                    tracing::warn!(target: "cytomine::http",
                        method = %info.method,
                        path = target.path().map(tracing::field::display),
                        attempt,
                        wait_ms = wait.as_millis() as u64,
                        "retrying after: {err}",
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => return (Err(err), tried.status, attempt),
            }
        }
    }

    /// One attempt: signs, sends, and hands an accepted answer to `read`.
    async fn attempt<T, R, Fut>(
        &self,
        call: &Call,
        info: &RequestInfo,
        target: &Target,
        extra_headers: &[(reqwest::header::HeaderName, String)],
        body: AttemptBody,
        read: &R,
    ) -> Attempted<T>
    where
        R: Fn(RequestInfo, reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let started = Instant::now();
        let content_type = match &body {
            AttemptBody::Form(form) => {
                Some(format!("multipart/form-data; boundary={}", form.boundary()))
            }
            _ => call.content_type.map(str::to_string),
        };
        let mut headers = self.sign(call, &target.path_and_query, content_type.as_deref());
        for (name, value) in extra_headers {
            if let Ok(v) = HeaderValue::from_str(value) {
                headers.insert(name.clone(), v);
            }
        }
        let method = call.method.to_reqwest();
        let mut builder = match &target.parsed {
            Some(url) => self.http.request(method, url.clone()),
            None => self.http.request(method, &info.url),
        }
        .headers(headers);
        builder = match body {
            AttemptBody::None => builder,
            AttemptBody::Bytes(b) => {
                tracing::trace!(target: "cytomine::http", body = %snippet(&b), "request body");
                builder.body(b)
            }
            AttemptBody::Form(form) => builder.multipart(form),
        };
        let response = match builder.send().await {
            Ok(r) => r,
            Err(e) => {
                return Attempted {
                    outcome: Err(transport_error(info, e)),
                    retry_after: None,
                    status: None,
                }
            }
        };
        let status = response.status().as_u16();
        tracing::debug!(target: "cytomine::http", status,
            elapsed_ms = started.elapsed().as_millis() as u64, "response");
        let (outcome, retry_after) = match accept(info, response).await {
            Ok(response) => (read(info.clone(), response).await, None),
            Err(Refused { error, retry_after }) => (Err(error), retry_after),
        };
        Attempted {
            outcome,
            retry_after,
            status: Some(status),
        }
    }

    /// The headers of one attempt: `Date`, `Authorization` and the signed `Content-Type`.
    fn sign(&self, call: &Call, path_and_query: &str, content_type: Option<&str>) -> HeaderMap {
        let date = http_date(SystemTime::now());
        let auth = authorization_header(
            &self.credentials,
            self.rule(),
            call.method.as_str(),
            content_type.unwrap_or(""),
            &date,
            path_and_query,
        );
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json, */*"));
        headers.insert(
            "x-requested-with",
            HeaderValue::from_static("XMLHTTPRequest"),
        );
        if let Ok(v) = HeaderValue::from_str(&date) {
            headers.insert(DATE, v);
        }
        if let Ok(mut v) = HeaderValue::from_str(&auth) {
            v.set_sensitive(true);
            headers.insert(AUTHORIZATION, v);
        }
        if let (Some(ct), Payload::None | Payload::Json(_)) = (content_type, &call.payload) {
            if !ct.starts_with("multipart/") {
                if let Ok(v) = HeaderValue::from_str(ct) {
                    headers.insert(CONTENT_TYPE, v);
                }
            }
        }
        headers
    }
}

/// Where a call goes, parsed once for all its attempts: the URL handed to reqwest and the
/// `/api/x.json?q=1` part that legacy signatures cover.
struct Target {
    /// `None` when the URL does not parse: reqwest then reports why.
    parsed: Option<url::Url>,
    path_and_query: String,
}

impl Target {
    /// The path, for logs (`None` when the URL does not parse).
    fn path(&self) -> Option<&str> {
        self.parsed.as_ref().map(url::Url::path)
    }

    /// The query string, for logs.
    fn query(&self) -> Option<&str> {
        self.parsed.as_ref().and_then(url::Url::query)
    }

    fn new(url: &str) -> Target {
        let parsed = url::Url::parse(url).ok();
        let path_and_query = match &parsed {
            Some(u) => match u.query() {
                Some(q) => format!("{}?{}", u.path(), q),
                None => u.path().to_string(),
            },
            None => url.to_string(),
        };
        Target {
            parsed,
            path_and_query,
        }
    }
}

async fn read_all(request: RequestInfo, response: reqwest::Response) -> Result<Answer> {
    let status = response.status().as_u16();
    match response.bytes().await {
        Ok(body) => {
            tracing::trace!(target: "cytomine::http", body = %snippet(&body), "response body");
            Ok(Answer {
                request,
                status,
                body,
            })
        }
        Err(e) => Err(transport_error(&request, e)),
    }
}

/// A reqwest failure as an [`Error::Transport`], classified by what is known of where it failed;
/// the reqwest error is its source.
pub(crate) fn transport_error(request: &RequestInfo, err: reqwest::Error) -> Error {
    let kind = if err.is_connect() {
        TransportKind::Connect
    } else if err.is_timeout() {
        TransportKind::Timeout
    } else {
        TransportKind::Interrupted
    };
    Error::Transport {
        request: Box::new(request.clone()),
        kind,
        reason: String::new(),
        source: Some(Box::new(err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_rule_signs_path_and_raw_query() {
        assert_eq!(
            Target::new("http://h:1/api/project.json?max=0&offset=0").path_and_query,
            "/api/project.json?max=0&offset=0"
        );
        assert_eq!(
            Target::new("http://h/api/user/current.json").path_and_query,
            "/api/user/current.json"
        );
    }
}
