//! Ontologies with their term tree (docs/protocol.md §3.2, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::Domain;
use super::json::{self, Body};
use super::repository;
use super::user_owned::{self, UserOwned};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::{paged, spring_paged};
use crate::http::route::Params;
use crate::store::{Meta, Ontology, Project, State, Term};

const TERM_CLASS: &str = "be.cytomine.domain.ontology.Term";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("ontology.json", list);
    routes.profiled::<Ontology>("ontology").all();
    if !routes.classic() {
        routes.get("ontology_light.json", |call, _, state| {
            let items = own_ontologies(call, state)?;
            Ok(spring_paged(
                call,
                items,
                |o| json!({"id": o.meta.id, "name": o.name}),
            ))
        });
    }
}

/// The repository lists only the ontologies the caller created (docs/protocol.md §3.2).
fn own_ontologies<'a>(call: &Call, state: &'a State) -> Result<Vec<&'a Ontology>, Fail> {
    let caller = call.user()?.id;
    Ok(state
        .ontologies
        .iter()
        .rev()
        .filter(|o| o.user == caller)
        .collect())
}

/// Whether the caller may read `ontology`: creator, admin, or member of a project using it.
pub(crate) fn readable(call: &Call, state: &State, ontology: &Ontology) -> bool {
    call.caller.as_ref().is_some_and(|c| {
        c.admin_by_now
            || c.id == ontology.user
            || state
                .projects
                .iter()
                .any(|p| p.ontology == Some(ontology.meta.id) && acl::can_read(c, p))
    })
}

fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    if call.is_repository() {
        return repository::list(call, state, own_ontologies(call, state)?);
    }
    let items: Vec<&Ontology> = state
        .ontologies
        .iter()
        .rev()
        .filter(|o| readable(call, state, o))
        .collect();
    if call.flag_or("light", false) {
        return paged(call, items, |o| json!({"id": o.meta.id, "name": o.name}));
    }
    paged(call, items, |o| o.view(state, call))
}

fn tree_node(state: &State, term: &Term) -> Value {
    json!({
        "name": term.name, "id": term.meta.id, "title": term.name, "data": term.name, "color": term.color,
        "class": TERM_CLASS, "parent": term.parent,
        "attr": {"id": term.meta.id, "type": TERM_CLASS}, "checked": false, "key": term.meta.id,
        "children": children(state, term.ontology, Some(term.meta.id)),
        "isFolder": state.terms.iter().any(|c| c.parent == Some(term.meta.id)), "hideCheckbox": false,
    })
}

fn children(state: &State, ontology: i64, parent: Option<i64>) -> Vec<Value> {
    let mut terms: Vec<&Term> = state
        .terms
        .iter()
        .filter(|t| t.ontology == ontology && t.parent == parent)
        .collect();
    terms.sort_by(|a, b| a.name.cmp(&b.name));
    terms.into_iter().map(|t| tree_node(state, t)).collect()
}

impl Domain for Ontology {
    const CLASS: &'static str = "be.cytomine.domain.ontology.Ontology";
    table_access!(ontologies);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, state: &State, call: &Call) -> Value {
        let projects: Vec<Value> = state
            .projects
            .iter()
            .filter(|p| p.ontology == Some(self.meta.id))
            .map(|p: &Project| p.view(state, call))
            .collect();
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("user", self.user.into()),
                ("title", self.name.clone().into()),
                ("attr", json!({"id": self.meta.id, "type": Self::CLASS})),
                ("data", self.name.clone().into()),
                ("isFolder", true.into()),
                ("key", self.meta.id.into()),
                ("hideCheckbox", true.into()),
                ("state", "open".into()),
                ("projects", projects.into()),
                ("children", children(state, self.meta.id, None).into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::allow(readable(call, state, self), Self::CLASS, self.meta.id)
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let (name, user) = user_owned::named(call, state, body, old, |o: &Self| &o.name)?;
        Ok(Ontology {
            meta: Meta::blank(),
            name,
            user,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, state, id)?;
        if state.projects.iter().any(|p| p.ontology == Some(id)) {
            return Err(Fail::bad(
                "Ontology is linked with project. Cannot delete ontology!",
            ));
        }
        for t in state.terms.ids_where(|t| t.ontology == id) {
            super::cascade::delete_term(state, t);
        }
        Ok(())
    }
}

impl UserOwned for Ontology {
    fn owner(&self) -> i64 {
        self.user
    }
}
