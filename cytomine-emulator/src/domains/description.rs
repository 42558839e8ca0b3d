//! Descriptions (docs/protocol.md §3.16): one HTML text per domain object.

use serde_json::Value;

use super::crud::{self, Domain};
use super::json::{self, Body};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::http::route::Params;
use crate::store::{Description, DomainRef, Meta, State};

const ONE: &str = "domain/{cls}/{id}/description.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.write("POST", "description.json", |call, _, state| {
        crud::post::<Description>(call, state)
    });
    routes.write("POST", ONE, |call, params, state| {
        let owner = owner::from_route(call, params, state)?;
        crud::post_with::<Description>(call, state, |b| owner::fill_body(b, &owner))
    });
    routes.get(ONE, |call, params, state| {
        let (_, id) = of_owner(call, params, state)?;
        crud::get::<Description>(call, state, Some(id), &id.to_string())
    });
    routes.write("PUT", ONE, |call, params, state| {
        let (owner, id) = of_owner(call, params, state)?;
        crud::put_with::<Description>(call, state, |b| {
            b.entry("id").or_insert(id.into());
            owner::fill_body(b, &owner);
        })
    });
    routes.write("DELETE", ONE, |call, params, state| {
        let (_, id) = of_owner(call, params, state)?;
        crud::delete::<Description>(call, state, Some(id))
    });
}

/// The route's owner and its description's id (404 path B when there is none).
fn of_owner(call: &Call, params: &Params, state: &State) -> Result<(DomainRef, i64), Fail> {
    let owner = owner::from_route(call, params, state)?;
    owner::check_read(call, state, &owner)?;
    state
        .descriptions
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
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        owner::check_read(call, state, &self.owner)
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let owner = owner::from_body(state, body)?;
        owner::check_write(call, state, &owner)?;
        let data = json::required_text(body, "data")?;
        let taken = crud::taken(state, old, |d: &Self| d.owner == owner);
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
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        match state.descriptions.get(id) {
            Some(d) => owner::check_write(call, state, &d.owner),
            None => Ok(()),
        }
    }
}
