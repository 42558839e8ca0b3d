//! Authentication of incoming requests by the `CYTOMINE` signature (docs/protocol.md §1.3).

pub(crate) mod signature;

use axum::http::HeaderMap;

use crate::http::call::Caller;
use crate::keys::Role;
use crate::store::State;
use signature::{parse_authorization, verify, SignatureForms, Signed};

/// The raw facts of a request that authentication looks at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawRequest<'a> {
    /// Method, upper case.
    pub(crate) method: &'a str,
    /// Path as received.
    pub(crate) path: &'a str,
    /// Raw query, if any.
    pub(crate) raw_query: Option<&'a str>,
    /// Headers.
    pub(crate) headers: &'a HeaderMap,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The caller, or `None` when the request is anonymous (any failure is silent, as on the server).
pub(crate) fn authenticate(
    state: &State,
    req: &RawRequest<'_>,
    now: i64,
    forms: SignatureForms,
) -> Option<Caller> {
    let date = header(req.headers, "date")?;
    header(req.headers, "host")?;
    let (public_key, sig) = parse_authorization(header(req.headers, "authorization")?)?;
    let user = state.user_by_public_key(public_key)?;
    let signed = Signed {
        method: req.method,
        content_md5: header(req.headers, "content-md5").unwrap_or(""),
        content_type: header(req.headers, "content-type").unwrap_or(""),
        date,
        path: req.path,
        raw_query: req.raw_query,
    };
    if !verify(&user.private_key, &signed, sig, forms) {
        return None;
    }
    state.touch(user.meta.id, now);
    caller_of(state, user.meta.id, now)
}

/// Build the caller view of a stored user (effective roles at `now`).
pub(crate) fn caller_of(state: &State, user_id: i64, now: i64) -> Option<Caller> {
    let user = state.users.get(user_id)?;
    let admin_by_now = match user.role {
        Role::SuperAdmin => true,
        Role::Admin => state.admin_session_open(&user.username, now),
        _ => false,
    };
    Some(Caller {
        id: user.meta.id,
        username: user.username.clone(),
        role: user.role,
        admin_by_now,
    })
}
