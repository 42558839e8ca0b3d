//! Users and the current user (docs/protocol.md §3.13): classic envelopes with key `user`.

use serde_json::{json, Value};

use super::crud::Domain;
use super::json::{self, Body};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::keys::{random_uuid, Role};
use crate::store::{Meta, State, User};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("user/current.json", current);
    routes.get("user.json", list);
    if routes.classic() {
        routes.get("user/{id}.json", get_one);
    } else {
        // The repository's user CRUD reads numeric ids only (docs/protocol.md §3.13).
        routes.profiled::<User>("user").get();
    }
    routes.profiled::<User>("user").post_many().put().delete();
}

/// A user by id or username (404 path C otherwise).
pub(crate) fn find_user<'a>(state: &'a State, raw: &str) -> Result<&'a User, Fail> {
    raw.parse::<i64>()
        .ok()
        .and_then(|id| state.users.get(id))
        .or_else(|| state.user_by_name(raw))
        .ok_or_else(|| Fail::not_found_filters("User", &format!("id={raw}")))
}

/// The JSON of a user (numbers for times), without keys: neither `user/current.json` nor any other
/// user view carries them on the current server (`User.getDataFromDomain` in
/// `core/src/main/java/be/cytomine/domain/security/User.java`) or the classic core since 5.2.0;
/// they are read from `user/current/keys` or the key endpoints (docs/protocol.md §1.5).
pub(crate) fn view_user(user: &User) -> Value {
    let name = format!("{} {}", user.firstname, user.lastname)
        .trim()
        .to_owned();
    let full_name = if name == user.username {
        name.clone()
    } else {
        format!("{name} ({})", user.username)
    };
    json!({
        "id": user.meta.id, "username": user.username, "firstname": user.firstname, "lastname": user.lastname,
        "name": name, "email": user.email, "fullName": full_name, "language": user.language,
        "isDeveloper": user.is_developer, "created": user.meta.created, "updated": user.meta.updated,
    })
}

fn current(call: &Call, _params: &Params, state: &State) -> Outcome {
    let user = state
        .users
        .get(call.user()?.id)
        .ok_or_else(|| Fail::not_found("User not found"))?;
    Ok(Reply::json(200, &view_user(user)))
}

fn get_one(call: &Call, params: &Params, state: &State) -> Outcome {
    let user = find_user(state, params.get("id"))?;
    call.user()?;
    Ok(Reply::json(200, &view_user(user)))
}

/// Page a list of users sorted by username, with their `role`.
pub(crate) fn list_users<'a>(call: &Call, users: impl Iterator<Item = &'a User>) -> Outcome {
    let mut users: Vec<&User> = users.collect();
    users.sort_by(|a, b| a.username.cmp(&b.username));
    paged(call, users, |u| {
        let mut v = view_user(u);
        v["role"] = u.role.authority().into();
        v
    })
}

fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    let online = call.flag_or("online", false);
    let public_key = call.nonempty("publicKey");
    list_users(
        call,
        state
            .users
            .iter()
            .filter(|u| !online || state.is_online(u.meta.id, call.now))
            .filter(|u| public_key.is_none_or(|k| u.public_key == k)),
    )
}

impl Domain for User {
    const CLASS: &'static str = "be.cytomine.domain.security.User";
    table_access!(users);
    fn label(&self) -> String {
        self.username.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        view_user(self)
    }
    fn check_read(&self, _call: &Call, _st: &State) -> Result<(), Fail> {
        Ok(())
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found_filters("User", &format!("id={id}"))
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let caller = call.user()?;
        let own = old.is_some_and(|o| o.meta.id == caller.id);
        if !caller.admin_by_now && !own {
            return Err(Fail::forbidden(
                "You don't have the right to read or modify this resource! You must be admin.",
            ));
        }
        let username = json::required_text(body, "username")?;
        let clash = state
            .user_by_name(&username)
            .filter(|u| old.is_none_or(|o| o.meta.id != u.meta.id));
        if clash.is_some() {
            return Err(Fail::exists(format!("User {username} already exist!")));
        }
        let role = match json::text(body, "role") {
            Some(r) => Role::from_authority(&r)
                .ok_or_else(|| Fail::bad(format!("role was not found with id: {r}")))?,
            None => old.map_or(Role::User, |o| o.role),
        };
        let keep = |k: &str, f: fn(&User) -> &String| {
            json::text(body, k).or_else(|| old.map(|o| f(o).clone()))
        };
        Ok(User {
            meta: Meta::blank(),
            firstname: keep("firstname", |u| &u.firstname).unwrap_or_else(|| username.clone()),
            lastname: keep("lastname", |u| &u.lastname).unwrap_or_default(),
            email: keep("email", |u| &u.email).unwrap_or_else(|| format!("{username}@example.org")),
            role,
            enabled: old.is_none_or(|o| o.enabled),
            public_key: keep("publicKey", |u| &u.public_key).unwrap_or_else(random_uuid),
            private_key: keep("privateKey", |u| &u.private_key).unwrap_or_else(random_uuid),
            language: keep("language", |u| &u.language).unwrap_or_else(|| "ENGLISH".into()),
            is_developer: json::flag(body, "isDeveloper", old.is_some_and(|o| o.is_developer)),
            username,
        })
    }
    fn after_add(call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        let name = state
            .users
            .get(id)
            .map(|u| format!("{} storage", u.username))
            .unwrap_or_default();
        state.add_storage(id, &name, call.now);
        let role = state.users.get(id).map_or(Role::User, |u| u.role);
        state.grant_roles(id, role, call.now);
        Ok(())
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        if !call.user()?.admin_by_now || state.users.get(id).is_some_and(|u| u.username == "admin")
        {
            return Err(Fail::forbidden(
                "You don't have the right to delete this user!",
            ));
        }
        state.user_roles.remove_where(|r| r.user == id);
        for p in state.projects.ids_where(|_| true) {
            if let Some(p) = state.projects.get_mut(p) {
                p.members.remove(&id);
                p.admins.remove(&id);
            }
        }
        Ok(())
    }
}
