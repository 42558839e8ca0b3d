//! Relation terms (WIRE.md §3.4, classic format): the "parent" relation between two terms of an
//! ontology. A term's `parent` field follows the parent relation terms where it is `term2`.

use serde_json::Value;

use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::profiled;
use super::repository;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::route::Params;
use crate::store::{Meta, RelationTerm, State};

const PAIR: &str = "relation/{rel}/term1/{t1}/term2/{t2}.json";

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.write("POST", "relation/{rel}/term.json", |c, p, s| {
        let relation = relation_id(s, p.get("rel"))?;
        profiled::post_with::<RelationTerm>(c, s, |b| {
            b.entry("relation").or_insert(relation.into());
        })
    });
    r.write("DELETE", PAIR, |c, p, s| match by_pair(s, p) {
        Ok(id) => profiled::delete::<RelationTerm>(c, s, Some(id), &id.to_string()),
        Err(_) if c.is_repository() => Ok(repository::unable::<RelationTerm>(c, p.get("t2"))),
        Err(f) => Err(f),
    });
    if r.classic() {
        // `GET` by pair: in the spec and in core C, not in the M controllers (there: 405).
        r.get(PAIR, |c, p, s| {
            let id = by_pair(s, p)?;
            crud::get::<RelationTerm>(c, s, Some(id), &id.to_string())
        });
        r.get("relation/term/{id}.json", |c, p, s| {
            let term = p.id("id").unwrap_or(0);
            list(c, s, |r| r.term1 == term || r.term2 == term)
        });
    } else {
        // The repository's own paths: the relation by its id (WIRE.md §3.4).
        r.write("POST", "relation/term.json", |c, _, s| {
            let relation = s.parent_relation;
            profiled::post_with::<RelationTerm>(c, s, |b| {
                b.entry("relation").or_insert(relation.into());
            })
        });
        r.profiled::<RelationTerm>("relation/term")
            .get()
            .put()
            .delete();
    }
    r.get("relation/term/{side}/{id}.json", |c, p, s| {
        let term = p.id("id").unwrap_or(0);
        match p.get("side") {
            "1" => list(c, s, |r| r.term1 == term),
            "2" => list(c, s, |r| r.term2 == term),
            other => Err(Fail::bad(format!(
                "Term position must be 1 or 2, not {other}"
            ))),
        }
    });
}

/// `parent` or the numeric id of an existing relation (only "parent" exists).
fn relation_id(st: &State, raw: &str) -> Result<i64, Fail> {
    let id = if raw == "parent" {
        Some(st.parent_relation)
    } else {
        raw.parse().ok().filter(|id| *id == st.parent_relation)
    };
    id.ok_or_else(|| Fail::not_found(format!("Relation {raw} not found")))
}

fn by_pair(st: &State, p: &Params) -> Result<i64, Fail> {
    let relation = relation_id(st, p.get("rel"))?;
    let (t1, t2) = (p.id("t1"), p.id("t2"));
    st.relation_terms
        .iter()
        .find(|r| r.relation == relation && Some(r.term1) == t1 && Some(r.term2) == t2)
        .map(|r| r.meta.id)
        .ok_or_else(|| {
            let filters = format!(
                "Relation={relation}, Term={}, Term2={}",
                p.get("t1"),
                p.get("t2")
            );
            Fail::not_found_filters("RelationTerm", &filters)
        })
}

fn list(call: &Call, st: &State, keep: impl Fn(&RelationTerm) -> bool) -> Outcome {
    let items: Vec<&RelationTerm> = st
        .relation_terms
        .iter()
        .filter(|r| keep(r) && r.check_read(call, st).is_ok())
        .collect();
    profiled::list(call, st, items)
}

/// Make the parent relation terms of `term` follow its `parent` field (after a term is saved).
pub fn follow_parent(st: &mut State, term: i64, now: i64) {
    let parent = st.terms.get(term).and_then(|t| t.parent);
    let relation = st.parent_relation;
    st.relation_terms
        .remove_where(|r| r.relation == relation && r.term2 == term && Some(r.term1) != parent);
    let Some(parent) = parent else { return };
    let exists = st
        .relation_terms
        .iter()
        .any(|r| r.relation == relation && r.term2 == term);
    if !exists {
        let meta = st.meta(now);
        let link = RelationTerm {
            meta,
            relation,
            term1: parent,
            term2: term,
        };
        st.relation_terms.insert(meta.id, link);
    }
}

/// Set the child's `parent` field from the parent relation term `id` (or clear it).
fn set_parent(st: &mut State, id: i64, present: bool) {
    let Some(r) = st.relation_terms.get(id).cloned() else {
        return;
    };
    if r.relation != st.parent_relation {
        return;
    }
    if let Some(child) = st.terms.get_mut(r.term2) {
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
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("relation", self.relation.into()),
                ("term1", self.term1.into()),
                ("term2", self.term2.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        let term = st.terms.get(self.term1);
        match term.and_then(|t| st.ontologies.get(t.ontology)) {
            Some(o) if super::ontology::readable(call, st, o) => Ok(()),
            _ => Err(super::acl::denied(Self::CLASS, self.meta.id)),
        }
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let relation = j::int(body, "relation").unwrap_or(st.parent_relation);
        if relation != st.parent_relation {
            return Err(Fail::bad(format!(
                "relation was not found with id: {relation}"
            )));
        }
        let term1 = j::required_ref(body, "term1", |id| st.terms.contains(id))?;
        let term2 = j::required_ref(body, "term2", |id| st.terms.contains(id))?;
        let ontology = |t: i64| st.terms.get(t).map(|t| t.ontology);
        if ontology(term1) != ontology(term2) || term1 == term2 {
            return Err(Fail::bad(
                "The two terms must be different terms of the same ontology",
            ));
        }
        super::term::check_write(call, st, ontology(term1).unwrap_or(0))?;
        let dup = crud::taken(st, old, |r: &Self| {
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
    fn after_add(_call: &Call, st: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        set_parent(st, id, true);
        Ok(())
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let ontology = st
            .relation_terms
            .get(id)
            .and_then(|r| st.terms.get(r.term1))
            .map_or(0, |t| t.ontology);
        super::term::check_write(call, st, ontology)?;
        set_parent(st, id, false);
        Ok(())
    }
}
