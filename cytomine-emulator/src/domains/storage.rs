//! Storages (docs/protocol.md §3.5, classic format; the body accepts `user` or `userId`).

use serde_json::Value;

use super::acl;
use super::crud::Domain;
use super::json::{self, Body};
use super::profiled;
use super::user_owned::{self, UserOwned};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::route::Params;
use crate::store::{Meta, State, Storage};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("storage.json", list);
    routes.profiled::<Storage>("storage").all();
}

fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    let caller = call.user()?;
    let all = caller.admin_by_now && call.flag_or("all", false);
    let items: Vec<&Storage> = state
        .storages
        .iter()
        .rev()
        .filter(|s| all || s.user == caller.id)
        .collect();
    profiled::list(call, state, items)
}

impl Domain for Storage {
    const CLASS: &'static str = "be.cytomine.domain.image.server.Storage";
    table_access!(storages);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("user", self.user.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, _st: &State) -> Result<(), Fail> {
        user_owned::check_read(self, call)
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let caller = user_owned::check_change(call, old)?;
        let name = json::required_text(body, "name")?;
        let key = if body.get("user").is_some_and(|v| !v.is_null()) {
            "user"
        } else {
            "userId"
        };
        let user =
            json::reference(body, key, false, |id| state.users.contains(id))?.unwrap_or(caller.id);
        if user != caller.id && !caller.admin_by_now {
            return Err(acl::denied(Self::CLASS, old.map_or(0, |o| o.meta.id)));
        }
        Ok(Storage {
            meta: Meta::blank(),
            name,
            user,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, state, id)
    }
}

impl UserOwned for Storage {
    fn owner(&self) -> i64 {
        self.user
    }
}
