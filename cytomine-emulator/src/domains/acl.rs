//! Access control: project membership, admin-by-now, guests (docs/protocol.md §1.6, §2.6).

use crate::http::call::{Call, Caller};
use crate::http::fail::Fail;
use crate::store::{Project, ProjectMode, State};

const PROJECT_CLASS: &str = "be.cytomine.domain.project.Project";

/// The 403 ACL refusal for a record of `class` with `id`.
pub(crate) fn denied(class: &str, id: i64) -> Fail {
    Fail::forbidden(format!(
        "You don't have the right to read or modify this resource! class {class} {id}"
    ))
}

/// `Ok` when `allowed`, the 403 refusal for record `id` of `class` otherwise.
pub(crate) fn allow(allowed: bool, class: &str, id: i64) -> Result<(), Fail> {
    if allowed {
        Ok(())
    } else {
        Err(denied(class, id))
    }
}

/// Whether `caller` may read `project`.
pub(crate) fn can_read(caller: &Caller, project: &Project) -> bool {
    caller.admin_by_now || project.members.contains(&caller.id)
}

/// The project, if the caller may read it (404 when missing, 403 otherwise).
pub(crate) fn read_project<'a>(
    call: &Call,
    state: &'a State,
    project: i64,
) -> Result<&'a Project, Fail> {
    let caller = call.user()?;
    let p = state
        .projects
        .get(project)
        .ok_or_else(|| Fail::not_found(format!("Project {project} not found")))?;
    allow(can_read(caller, p), PROJECT_CLASS, project).map(|()| p)
}

/// The project, if the caller may write into it: a reader, not a guest, and the project not read-only
/// (unless the caller manages it).
pub(crate) fn write_project<'a>(
    call: &Call,
    state: &'a State,
    project: i64,
) -> Result<&'a Project, Fail> {
    let p = read_project(call, state, project)?;
    let caller = call.user()?;
    if caller.is_guest() {
        return Err(denied(PROJECT_CLASS, project));
    }
    let manager = caller.admin_by_now || p.admins.contains(&caller.id);
    if p.mode == ProjectMode::ReadOnly && !manager {
        return Err(Fail::forbidden(format!(
            "The project for this data is in readonly mode! You must be project manager to add, edit or delete this resource in a readonly project. class {PROJECT_CLASS} {project}"
        )));
    }
    Ok(p)
}

/// The project, if the caller manages it (project admin or admin-by-now).
pub(crate) fn manage_project<'a>(
    call: &Call,
    state: &'a State,
    project: i64,
) -> Result<&'a Project, Fail> {
    let p = read_project(call, state, project)?;
    let caller = call.user()?;
    let manager = caller.admin_by_now || p.admins.contains(&caller.id);
    allow(manager, PROJECT_CLASS, project).map(|()| p)
}

/// Refuse guests (they cannot write anything).
pub(crate) fn not_guest(call: &Call) -> Result<&Caller, Fail> {
    let caller = call.user()?;
    if caller.is_guest() {
        Err(Fail::forbidden(
            "You don't have the right to read or modify this resource! Guests cannot write.",
        ))
    } else {
        Ok(caller)
    }
}

/// Owner-or-admin check for changing records owned by a user (ontologies, storages...); never a
/// guest.
pub(crate) fn owner_or_admin(call: &Call, owner: i64, class: &str, id: i64) -> Result<(), Fail> {
    let caller = not_guest(call)?;
    allow(caller.admin_by_now || caller.id == owner, class, id)
}

/// Owner-or-admin check for reading records owned by a user (storages, uploaded files).
pub(crate) fn read_own(call: &Call, owner: i64, class: &str, id: i64) -> Result<(), Fail> {
    let caller = call.user()?;
    allow(caller.admin_by_now || caller.id == owner, class, id)
}
