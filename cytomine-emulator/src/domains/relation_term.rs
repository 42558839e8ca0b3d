//! Relation terms (docs/protocol.md §3.4, classic format): the "parent" relation between two terms of an
//! ontology. A term's `parent` field follows the parent relation terms where it is `term2`.

use serde_json::Value;

use super::crud::{self, Domain};
use super::json::{self, Body};
use super::profiled;
use super::repository;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::route::Params;
use crate::store::{Meta, RelationTerm, State};

const PAIR: &str = "relation/{rel}/term1/{t1}/term2/{t2}.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.write("POST", "relation/{rel}/term.json", |call, params, state| {
        let relation = relation_id(state, params.get("rel"))?;
        profiled::post_with::<RelationTerm>(call, state, |b| {
            b.entry("relation").or_insert(relation.into());
        })
    });
    routes.write("DELETE", PAIR, |call, params, state| {
        match by_pair(state, params) {
            Ok(id) => profiled::delete::<RelationTerm>(call, state, Some(id), &id.to_string()),
            Err(_) if call.is_repository() => {
                Ok(repository::unable::<RelationTerm>(call, params.get("t2")))
            }
            Err(f) => Err(f),
        }
    });
    if routes.classic() {
        // `GET` by pair: in the spec and in core C, not in the M controllers (there: 405).
        routes.get(PAIR, |call, params, state| {
            let id = by_pair(state, params)?;
            crud::get::<RelationTerm>(call, state, Some(id), &id.to_string())
        });
        routes.get("relation/term/{id}.json", |call, params, state| {
            let term = params.id("id").unwrap_or(0);
            list(call, state, |relation| {
                relation.term1 == term || relation.term2 == term
            })
        });
    } else {
        // The repository's own paths: the relation by its id (docs/protocol.md §3.4).
        routes.write("POST", "relation/term.json", |call, _, state| {
            let relation = state.parent_relation;
            profiled::post_with::<RelationTerm>(call, state, |b| {
                b.entry("relation").or_insert(relation.into());
            })
        });
        routes
            .profiled::<RelationTerm>("relation/term")
            .get()
            .put()
            .delete();
    }
    routes.get("relation/term/{side}/{id}.json", |call, params, state| {
        let term = params.id("id").unwrap_or(0);
        match params.get("side") {
            "1" => list(call, state, |relation| relation.term1 == term),
            "2" => list(call, state, |relation| relation.term2 == term),
            other => Err(Fail::bad(format!(
                "Term position must be 1 or 2, not {other}"
            ))),
        }
    });
}

/// `parent` or the numeric id of an existing relation (only "parent" exists).
fn relation_id(state: &State, raw: &str) -> Result<i64, Fail> {
    let id = if raw == "parent" {
        Some(state.parent_relation)
    } else {
        raw.parse().ok().filter(|id| *id == state.parent_relation)
    };
    id.ok_or_else(|| Fail::not_found(format!("Relation {raw} not found")))
}

fn by_pair(state: &State, params: &Params) -> Result<i64, Fail> {
    let relation = relation_id(state, params.get("rel"))?;
    let (t1, t2) = (params.id("t1"), params.id("t2"));
    state
        .relation_terms
        .iter()
        .find(|r| r.relation == relation && Some(r.term1) == t1 && Some(r.term2) == t2)
        .map(|r| r.meta.id)
        .ok_or_else(|| {
            let filters = format!(
                "Relation={relation}, Term={}, Term2={}",
                params.get("t1"),
                params.get("t2")
            );
            Fail::not_found_filters("RelationTerm", &filters)
        })
}

fn list(call: &Call, state: &State, keep: impl Fn(&RelationTerm) -> bool) -> Outcome {
    let items: Vec<&RelationTerm> = state
        .relation_terms
        .iter()
        .filter(|r| keep(r) && r.check_read(call, state).is_ok())
        .collect();
    profiled::list(call, state, items)
}

/// Make the parent relation terms of `term` follow its `parent` field (after a term is saved).
pub(crate) fn follow_parent(state: &mut State, term: i64, now: i64) {
    let parent = state.terms.get(term).and_then(|t| t.parent);
    let relation = state.parent_relation;
    state
        .relation_terms
        .remove_where(|r| r.relation == relation && r.term2 == term && Some(r.term1) != parent);
    let Some(parent) = parent else { return };
    let exists = state
        .relation_terms
        .iter()
        .any(|r| r.relation == relation && r.term2 == term);
    if !exists {
        let meta = state.meta(now);
        let link = RelationTerm {
            meta,
            relation,
            term1: parent,
            term2: term,
        };
        state.relation_terms.insert(meta.id, link);
    }
}

/// Set the child's `parent` field from the parent relation term `id` (or clear it).
fn set_parent(state: &mut State, id: i64, present: bool) {
    let Some(r) = state.relation_terms.get(id).cloned() else {
        return;
    };
    if r.relation != state.parent_relation {
        return;
    }
    if let Some(child) = state.terms.get_mut(r.term2) {
        if present {
            child.parent = Some(r.term1);
        } else if child.parent == Some(r.term1) {
            child.parent = None;
        }
    }
}

impl Domain for RelationTerm {
    const CLASS: &'static str = "be.cytomine.domain.ontology.RelationTerm";
    table_access!(relation_terms);
    fn label(&self) -> String {
        format!("{}/{}", self.term1, self.term2)
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("relation", self.relation.into()),
                ("term1", self.term1.into()),
                ("term2", self.term2.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        let term = state.terms.get(self.term1);
        match term.and_then(|t| state.ontologies.get(t.ontology)) {
            Some(o) if super::ontology::readable(call, state, o) => Ok(()),
            _ => Err(super::acl::denied(Self::CLASS, self.meta.id)),
        }
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let relation = json::int(body, "relation").unwrap_or(state.parent_relation);
        if relation != state.parent_relation {
            return Err(Fail::bad(format!(
                "relation was not found with id: {relation}"
            )));
        }
        let term1 = json::required_ref(body, "term1", |id| state.terms.contains(id))?;
        let term2 = json::required_ref(body, "term2", |id| state.terms.contains(id))?;
        let ontology = |t: i64| state.terms.get(t).map(|t| t.ontology);
        if ontology(term1) != ontology(term2) || term1 == term2 {
            return Err(Fail::bad(
                "The two terms must be different terms of the same ontology",
            ));
        }
        super::term::check_write(call, state, ontology(term1).unwrap_or(0))?;
        let dup = crud::taken(state, old, |r: &Self| {
            (r.relation, r.term1, r.term2) == (relation, term1, term2)
        });
        if dup {
            return Err(Fail::exists(format!(
                "RelationTerm with relation={relation}, term1={term1} and term2={term2} already exist!"
            )));
        }
        Ok(RelationTerm {
            meta: Meta::blank(),
            relation,
            term1,
            term2,
        })
    }
    fn after_add(_call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        set_parent(state, id, true);
        Ok(())
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let ontology = state
            .relation_terms
            .get(id)
            .and_then(|r| state.terms.get(r.term1))
            .map_or(0, |t| t.ontology);
        super::term::check_write(call, state, ontology)?;
        set_parent(state, id, false);
        Ok(())
    }
}
