//! Roles and the roles granted to users (WIRE.md §3.13, classic format; key `secusersecrole`).

use serde_json::{json, Value};

use super::crud::Domain;
use super::json::{self as j, Body};
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
pub fn routes(r: &mut Routes) {
    r.get("role.json", |c, _, s| {
        let roles = s.role_ids.iter().collect();
        if c.is_repository() {
            return Ok(spring_paged(c, roles, |(id, role)| {
                role_record(s, *id, *role)
            }));
        }
        paged(c, roles, |(id, role)| role_view(*id, *role))
    });
    r.get("role/{id}.json", |c, p, s| {
        let found = s.role_ids.iter().find(|(id, _)| Some(*id) == p.id("id"));
        match found {
            Some((id, role)) if c.is_repository() => {
                Ok(Reply::json(200, &role_record(s, *id, *role)))
            }
            Some((id, role)) => Ok(Reply::json(200, &role_view(*id, *role))),
            None if c.is_repository() => {
                let detail = format!("Unable to find role with id: {}", p.get("id"));
                Ok(problem(404, &detail, &c.path))
            }
            None => Err(Fail::not_found_filters(
                "SecRole",
                &format!("id={}", p.get("id")),
            )),
        }
    });
    r.get("user/{u}/role.json", list_of_user);
    r.write("POST", "user/{u}/role.json", |c, p, s| {
        let user = super::user::find_user(s, p.get("u"))?.meta.id;
        profiled::post_with::<UserRole>(c, s, |b| {
            b.entry("user").or_insert(user.into());
        })
    });
    r.get(ONE, |c, p, s| match granted(s, p) {
        Ok(id) => profiled::get::<UserRole>(c, s, Some(id), &id.to_string()),
        Err(_) if c.is_repository() => Ok(repository::unable::<UserRole>(c, p.get("r"))),
        Err(f) => Err(f),
    });
    r.write("DELETE", ONE, |c, p, s| match granted(s, p) {
        Ok(id) => profiled::delete::<UserRole>(c, s, Some(id), &id.to_string()),
        Err(_) if c.is_repository() => Ok(repository::unable::<UserRole>(c, p.get("r"))),
        Err(f) => Err(f),
    });
    r.write("PUT", "user/{u}/role/{r}/define.json", define);
}

fn role_view(id: i64, role: Role) -> Value {
    json!({"class": ROLE_CLASS, "id": id, "created": null, "updated": null, "authority": role.authority()})
}

fn role_of(st: &State, id: i64) -> Option<Role> {
    st.role_ids.iter().find(|(i, _)| *i == id).map(|(_, r)| *r)
}

/// The user-role link named by `user/{u}/role/{r}` (404 path C otherwise).
fn granted(st: &State, p: &Params) -> Result<i64, Fail> {
    let user = super::user::find_user(st, p.get("u"))?.meta.id;
    let role = p.id("r").and_then(|r| role_of(st, r));
    st.user_roles
        .iter()
        .find(|x| x.user == user && Some(x.role) == role)
        .map(|x| x.meta.id)
        .ok_or_else(|| {
            let filters = format!("user={user}, role={}", p.get("r"));
            Fail::not_found_filters("SecUserSecRole", &filters)
        })
}

/// `GET user/{u}/role.json?highest=`.
fn list_of_user(call: &Call, p: &Params, st: &State) -> Outcome {
    let user = super::user::find_user(st, p.get("u"))?.meta.id;
    let mut items: Vec<&UserRole> = st.user_roles.iter().filter(|x| x.user == user).collect();
    if call.flag_or("highest", false) {
        items.sort_by_key(|x| x.role);
        items.truncate(1);
    }
    profiled::list(call, st, items)
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
fn define(call: &Call, p: &Params, st: &mut State) -> Outcome {
    admin_only(call)?;
    let user = super::user::find_user(st, p.get("u"))?.meta.id;
    let role = p
        .id("r")
        .and_then(|r| role_of(st, r))
        .ok_or_else(|| Fail::not_found_filters("SecRole", &format!("id={}", p.get("r"))))?;
    st.user_roles.remove_where(|x| x.user == user);
    st.grant_roles(user, role, call.now);
    st.refresh_role(user);
    let id = st
        .user_roles
        .iter()
        .find(|x| x.user == user && x.role == role)
        .map_or(0, |x| x.meta.id);
    profiled::get::<UserRole>(call, st, Some(id), &id.to_string())
}

impl Domain for UserRole {
    const CLASS: &'static str = "be.cytomine.domain.security.SecUserSecRole";
    table_access!(user_roles);
    fn label(&self) -> String {
        self.role.authority().to_owned()
    }
    fn view(&self, st: &State, _call: &Call) -> Value {
        let role = st
            .role_ids
            .iter()
            .find(|(_, r)| *r == self.role)
            .map_or(0, |(id, _)| *id);
        j::object(
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
    fn build(call: &Call, st: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        admin_only(call)?;
        let user = j::required_ref(body, "user", |id| st.users.contains(id))?;
        let role = j::int(body, "role").and_then(|r| role_of(st, r));
        let role = role.ok_or_else(|| {
            let raw = body.get("role").map_or("null".into(), Value::to_string);
            Fail::bad(format!("role was not found with id: {raw}"))
        })?;
        if st
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
    fn after_add(_call: &Call, st: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        if let Some(user) = st.user_roles.get(id).map(|x| x.user) {
            st.refresh_role(user);
        }
        Ok(())
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        admin_only(call)?;
        let user = st.user_roles.get(id).map_or(0, |x| x.user);
        st.user_roles.remove(id);
        st.refresh_role(user);
        Ok(())
    }
}
