//! Records a user owns — ontologies, tags, storages, uploaded files — written once: the owner or
//! an admin-by-now reads and changes them, guests change nothing, and some are unique by name.

use super::acl;
use super::crud::{self, simple_name, Domain};
use super::json::{self, Body};
use crate::http::call::{Call, Caller};
use crate::http::fail::Fail;
use crate::store::State;

/// A record owned by one user.
pub(crate) trait UserOwned: Domain {
    /// The owner's user id.
    fn owner(&self) -> i64;
}

/// Before building a record: the caller, refused when a guest, or (on an update of `old`) when
/// neither its owner nor an admin-by-now.
pub(crate) fn check_change<'c, T: UserOwned>(
    call: &'c Call,
    old: Option<&T>,
) -> Result<&'c Caller, Fail> {
    let caller = acl::not_guest(call)?;
    if let Some(o) = old {
        acl::owner_or_admin(call, o.owner(), T::CLASS, o.meta().id)?;
    }
    Ok(caller)
}

/// The mandatory `name` of a record unique by name (`name_of` reads it from the others):
/// 409 `<Class> <name> already exist!` when a record other than `old` has it.
pub(crate) fn unique_name<T: UserOwned>(
    state: &State,
    body: &Body,
    old: Option<&T>,
    name_of: impl Fn(&T) -> &str,
) -> Result<String, Fail> {
    let name = json::required_text(body, "name")?;
    if crud::taken(state, old, |r| name_of(r) == name) {
        let class = simple_name(T::CLASS);
        return Err(Fail::exists(format!("{class} {name} already exist!")));
    }
    Ok(name)
}

/// [`check_change`] then [`unique_name`] for a record unique by name: its name, and its owner —
/// the caller on a create, unchanged on an update.
pub(crate) fn named<T: UserOwned>(
    call: &Call,
    state: &State,
    body: &Body,
    old: Option<&T>,
    name_of: impl Fn(&T) -> &str,
) -> Result<(String, i64), Fail> {
    let caller = check_change(call, old)?;
    let name = unique_name(state, body, old, name_of)?;
    Ok((name, old.map_or(caller.id, |o| o.owner())))
}

/// Read permission: the owner or an admin-by-now.
pub(crate) fn check_read<T: UserOwned>(rec: &T, call: &Call) -> Result<(), Fail> {
    acl::read_own(call, rec.owner(), T::CLASS, rec.meta().id)
}

/// Delete permission on record `id`: its owner or an admin-by-now, never a guest.
pub(crate) fn check_remove<T: UserOwned>(call: &Call, state: &State, id: i64) -> Result<(), Fail> {
    let owner = T::table(state).get(id).map_or(0, |r| r.owner());
    acl::owner_or_admin(call, owner, T::CLASS, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Tag;
    use serde_json::{json, Value};

    fn name_of(tag: &Tag) -> &str {
        &tag.name
    }

    #[test]
    fn a_name_is_unique_among_the_other_records() {
        let mut state = State::default();
        let meta = state.meta(1);
        let name = "kept".to_owned();
        state.tags.insert(
            meta.id,
            Tag {
                meta,
                name,
                user: 7,
            },
        );
        let old = state.tags.get(meta.id).cloned();
        let Value::Object(body) = json!({"name": "kept"}) else {
            panic!("an object");
        };
        let clash = unique_name::<Tag>(&state, &body, None, name_of).err();
        assert_eq!(
            clash.map(|f| f.message().to_owned()).as_deref(),
            Some("Tag kept already exist!")
        );
        assert_eq!(
            unique_name(&state, &body, old.as_ref(), name_of)
                .ok()
                .as_deref(),
            Some("kept")
        );
        let unnamed = unique_name::<Tag>(&state, &Body::new(), None, name_of).err();
        assert_eq!(
            unnamed.map(|f| f.message().to_owned()).as_deref(),
            Some("name must be set! value=null")
        );
    }
}
