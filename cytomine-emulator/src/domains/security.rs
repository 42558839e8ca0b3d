//! Admin session (§1.6), key endpoints and the signature service (§1.5).

use serde_json::json;

use super::Routes;
use crate::auth::caller_of;
use crate::auth::signature::sign;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::keys::Role;
use crate::store::{State, User};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("signature.json", signature);
    routes.get("userkey/{key}/keys.json", keys_by_public_key);
    routes.get("user/{id}/keys.json", keys_by_user);
    routes.get("user/current/keys", current_keys);
}

/// `/session/admin/{open,close,info}.json`.
pub(crate) fn session(call: &Call, action: &str, state: &mut State) -> Outcome {
    let caller = call.user()?.clone();
    let is_admin = matches!(caller.role, Role::Admin | Role::SuperAdmin);
    match action {
        "open.json" | "close.json" if !is_admin => {
            return Err(Fail::forbidden("You are not an admin!"))
        }
        "open.json" => {
            state
                .admin_sessions
                .insert(caller.username.clone(), call.now);
        }
        "close.json" => {
            state.admin_sessions.remove(&caller.username);
        }
        "info.json" => {}
        _ => return Ok(Reply::error_page(404)),
    }
    let now =
        caller_of(state, caller.id, call.now).ok_or_else(|| Fail::not_found("User not found"))?;
    Ok(Reply::json(
        200,
        &json!({
            "admin": is_admin,
            "user": !is_admin && caller.role == Role::User,
            "guest": caller.role == Role::Guest,
            "adminByNow": now.admin_by_now,
            "userByNow": !now.admin_by_now && caller.role != Role::Guest,
            "guestByNow": caller.role == Role::Guest,
        }),
    ))
}

fn signature(call: &Call, _params: &Params, state: &State) -> Outcome {
    let caller = call.user()?;
    let user = state
        .users
        .get(caller.id)
        .ok_or_else(|| Fail::not_found("User not found"))?;
    let p = |k: &str| call.param(k).unwrap_or("");
    let mut canonical = format!(
        "{}\n{}\n{}\n{}",
        p("method"),
        p("content-MD5"),
        p("content-type"),
        p("date")
    );
    if let Some(uri) = call.nonempty("forwardURI") {
        canonical.push('\n');
        canonical.push_str(uri);
        if let Some(q) = call.nonempty("queryString") {
            canonical.push('?');
            canonical.push_str(q);
        }
    }
    Ok(Reply::json(
        200,
        &json!({"signature": sign(&user.private_key, &canonical), "publicKey": user.public_key}),
    ))
}

fn keys_reply(call: &Call, user: &User) -> Outcome {
    let caller = call.user()?;
    if caller.id != user.meta.id && !caller.admin_by_now {
        return Err(Fail::forbidden(
            "You don't have the right to read this resource! You must be the same user!",
        ));
    }
    Ok(Reply::json(
        200,
        &json!({"privateKey": user.private_key, "publicKey": user.public_key}),
    ))
}

/// `userkey/{publicKey}/keys.json`; an unknown key is a 404 "User {publicKey=X} not found"
/// (`RestUserController.java:155-162` in cytomine/cytomine at 0165ef76: `Map.of(...).toString()`).
fn keys_by_public_key(call: &Call, params: &Params, state: &State) -> Outcome {
    let key = params.get("key");
    let user = state
        .users
        .iter()
        .find(|u| u.public_key == key)
        .ok_or_else(|| Fail::not_found(format!("User {{publicKey={key}}} not found")))?;
    keys_reply(call, user)
}

/// `user/{id}/keys.json`; an unknown id or username is a 404 "User {id or username=X} not found"
/// (`RestUserController.java:164-171` in cytomine/cytomine at 0165ef76).
fn keys_by_user(call: &Call, params: &Params, state: &State) -> Outcome {
    let raw = params.get("id");
    let user = super::user::find_user(state, raw)
        .map_err(|_| Fail::not_found(format!("User {{id or username={raw}}} not found")))?;
    keys_reply(call, user)
}

fn current_keys(call: &Call, _params: &Params, state: &State) -> Outcome {
    let user = state
        .users
        .get(call.user()?.id)
        .ok_or_else(|| Fail::not_found("User not found"))?;
    Ok(Reply::json(
        200,
        &json!({"primaryKey": user.public_key, "secondaryKey": user.private_key}),
    ))
}
