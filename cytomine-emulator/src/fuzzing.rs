//! Fuzzing-only entry point (the `fuzz/` target `emulator_request`, whose seeds the workspace's
//! `tests/fuzz_seeds.rs` replays): raw HTTP/1.1 requests through the emulator's own request
//! handling, in process, on a fresh server. Not part of the supported API.
//!
//! The input is one or more pipelined requests: a request line `METHOD TARGET HTTP/1.1`, header
//! lines, an empty line, then a body of `Content-Length` bytes (none without the header, as in
//! HTTP; at most what the input still holds). Lines end with `\r\n` or `\n`. What HTTP itself refuses (a method, target
//! or header that is not valid HTTP) never reaches the emulator, so such a request is skipped,
//! as hyper would answer it 400 before the emulator sees it.
//!
//! A request without an `Authorization` header is signed, by the server's own rule, with the
//! keys of the user named by its `X-Fuzz-User` header (default `admin`, a ROLE_ADMIN; `alice` is
//! a plain user), so that the fuzzer reaches the routes behind
//! authentication; a request with one goes through the signature check as it is.

use std::sync::{Arc, RwLock};

use axum::body::{to_bytes, Body};
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Uri};
use bytes::Bytes;

use crate::auth::signature::{canonical_candidates, sign, SignatureForms, Signed};
use crate::domains::RouteTable;
use crate::faults::{control, Faults, CONTROL_PATH};
use crate::keys::Role;
use crate::profile::Profile;
use crate::server::{serve, Shared};
use crate::store::State;

/// At most this many requests of one input are run (a fuzz input must stay fast).
const MAX_REQUESTS: usize = 8;
/// The emulator's own URL, as written into JSON answers.
const SERVER_URL: &str = "http://127.0.0.1:8080";
/// The `date` header of the requests the harness signs.
const DATE: &str = "Thu, 26 Nov 2026 00:00:00 GMT";

/// One request of the input, split but not yet checked by HTTP's rules.
struct RawHttp<'a> {
    method: &'a [u8],
    target: &'a [u8],
    headers: Vec<(&'a [u8], &'a [u8])>,
    body: &'a [u8],
}

/// Runs every request of `input` in order on one fresh emulator, and gives each answer's status
/// and body (skipped requests give none).
pub fn run(input: &[u8]) -> Vec<(u16, Bytes)> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let shared = fresh_server();
    runtime.block_on(async {
        let mut answers = Vec::new();
        for raw in split_requests(input).into_iter().take(MAX_REQUESTS) {
            if let Some(answer) = answer(&shared, raw).await {
                answers.push(answer);
            }
        }
        answers
    })
}

/// A server as `EmulatorBuilder::start` makes it, with a second user and never bound to a port.
/// No demo data: rendering its images would cost more than a run may take; inputs create what
/// they use (ids are deterministic).
fn fresh_server() -> Arc<Shared> {
    let mut state = State::default();
    state.init_roles();
    let now = crate::server::now_ms();
    state.add_user("admin", Role::Admin, None, now);
    state.add_user("alice", Role::User, None, now);
    Arc::new(Shared {
        state: RwLock::new(state),
        requests: Default::default(),
        server_url: SERVER_URL.into(),
        routes: RouteTable::build_for(Profile::Classic),
        faults: Faults::default(),
        fault_control: false,
        signature_forms: SignatureForms::Both,
        import_delay: crate::emulator::DEFAULT_IMPORT_DELAY,
        latency: crate::Latency::default(),
    })
}

async fn answer(shared: &Arc<Shared>, raw: RawHttp<'_>) -> Option<(u16, Bytes)> {
    let method = Method::from_bytes(raw.method).ok()?;
    let uri = Uri::try_from(raw.target).ok()?;
    let mut headers = HeaderMap::new();
    for (name, value) in &raw.headers {
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
            headers.append(n, v);
        }
    }
    let body = Bytes::copy_from_slice(raw.body);
    if uri.path() == CONTROL_PATH {
        // The fault rules' parser, on a throwaway handle: an injected delay must not slow the run.
        let reply = control(&Faults::default(), method.as_str(), &body);
        return Some((reply.status(), Bytes::new()));
    }
    if !headers.contains_key("authorization") {
        sign_request(shared, &method, &uri, &mut headers);
    }
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from(body))
        .ok()?;
    *request.headers_mut() = headers;
    let response = serve(AxumState(Arc::clone(shared)), request).await;
    let status = response.status().as_u16();
    let json = response
        .headers()
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let body = to_bytes(response.into_body(), usize::MAX).await.ok()?;
    if json && !body.is_empty() {
        let parsed = serde_json::from_slice::<serde_json::Value>(&body);
        assert!(parsed.is_ok(), "a JSON answer ({status}) that is not JSON");
    }
    Some((status, body))
}

/// Adds `date`, `host` and a valid `authorization` for the user named by `x-fuzz-user`.
fn sign_request(shared: &Shared, method: &Method, uri: &Uri, headers: &mut HeaderMap) {
    let username = text(headers, "x-fuzz-user").unwrap_or("admin").to_owned();
    let keys = {
        let state = shared.read();
        state
            .user_by_name(&username)
            .map(|u| (u.public_key.clone(), u.private_key.clone()))
    };
    let Some((public_key, private_key)) = keys else {
        return;
    };
    let signed = Signed {
        method: method.as_str(),
        content_md5: text(headers, "content-md5").unwrap_or(""),
        content_type: text(headers, "content-type").unwrap_or(""),
        date: DATE,
        path: uri.path(),
        raw_query: uri.query(),
    };
    let Some(canonical) = canonical_candidates(&signed, SignatureForms::CurrentOnly)
        .into_iter()
        .next()
    else {
        return;
    };
    let authorization = format!("CYTOMINE {public_key}:{}", sign(&private_key, &canonical));
    headers.insert("date", HeaderValue::from_static(DATE));
    headers.insert("host", HeaderValue::from_static("127.0.0.1:8080"));
    if let Ok(value) = HeaderValue::from_str(&authorization) {
        headers.insert("authorization", value);
    }
}

fn text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Splits pipelined requests; stops at the first one without a request line.
fn split_requests(mut input: &[u8]) -> Vec<RawHttp<'_>> {
    let mut requests = Vec::new();
    while !input.is_empty() {
        let Some((raw, rest)) = split_one(input) else {
            break;
        };
        requests.push(raw);
        input = rest;
    }
    requests
}

fn split_one(input: &[u8]) -> Option<(RawHttp<'_>, &[u8])> {
    let (request_line, mut rest) = line(input)?;
    let mut words = request_line.split(|b| *b == b' ').filter(|w| !w.is_empty());
    let (method, target) = (words.next()?, words.next()?);
    let mut headers = Vec::new();
    loop {
        let (header, after) = line(rest).unwrap_or((rest, &[]));
        rest = after;
        if header.is_empty() {
            break;
        }
        if let Some(colon) = header.iter().position(|b| *b == b':') {
            headers.push((&header[..colon], header[colon + 1..].trim_ascii()));
        }
    }
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(b"content-length"))
        .and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse::<usize>().ok())
        .map_or(0, |n| n.min(rest.len()));
    let (body, after) = rest.split_at(length);
    let raw = RawHttp {
        method,
        target,
        headers,
        body,
    };
    Some((raw, after))
}

/// The first line (without its `\r\n` or `\n`) and what follows; `None` on empty input.
fn line(input: &[u8]) -> Option<(&[u8], &[u8])> {
    if input.is_empty() {
        return None;
    }
    let (line, rest) = match input.iter().position(|b| *b == b'\n') {
        Some(end) => (&input[..end], &input[end + 1..]),
        None => (input, &input[input.len()..]),
    };
    Some((line.strip_suffix(b"\r").unwrap_or(line), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_requests_pass_authentication_and_foreign_ones_do_not() {
        let input = b"GET /api/user/current.json HTTP/1.1\r\n\r\n\
            GET /api/user/current.json HTTP/1.1\nX-Fuzz-User: alice\n\n\
            GET /api/project.json HTTP/1.1\r\nAuthorization: CYTOMINE nobody:AAAA\r\n\r\n";
        let answers = run(input);
        let statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
        assert_eq!(statuses, [200, 200, 401]);
        let user = |i: usize| serde_json::from_slice::<serde_json::Value>(&answers[i].1);
        assert_eq!(
            user(0).ok().map(|u| u["username"].clone()),
            Some("admin".into())
        );
        assert_eq!(
            user(1).ok().map(|u| u["username"].clone()),
            Some("alice".into())
        );
    }

    #[test]
    fn bodies_follow_content_length_and_invalid_http_is_skipped() {
        let input = b"POST /api/ontology.json HTTP/1.1\r\nContent-Type: application/json\r\n\
            Content-Length: 16\r\n\r\n{\"name\": \"Fuzz\"}\
            BAD\x01METHOD /api/project.json HTTP/1.1\r\n\r\n";
        let answers = run(input);
        assert_eq!(answers.len(), 1, "the second request has no valid method");
        let created: serde_json::Value =
            serde_json::from_slice(&answers[0].1).expect("a JSON envelope");
        assert_eq!(answers[0].0, 200);
        assert_eq!(created["ontology"]["name"], "Fuzz");
    }
}
