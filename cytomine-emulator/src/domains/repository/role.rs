//! `RoleResponse`: the four built-in roles in the repository format.

use serde_json::{json, Value};

use super::stamp;
use crate::keys::Role;
use crate::store::{Meta, State};

/// When the roles were made: with the server, as the built-in `admin` user was.
fn roles_created(state: &State) -> i64 {
    state.user_by_name("admin").map_or(0, |u| u.meta.created)
}

/// `{id, authority, created, updated, deleted, dataType: "ROLE"}`.
pub(crate) fn role_record(state: &State, id: i64, role: Role) -> Value {
    let at = roles_created(state);
    let mut m = serde_json::Map::new();
    m.insert("id".into(), id.into());
    m.insert("authority".into(), json!(role.authority()));
    let meta = Meta {
        id,
        created: at,
        updated: at,
    };
    stamp(m, &meta, None, "ROLE")
}
