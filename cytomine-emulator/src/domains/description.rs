//! Descriptions (WIRE.md §3.16): one HTML text per domain object.

use serde_json::Value;

use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::http::route::Params;
use crate::store::{Description, DomainRef, Meta, State};

const ONE: &str = "domain/{cls}/{id}/description.json";

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.write("POST", "description.json", |c, _, s| {
        crud::post::<Description>(c, s)
    });
    r.write("POST", ONE, |c, p, s| {
        let owner = owner::from_route(c, p, s)?;
        crud::post_with::<Description>(c, s, |b| owner::fill_body(b, &owner))
    });
    r.get(ONE, |c, p, s| {
        let (_, id) = of_owner(c, p, s)?;
        crud::get::<Description>(c, s, Some(id), &id.to_string())
    });
    r.write("PUT", ONE, |c, p, s| {
        let (owner, id) = of_owner(c, p, s)?;
        crud::put_with::<Description>(c, s, |b| {
            b.entry("id").or_insert(id.into());
            owner::fill_body(b, &owner);
        })
    });
    r.write("DELETE", ONE, |c, p, s| {
        let (_, id) = of_owner(c, p, s)?;
        crud::delete::<Description>(c, s, Some(id))
    });
}

/// The route's owner and its description's id (404 path B when there is none).
fn of_owner(call: &Call, p: &Params, st: &State) -> Result<(DomainRef, i64), Fail> {
    let owner = owner::from_route(call, p, st)?;
    owner::check_read(call, st, &owner)?;
    st.descriptions
        .iter()
        .find(|d| d.owner == owner)
        .map(|d| (owner.clone(), d.meta.id))
        .ok_or_else(|| {
            Fail::not_found(format!(
                "Description not found for domain {} {}",
                owner.class, owner.ident
            ))
        })
}

impl Domain for Description {
    const CLASS: &'static str = "be.cytomine.domain.meta.Description";
    table_access!(descriptions);
    fn label(&self) -> String {
        self.owner.ident.to_string()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("Description {id} not found"))
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        let data = vec![("data", self.data.clone().into())];
        owner::object(Self::CLASS, &self.meta, &self.owner, data)
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        owner::check_read(call, st, &self.owner)
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let owner = owner::from_body(st, body)?;
        owner::check_write(call, st, &owner)?;
        let data = j::required_text(body, "data")?;
        let taken = crud::taken(st, old, |d: &Self| d.owner == owner);
        if taken {
            return Err(Fail::exists(format!(
                "Description already exists for {} {}",
                owner.class, owner.ident
            )));
        }
        Ok(Description {
            meta: Meta::blank(),
            owner,
            data,
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        match st.descriptions.get(id) {
            Some(d) => owner::check_write(call, st, &d.owner),
            None => Ok(()),
        }
    }
}
