//! Project membership routes and member listings (docs/protocol.md §3.1 "Members").

use serde_json::json;

use super::acl;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::State;

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.write(
        "POST",
        "project/{p}/user/{u}.json",
        |call, params, state| change(call, params, state, Change::AddMember),
    );
    routes.write(
        "DELETE",
        "project/{p}/user/{u}.json",
        |call, params, state| change(call, params, state, Change::RemoveMember),
    );
    routes.write(
        "POST",
        "project/{p}/user/{u}/admin.json",
        |call, params, state| change(call, params, state, Change::AddAdmin),
    );
    routes.write(
        "DELETE",
        "project/{p}/user/{u}/admin.json",
        |call, params, state| change(call, params, state, Change::RemoveAdmin),
    );
    routes.write("POST", "project/{p}/user.json", |call, params, state| {
        change_many(call, params, state, Change::AddMember)
    });
    routes.write("DELETE", "project/{p}/user.json", |call, params, state| {
        change_many(call, params, state, Change::RemoveMember)
    });
    routes.get("project/{p}/user.json", |call, params, state| {
        members(call, params, state, false)
    });
    routes.get("project/{p}/admin.json", |call, params, state| {
        members(call, params, state, true)
    });
    routes.get("ontology/{id}/user.json", ontology_users);
}

#[derive(Clone, Copy)]
enum Change {
    AddMember,
    RemoveMember,
    AddAdmin,
    RemoveAdmin,
}

fn apply(state: &mut State, project: i64, user: i64, change: Change) {
    let Some(p) = state.projects.get_mut(project) else {
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

fn project_id(call: &Call, params: &Params, state: &State) -> Result<i64, Fail> {
    let id = params
        .id("p")
        .ok_or_else(|| Fail::not_found(format!("Project {} not found", params.get("p"))))?;
    acl::manage_project(call, state, id)?;
    Ok(id)
}

fn change(call: &Call, params: &Params, state: &mut State, change: Change) -> Outcome {
    let project = project_id(call, params, state)?;
    let user = super::user::find_user(state, params.get("u"))?.meta.id;
    apply(state, project, user, change);
    Ok(Reply::json(200, &json!({"data": {"message": "OK"}})))
}

fn change_many(call: &Call, params: &Params, state: &mut State, change: Change) -> Outcome {
    let project = project_id(call, params, state)?;
    let raw = call.param("users").unwrap_or("");
    let mut wrong = Vec::new();
    for item in raw.split(',').filter(|s| !s.is_empty()) {
        match item
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| state.users.contains(*id))
        {
            Some(user) => apply(state, project, user, change),
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

fn members(call: &Call, params: &Params, state: &State, admins_only: bool) -> Outcome {
    let id = params
        .id("p")
        .ok_or_else(|| Fail::not_found(format!("Project {} not found", params.get("p"))))?;
    let project = acl::read_project(call, state, id)?;
    let set = if admins_only {
        &project.admins
    } else {
        &project.members
    };
    super::user::list_users(call, set.iter().filter_map(|u| state.users.get(*u)))
}

fn ontology_users(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = params.id("id").filter(|id| state.ontologies.contains(*id));
    let id =
        id.ok_or_else(|| Fail::not_found_filters("Ontology", &format!("id={}", params.get("id"))))?;
    let mut ids: std::collections::BTreeSet<i64> = state
        .ontologies
        .get(id)
        .map(|o| o.user)
        .into_iter()
        .collect();
    for project in state.projects.iter().filter(|pr| pr.ontology == Some(id)) {
        ids.extend(project.members.iter().copied());
    }
    super::user::list_users(call, ids.iter().filter_map(|u| state.users.get(*u)))
}
