//! Terms (WIRE.md §3.3, classic format).

use serde_json::{Map, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::profiled;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::route::Params;
use crate::store::{Meta, State, Term};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    if r.classic() {
        // The repository has no list of all terms: a GET there is a 405 (WIRE.md §3.3).
        r.get("term.json", list);
    }
    r.profiled::<Term>("term").all();
    r.get("ontology/{id}/term.json", by_ontology);
    r.get("project/{id}/term.json", by_project);
}

fn readable(call: &Call, st: &State, t: &Term) -> bool {
    st.ontologies
        .get(t.ontology)
        .is_some_and(|o| super::ontology::readable(call, st, o))
}

fn list_where(call: &Call, st: &State, pred: impl Fn(&Term) -> bool) -> Outcome {
    let items: Vec<&Term> = st
        .terms
        .iter()
        .filter(|t| pred(t) && readable(call, st, t))
        .collect();
    profiled::list(call, st, items)
}

fn list(call: &Call, _p: &Params, st: &State) -> Outcome {
    list_where(call, st, |_| true)
}

fn by_ontology(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = p.id("id").filter(|id| st.ontologies.contains(*id));
    let id =
        id.ok_or_else(|| Fail::not_found_filters("Ontology", &format!("id={}", p.get("id"))))?;
    list_where(call, st, |t| t.ontology == id)
}

fn by_project(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = p
        .id("id")
        .ok_or_else(|| Fail::not_found_filters("Project", &format!("id={}", p.get("id"))))?;
    let ontology = acl::read_project(call, st, id)?.ontology;
    list_where(call, st, |t| Some(t.ontology) == ontology)
}

/// Whether the caller may change the terms (and relations) of `ontology`.
pub fn check_write(call: &Call, st: &State, ontology: i64) -> Result<(), Fail> {
    let caller = acl::not_guest(call)?;
    let owner = st.ontologies.get(ontology).map_or(0, |o| o.user);
    let member = st
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
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("comment", j::opt(self.comment.clone())),
                ("ontology", self.ontology.into()),
                ("color", self.color.clone().into()),
                ("parent", j::opt(self.parent)),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::allow(readable(call, st, self), Self::CLASS, self.meta.id)
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let name = j::required_text(body, "name")?;
        let color = j::required_text(body, "color")?;
        let ontology = j::int(body, "ontology")
            .ok_or_else(|| Fail::bad("Ontology is mandatory for term creation"))?;
        if !st.ontologies.contains(ontology) {
            return Err(Fail::bad(format!(
                "ontology was not found with id: {ontology}"
            )));
        }
        check_write(call, st, ontology)?;
        if crud::taken(st, old, |t: &Self| t.ontology == ontology && t.name == name) {
            return Err(Fail::exists(format!(
                "Term {name} already exist in this ontology!"
            )));
        }
        let parent = j::reference(body, "parent", false, |id| {
            st.terms.get(id).is_some_and(|t| t.ontology == ontology)
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
            comment: j::text(body, "comment"),
            ontology,
            color,
            parent,
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let ontology = st.terms.get(id).map_or(0, |t| t.ontology);
        check_write(call, st, ontology)?;
        super::cascade::delete_term(st, id);
        Ok(())
    }
    fn after_add(call: &Call, st: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        super::relation_term::follow_parent(st, id, call.now);
        Ok(())
    }
    fn after_update(call: &Call, st: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        super::relation_term::follow_parent(st, id, call.now);
        Ok(())
    }
    fn callback_extra(&self, cb: &mut Map<String, Value>) {
        cb.insert("ontologyID".into(), self.ontology.into());
    }
}
