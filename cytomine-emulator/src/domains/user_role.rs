//! Roles and the roles granted to users (docs/protocol.md §3.13, classic format; key `secusersecrole`).

use serde_json::{json, Value};

use super::crud::Domain;
use super::json::{self, Body};
use super::profiled;
use super::repository::{self, role_record};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::{paged, spring_paged};
use crate::http::problem::problem;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::keys::Role;
use crate::store::{Meta, State, UserRole};

const ROLE_CLASS: &str = "be.cytomine.domain.security.SecRole";
const ONE: &str = "user/{u}/role/{r}.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("role.json", |call, _, state| {
        let roles = state.role_ids.iter().collect();
        if call.is_repository() {
            return Ok(spring_paged(call, roles, |(id, role)| {
                role_record(state, *id, *role)
            }));
        }
        paged(call, roles, |(id, role)| role_view(*id, *role))
    });
    routes.get("role/{id}.json", |call, params, state| {
        let found = state
            .role_ids
            .iter()
            .find(|(id, _)| Some(*id) == params.id("id"));
        match found {
            Some((id, role)) if call.is_repository() => {
                Ok(Reply::json(200, &role_record(state, *id, *role)))
            }
            Some((id, role)) => Ok(Reply::json(200, &role_view(*id, *role))),
            None if call.is_repository() => {
                let detail = format!("Unable to find role with id: {}", params.get("id"));
                Ok(problem(404, &detail, &call.path))
            }
            None => Err(Fail::not_found_filters(
                "SecRole",
                &format!("id={}", params.get("id")),
            )),
        }
    });
    routes.get("user/{u}/role.json", list_of_user);
    routes.write("POST", "user/{u}/role.json", |call, params, state| {
        let user = super::user::find_user(state, params.get("u"))?.meta.id;
        profiled::post_with::<UserRole>(call, state, |b| {
            b.entry("user").or_insert(user.into());
        })
    });
    routes.get(ONE, |call, params, state| match granted(state, params) {
        Ok(id) => profiled::get::<UserRole>(call, state, Some(id), &id.to_string()),
        Err(_) if call.is_repository() => Ok(repository::unable::<UserRole>(call, params.get("r"))),
        Err(f) => Err(f),
    });
    routes.write("DELETE", ONE, |call, params, state| {
        match granted(state, params) {
            Ok(id) => profiled::delete::<UserRole>(call, state, Some(id), &id.to_string()),
            Err(_) if call.is_repository() => {
                Ok(repository::unable::<UserRole>(call, params.get("r")))
            }
            Err(f) => Err(f),
        }
    });
    routes.write("PUT", "user/{u}/role/{r}/define.json", define);
}

fn role_view(id: i64, role: Role) -> Value {
    json!({"class": ROLE_CLASS, "id": id, "created": null, "updated": null, "authority": role.authority()})
}

fn role_of(state: &State, id: i64) -> Option<Role> {
    state
        .role_ids
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, r)| *r)
}

/// The user-role link named by `user/{u}/role/{r}` (404 path C otherwise).
fn granted(state: &State, params: &Params) -> Result<i64, Fail> {
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    let role = params.id("r").and_then(|r| role_of(state, r));
    state
        .user_roles
        .iter()
        .find(|x| x.user == user && Some(x.role) == role)
        .map(|x| x.meta.id)
        .ok_or_else(|| {
            let filters = format!("user={user}, role={}", params.get("r"));
            Fail::not_found_filters("SecUserSecRole", &filters)
        })
}

/// `GET user/{u}/role.json?highest=`.
fn list_of_user(call: &Call, params: &Params, state: &State) -> Outcome {
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    let mut items: Vec<&UserRole> = state.user_roles.iter().filter(|x| x.user == user).collect();
    if call.flag_or("highest", false) {
        items.sort_by_key(|x| x.role);
        items.truncate(1);
    }
    profiled::list(call, state, items)
}

fn admin_only(call: &Call) -> Result<(), Fail> {
    if call.user()?.admin_by_now {
        Ok(())
    } else {
        Err(Fail::forbidden(
            "You don't have the right to read or modify this resource! You must be admin.",
        ))
    }
}

/// `PUT user/{u}/role/{r}/define.json`: the user's roles become exactly those implied by `r`.
fn define(call: &Call, params: &Params, state: &mut State) -> Outcome {
    admin_only(call)?;
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    let role = params
        .id("r")
        .and_then(|r| role_of(state, r))
        .ok_or_else(|| Fail::not_found_filters("SecRole", &format!("id={}", params.get("r"))))?;
    state.user_roles.remove_where(|x| x.user == user);
    state.grant_roles(user, role, call.now);
    state.refresh_role(user);
    let id = state
        .user_roles
        .iter()
        .find(|x| x.user == user && x.role == role)
        .map_or(0, |x| x.meta.id);
    profiled::get::<UserRole>(call, state, Some(id), &id.to_string())
}

impl Domain for UserRole {
    const CLASS: &'static str = "be.cytomine.domain.security.SecUserSecRole";
    table_access!(user_roles);
    fn label(&self) -> String {
        self.role.authority().to_owned()
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let role = state
            .role_ids
            .iter()
            .find(|(_, r)| *r == self.role)
            .map_or(0, |(id, _)| *id);
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("user", self.user.into()),
                ("role", role.into()),
                ("authority", self.role.authority().into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, _st: &State) -> Result<(), Fail> {
        call.user().map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        admin_only(call)?;
        let user = json::required_ref(body, "user", |id| state.users.contains(id))?;
        let role = json::int(body, "role").and_then(|r| role_of(state, r));
        let role = role.ok_or_else(|| {
            let raw = body.get("role").map_or("null".into(), Value::to_string);
            Fail::bad(format!("role was not found with id: {raw}"))
        })?;
        if state
            .user_roles
            .iter()
            .any(|x| x.user == user && x.role == role)
        {
            return Err(Fail::exists(format!(
                "User {user} already has role {}",
                role.authority()
            )));
        }
        Ok(UserRole {
            meta: Meta::blank(),
            user,
            role,
        })
    }
    fn after_add(_call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        if let Some(user) = state.user_roles.get(id).map(|x| x.user) {
            state.refresh_role(user);
        }
        Ok(())
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        admin_only(call)?;
        let user = state.user_roles.get(id).map_or(0, |x| x.user);
        state.user_roles.remove(id);
        state.refresh_role(user);
        Ok(())
    }
}
