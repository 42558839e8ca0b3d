//! Tags and tag-domain associations (docs/protocol.md §3.17, classic format).

use serde_json::Value;

use super::crud::Domain;
use super::json::{self, Body};
use super::owner;
use super::profiled;
use super::user_owned::{self, UserOwned};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::store::{Meta, State, Tag, TagDomainAssociation};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("tag.json", |call, _, state| {
        // The repository sorts by `created,desc` by default (docs/protocol.md §2.7).
        let tags = state.tags.iter();
        let items = if call.is_repository() {
            tags.rev().collect()
        } else {
            tags.collect()
        };
        profiled::list(call, state, items)
    });
    routes.profiled::<Tag>("tag").all();
    routes.get("tag_domain_association.json", |call, _, state| {
        list_associations(call, state, |_| true)
    });
    routes
        .profiled::<TagDomainAssociation>("tag_domain_association")
        .post_many()
        .get()
        .delete();
    routes.get(
        "domain/{cls}/{id}/tag_domain_association.json",
        |call, params, state| {
            let owner = owner::from_route(call, params, state)?;
            owner::check_read(call, state, &owner)?;
            list_associations(call, state, |a| a.owner == owner)
        },
    );
    routes.write(
        "POST",
        "domain/{cls}/{id}/tag_domain_association.json",
        |call, params, state| {
            let owner = owner::from_route(call, params, state)?;
            profiled::post_many_with::<TagDomainAssociation>(call, state, |b| {
                owner::fill_body(b, &owner)
            })
        },
    );
}

fn list_associations(
    call: &Call,
    state: &State,
    keep: impl Fn(&TagDomainAssociation) -> bool,
) -> Outcome {
    let items: Vec<&TagDomainAssociation> = state
        .tag_associations
        .iter()
        .filter(|a| keep(a) && a.check_read(call, state).is_ok())
        .collect();
    profiled::list(call, state, items)
}

impl Domain for Tag {
    const CLASS: &'static str = "be.cytomine.domain.meta.Tag";
    table_access!(tags);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let creator = state.users.get(self.user).map(|u| u.username.clone());
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("user", self.user.into()),
                ("creatorName", json::opt(creator)),
            ],
        )
    }
    fn check_read(&self, call: &Call, _st: &State) -> Result<(), Fail> {
        call.user().map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let (name, user) = user_owned::named(call, state, body, old, |t: &Self| &t.name)?;
        Ok(Tag {
            meta: Meta::blank(),
            name,
            user,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, state, id)?;
        for a in state.tag_associations.ids_where(|a| a.tag == id) {
            state.tag_associations.remove(a);
        }
        Ok(())
    }
}

impl Domain for TagDomainAssociation {
    const CLASS: &'static str = "be.cytomine.domain.meta.TagDomainAssociation";
    table_access!(tag_associations);
    fn label(&self) -> String {
        self.tag.to_string()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("TagDomainAssociation {id} not found"))
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let name = state.tags.get(self.tag).map(|t| t.name.clone());
        let fields = vec![("tag", self.tag.into()), ("tagName", json::opt(name))];
        owner::object(Self::CLASS, &self.meta, &self.owner, fields)
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        owner::check_read(call, state, &self.owner)
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let owner = owner::from_body(state, body)?;
        owner::check_write(call, state, &owner)?;
        let tag = json::required_ref(body, "tag", |id| state.tags.contains(id))?;
        if state
            .tag_associations
            .iter()
            .any(|a| a.owner == owner && a.tag == tag)
        {
            return Err(Fail::exists(format!(
                "Tag {tag} already associated with {} {}",
                owner.class, owner.ident
            )));
        }
        Ok(TagDomainAssociation {
            meta: Meta::blank(),
            owner,
            tag,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        match state.tag_associations.get(id) {
            Some(a) => owner::check_write(call, state, &a.owner),
            None => Ok(()),
        }
    }
}

impl UserOwned for Tag {
    fn owner(&self) -> i64 {
        self.user
    }
}
