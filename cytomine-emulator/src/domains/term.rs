//! Terms (docs/protocol.md §3.3, classic format).

use serde_json::{Map, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::profiled;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::route::Params;
use crate::store::{Meta, State, Term};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    if routes.classic() {
        // The repository has no list of all terms: a GET there is a 405 (docs/protocol.md §3.3).
        routes.get("term.json", list);
    }
    routes.profiled::<Term>("term").all();
    routes.get("ontology/{id}/term.json", by_ontology);
    routes.get("project/{id}/term.json", by_project);
}

fn readable(call: &Call, state: &State, term: &Term) -> bool {
    state
        .ontologies
        .get(term.ontology)
        .is_some_and(|o| super::ontology::readable(call, state, o))
}

fn list_where(call: &Call, state: &State, pred: impl Fn(&Term) -> bool) -> Outcome {
    let items: Vec<&Term> = state
        .terms
        .iter()
        .filter(|t| pred(t) && readable(call, state, t))
        .collect();
    profiled::list(call, state, items)
}

fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    list_where(call, state, |_| true)
}

fn by_ontology(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = params.id("id").filter(|id| state.ontologies.contains(*id));
    let id =
        id.ok_or_else(|| Fail::not_found_filters("Ontology", &format!("id={}", params.get("id"))))?;
    list_where(call, state, |t| t.ontology == id)
}

fn by_project(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = params
        .id("id")
        .ok_or_else(|| Fail::not_found_filters("Project", &format!("id={}", params.get("id"))))?;
    let ontology = acl::read_project(call, state, id)?.ontology;
    list_where(call, state, |t| Some(t.ontology) == ontology)
}

/// Whether the caller may change the terms (and relations) of `ontology`.
pub(crate) fn check_write(call: &Call, state: &State, ontology: i64) -> Result<(), Fail> {
    let caller = acl::not_guest(call)?;
    let owner = state.ontologies.get(ontology).map_or(0, |o| o.user);
    let member = state
        .projects
        .iter()
        .any(|p| p.ontology == Some(ontology) && acl::can_read(caller, p));
    let allowed = caller.admin_by_now || caller.id == owner || member;
    acl::allow(allowed, "be.cytomine.domain.ontology.Ontology", ontology)
}

impl Domain for Term {
    const CLASS: &'static str = "be.cytomine.domain.ontology.Term";
    table_access!(terms);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("comment", json::opt(self.comment.clone())),
                ("ontology", self.ontology.into()),
                ("color", self.color.clone().into()),
                ("parent", json::opt(self.parent)),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::allow(readable(call, state, self), Self::CLASS, self.meta.id)
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let name = json::required_text(body, "name")?;
        let color = json::required_text(body, "color")?;
        let ontology = json::int(body, "ontology")
            .ok_or_else(|| Fail::bad("Ontology is mandatory for term creation"))?;
        if !state.ontologies.contains(ontology) {
            return Err(Fail::bad(format!(
                "ontology was not found with id: {ontology}"
            )));
        }
        check_write(call, state, ontology)?;
        if crud::taken(state, old, |t: &Self| {
            t.ontology == ontology && t.name == name
        }) {
            return Err(Fail::exists(format!(
                "Term {name} already exist in this ontology!"
            )));
        }
        let parent = json::reference(body, "parent", false, |id| {
            state.terms.get(id).is_some_and(|t| t.ontology == ontology)
        })?;
        // A body without `parent` keeps the parent relation (it lives in relation terms).
        let parent = if body.contains_key("parent") {
            parent
        } else {
            old.and_then(|o| o.parent)
        };
        Ok(Term {
            meta: Meta::blank(),
            name,
            comment: json::text(body, "comment"),
            ontology,
            color,
            parent,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let ontology = state.terms.get(id).map_or(0, |t| t.ontology);
        check_write(call, state, ontology)?;
        super::cascade::delete_term(state, id);
        Ok(())
    }
    fn after_add(call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        super::relation_term::follow_parent(state, id, call.now);
        Ok(())
    }
    fn after_update(call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        super::relation_term::follow_parent(state, id, call.now);
        Ok(())
    }
    fn callback_extra(&self, callback: &mut Map<String, Value>) {
        callback.insert("ontologyID".into(), self.ontology.into());
    }
}
