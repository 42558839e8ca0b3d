//! The request pipeline: read, count, consult the faults, authenticate, dispatch, answer.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Request, State as AxumState};
use axum::http::header::{CONTENT_TYPE, ORIGIN};
use axum::http::Response;
use bytes::Bytes;
use serde_json::json;

use crate::auth::{authenticate, RawRequest};
use crate::domains::{Handler, Lookup, RouteTable};
use crate::faults::Faults;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::http::reply::Reply;
use crate::media::multipart::{file_to_disk, StreamedBody};
use crate::store::State;

/// What every request handler shares.
pub(crate) struct Shared {
    /// The server state.
    pub(crate) state: RwLock<State>,
    /// Requests received so far.
    pub(crate) requests: AtomicU64,
    /// `http://127.0.0.1:PORT` (`https://` with TLS).
    pub(crate) server_url: String,
    /// The `/api/` routes.
    pub(crate) routes: RouteTable,
    /// Injected faults.
    pub(crate) faults: Faults,
    /// Whether `/__emulator/faults` is served.
    pub(crate) fault_control: bool,
    /// Which signature forms are accepted.
    pub(crate) signature_forms: crate::SignatureForms,
    /// How long an upload without `sync` waits before its import runs.
    pub(crate) import_delay: std::time::Duration,
    /// The service time added to every request.
    pub(crate) latency: crate::Latency,
}

impl Shared {
    /// Read access to the state (a poisoned lock is still usable: handlers never leave it half-written).
    pub(crate) fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }
    /// Write access to the state.
    pub(crate) fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Current time in epoch milliseconds.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The single axum handler: every path comes here.
pub(crate) async fn serve(
    AxumState(shared): AxumState<Arc<Shared>>,
    req: Request,
) -> Response<Body> {
    let (parts, body) = req.into_parts();
    let method = parts.method.as_str().to_ascii_uppercase();
    // An upload's file part is stored on disk as it arrives.
    let (body, upload) = if is_upload(&method, parts.uri.path()) {
        let content_type = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        let streamed = file_to_disk(content_type.unwrap_or(""), body.into_data_stream()).await;
        (Bytes::new(), Some(streamed))
    } else {
        let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
            shared.requests.fetch_add(1, Ordering::Relaxed);
            return Reply::error_page(400).into_response();
        };
        (bytes, None)
    };
    if shared.fault_control && parts.uri.path() == crate::faults::CONTROL_PATH {
        return crate::faults::control(&shared.faults, &method, &body).into_response();
    }
    shared.requests.fetch_add(1, Ordering::Relaxed);
    let path = parts.uri.path().to_owned();
    let firing = shared.faults.next_for(&method, &path);
    let server_url = shared.server_url.clone();
    let latency = shared.latency;
    latency.before(&parts.headers).await;
    let process = async move {
        let now = now_ms();
        let raw_query = parts.uri.query();
        let caller = {
            let state = shared.read();
            let raw = RawRequest {
                method: &method,
                path: &path,
                raw_query,
                headers: &parts.headers,
            };
            authenticate(&state, &raw, now, shared.signature_forms)
        };
        let query = raw_query
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        let call = Call {
            method,
            path,
            query,
            headers: parts.headers,
            body,
            caller,
            server_url: shared.server_url.clone(),
            now,
            profile: shared.routes.profile(),
        };
        let origin = call.header(ORIGIN.as_str()).map(str::to_owned);
        let reply = route(&shared, call, upload).await;
        let reply = crate::http::cors::actual(reply, origin.as_deref());
        tracing::debug!(status = reply.status(), "answered");
        reply.into_response()
    };
    let response = crate::faults::apply(firing, &server_url, process).await;
    latency.after(response).await
}

/// Whether a request is an upload (`POST /upload` or `/ims/upload`).
fn is_upload(method: &str, path: &str) -> bool {
    method == "POST" && (path == "/upload" || path == "/ims/upload")
}

/// Answers `call`; `upload` is the body of an upload.
async fn route(shared: &Arc<Shared>, call: Call, upload: Option<StreamedBody>) -> Reply {
    let path = call.path.clone();
    if let Some(reply) = crate::http::cors::preflight(&call.method, &call.headers) {
        return reply;
    }
    if path == "/server/ping" && call.method == "GET" || path == "/server/ping.json" {
        return ping(shared);
    }
    if let Some(body) = upload {
        return crate::media::upload::upload(shared, call, body).await;
    }
    if let Some(action) = path.strip_prefix("/session/admin/") {
        if call.caller.is_none() {
            return Reply::error_page(401);
        }
        let mut state = shared.write();
        return crate::domains::session(&call, action, &mut state).unwrap_or_else(Fail::reply);
    }
    let Some(api_path) = path.strip_prefix("/api/") else {
        return Reply::error_page(404);
    };
    if call.caller.is_none() {
        return Reply::error_page(anonymous_status(api_path));
    }
    if (call.method == "GET" || call.method == "HEAD") && call.has_repeated_param() {
        return Fail::not_implemented().reply();
    }
    dispatch(shared, call, api_path).await
}

/// Image paths are open to anonymous users on the server, then fail resolving the user (500 HTML).
fn anonymous_status(api_path: &str) -> u16 {
    let permitted = ["abstractimage/", "imageinstance/", "userannotation/"]
        .iter()
        .any(|p| api_path.starts_with(p))
        || (api_path.starts_with("uploadedfile/") && api_path.ends_with("/download"));
    if permitted {
        500
    } else {
        401
    }
}

async fn dispatch(shared: &Arc<Shared>, call: Call, api_path: &str) -> Reply {
    // HEAD is served by the GET route; the server layer sends its headers without the body.
    let method = if call.method == "HEAD" {
        "GET"
    } else {
        call.method.as_str()
    };
    let (handler, params) = match shared.routes.lookup(method, api_path) {
        Lookup::Found(route, params) => (route.handler.clone(), params),
        Lookup::WrongMethod => return no_handler(405, &call.path),
        Lookup::Missing => return no_handler(404, &call.path),
    };
    let outcome = match handler {
        Handler::Read(f) => f(&call, &params, &shared.read()),
        Handler::Write(f) => f(&call, &params, &mut shared.write()),
        Handler::Media(f) => {
            let shared = Arc::clone(shared);
            let joined =
                tokio::task::spawn_blocking(move || f(&call, &params, &shared.state)).await;
            match joined {
                Ok(outcome) => outcome,
                Err(_) => return Reply::error_page(500),
            }
        }
    };
    outcome.unwrap_or_else(Fail::reply)
}

/// Spring's `ProblemDetail` for an unknown path or a wrong method.
fn no_handler(status: u16, instance: &str) -> Reply {
    crate::http::problem::problem(status, &format!("No handler for {instance}"), instance)
}

fn ping(shared: &Shared) -> Reply {
    Reply::json(
        200,
        &json!({"alive": true, "version": env!("CARGO_PKG_VERSION"), "serverURL": shared.server_url, "serverID": "cytomine-emulator"}),
    )
}
