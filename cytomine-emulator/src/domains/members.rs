//! Project membership routes and member listings (WIRE.md §3.1 "Members").

use serde_json::json;

use super::acl;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::State;

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.write("POST", "project/{p}/user/{u}.json", |c, p, s| {
        change(c, p, s, Change::AddMember)
    });
    r.write("DELETE", "project/{p}/user/{u}.json", |c, p, s| {
        change(c, p, s, Change::RemoveMember)
    });
    r.write("POST", "project/{p}/user/{u}/admin.json", |c, p, s| {
        change(c, p, s, Change::AddAdmin)
    });
    r.write("DELETE", "project/{p}/user/{u}/admin.json", |c, p, s| {
        change(c, p, s, Change::RemoveAdmin)
    });
    r.write("POST", "project/{p}/user.json", |c, p, s| {
        change_many(c, p, s, Change::AddMember)
    });
    r.write("DELETE", "project/{p}/user.json", |c, p, s| {
        change_many(c, p, s, Change::RemoveMember)
    });
    r.get("project/{p}/user.json", |c, p, s| members(c, p, s, false));
    r.get("project/{p}/admin.json", |c, p, s| members(c, p, s, true));
    r.get("ontology/{id}/user.json", ontology_users);
}

#[derive(Clone, Copy)]
enum Change {
    AddMember,
    RemoveMember,
    AddAdmin,
    RemoveAdmin,
}

fn apply(st: &mut State, project: i64, user: i64, change: Change) {
    let Some(p) = st.projects.get_mut(project) else {
        return;
    };
    match change {
        Change::AddMember => {
            p.members.insert(user);
        }
        Change::RemoveMember => {
            p.members.remove(&user);
            p.admins.remove(&user);
        }
        Change::AddAdmin => {
            p.members.insert(user);
            p.admins.insert(user);
        }
        Change::RemoveAdmin => {
            p.admins.remove(&user);
        }
    }
}

fn project_id(call: &Call, p: &Params, st: &State) -> Result<i64, Fail> {
    let id = p
        .id("p")
        .ok_or_else(|| Fail::not_found(format!("Project {} not found", p.get("p"))))?;
    acl::manage_project(call, st, id)?;
    Ok(id)
}

fn change(call: &Call, p: &Params, st: &mut State, change: Change) -> Outcome {
    let project = project_id(call, p, st)?;
    let user = super::user::find_user(st, p.get("u"))?.meta.id;
    apply(st, project, user, change);
    Ok(Reply::json(200, &json!({"data": {"message": "OK"}})))
}

fn change_many(call: &Call, p: &Params, st: &mut State, change: Change) -> Outcome {
    let project = project_id(call, p, st)?;
    let raw = call.param("users").unwrap_or("");
    let mut wrong = Vec::new();
    for item in raw.split(',').filter(|s| !s.is_empty()) {
        match item
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| st.users.contains(*id))
        {
            Some(user) => apply(st, project, user, change),
            None => wrong.push(item.to_owned()),
        }
    }
    if wrong.is_empty() {
        Ok(Reply::json(
            200,
            &json!({"data": {"message": "OK"}, "status": 200}),
        ))
    } else {
        let message = format!("{} are not well formatted ids", wrong.join(","));
        Ok(Reply::json(
            206,
            &json!({"data": {"message": message}, "status": 200}),
        ))
    }
}

fn members(call: &Call, p: &Params, st: &State, admins_only: bool) -> Outcome {
    let id = p
        .id("p")
        .ok_or_else(|| Fail::not_found(format!("Project {} not found", p.get("p"))))?;
    let project = acl::read_project(call, st, id)?;
    let set = if admins_only {
        &project.admins
    } else {
        &project.members
    };
    super::user::list_users(call, set.iter().filter_map(|u| st.users.get(*u)))
}

fn ontology_users(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = p.id("id").filter(|id| st.ontologies.contains(*id));
    let id =
        id.ok_or_else(|| Fail::not_found_filters("Ontology", &format!("id={}", p.get("id"))))?;
    let mut ids: std::collections::BTreeSet<i64> =
        st.ontologies.get(id).map(|o| o.user).into_iter().collect();
    for project in st.projects.iter().filter(|pr| pr.ontology == Some(id)) {
        ids.extend(project.members.iter().copied());
    }
    super::user::list_users(call, ids.iter().filter_map(|u| st.users.get(*u)))
}
