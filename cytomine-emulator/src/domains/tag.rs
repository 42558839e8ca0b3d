//! Tags and tag-domain associations (WIRE.md §3.17, classic format).

use serde_json::Value;

use super::crud::Domain;
use super::json::{self as j, Body};
use super::owner;
use super::profiled;
use super::user_owned::{self, UserOwned};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::store::{Meta, State, Tag, TagDomainAssociation};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.get("tag.json", |c, _, s| {
        // The repository sorts by `created,desc` by default (WIRE.md §2.7).
        let tags = s.tags.iter();
        let items = if c.is_repository() {
            tags.rev().collect()
        } else {
            tags.collect()
        };
        profiled::list(c, s, items)
    });
    r.profiled::<Tag>("tag").all();
    r.get("tag_domain_association.json", |c, _, s| {
        list_associations(c, s, |_| true)
    });
    r.profiled::<TagDomainAssociation>("tag_domain_association")
        .post_many()
        .get()
        .delete();
    r.get(
        "domain/{cls}/{id}/tag_domain_association.json",
        |c, p, s| {
            let owner = owner::from_route(c, p, s)?;
            owner::check_read(c, s, &owner)?;
            list_associations(c, s, |a| a.owner == owner)
        },
    );
    r.write(
        "POST",
        "domain/{cls}/{id}/tag_domain_association.json",
        |c, p, s| {
            let owner = owner::from_route(c, p, s)?;
            profiled::post_many_with::<TagDomainAssociation>(c, s, |b| owner::fill_body(b, &owner))
        },
    );
}

fn list_associations(
    call: &Call,
    st: &State,
    keep: impl Fn(&TagDomainAssociation) -> bool,
) -> Outcome {
    let items: Vec<&TagDomainAssociation> = st
        .tag_associations
        .iter()
        .filter(|a| keep(a) && a.check_read(call, st).is_ok())
        .collect();
    profiled::list(call, st, items)
}

impl Domain for Tag {
    const CLASS: &'static str = "be.cytomine.domain.meta.Tag";
    table_access!(tags);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, st: &State, _call: &Call) -> Value {
        let creator = st.users.get(self.user).map(|u| u.username.clone());
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("user", self.user.into()),
                ("creatorName", j::opt(creator)),
            ],
        )
    }
    fn check_read(&self, call: &Call, _st: &State) -> Result<(), Fail> {
        call.user().map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let (name, user) = user_owned::named(call, st, body, old, |t: &Self| &t.name)?;
        Ok(Tag {
            meta: Meta::blank(),
            name,
            user,
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, st, id)?;
        for a in st.tag_associations.ids_where(|a| a.tag == id) {
            st.tag_associations.remove(a);
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
    fn view(&self, st: &State, _call: &Call) -> Value {
        let name = st.tags.get(self.tag).map(|t| t.name.clone());
        let fields = vec![("tag", self.tag.into()), ("tagName", j::opt(name))];
        owner::object(Self::CLASS, &self.meta, &self.owner, fields)
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        owner::check_read(call, st, &self.owner)
    }
    fn build(call: &Call, st: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let owner = owner::from_body(st, body)?;
        owner::check_write(call, st, &owner)?;
        let tag = j::required_ref(body, "tag", |id| st.tags.contains(id))?;
        if st
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
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        match st.tag_associations.get(id) {
            Some(a) => owner::check_write(call, st, &a.owner),
            None => Ok(()),
        }
    }
}

impl UserOwned for Tag {
    fn owner(&self) -> i64 {
        self.user
    }
}
