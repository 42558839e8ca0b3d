//! Ontologies with their term tree (WIRE.md §3.2, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::Domain;
use super::json::{self as j, Body};
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
pub fn routes(r: &mut Routes) {
    r.get("ontology.json", list);
    r.profiled::<Ontology>("ontology").all();
    if !r.classic() {
        r.get("ontology_light.json", |c, _, s| {
            let items = own_ontologies(c, s)?;
            Ok(spring_paged(
                c,
                items,
                |o| json!({"id": o.meta.id, "name": o.name}),
            ))
        });
    }
}

/// The repository lists only the ontologies the caller created (WIRE.md §3.2).
fn own_ontologies<'a>(call: &Call, st: &'a State) -> Result<Vec<&'a Ontology>, Fail> {
    let caller = call.user()?.id;
    Ok(st
        .ontologies
        .iter()
        .rev()
        .filter(|o| o.user == caller)
        .collect())
}

/// Whether the caller may read ontology `o`: creator, admin, or member of a project using it.
pub fn readable(call: &Call, st: &State, o: &Ontology) -> bool {
    call.caller.as_ref().is_some_and(|c| {
        c.admin_by_now
            || c.id == o.user
            || st
                .projects
                .iter()
                .any(|p| p.ontology == Some(o.meta.id) && acl::can_read(c, p))
    })
}

fn list(call: &Call, _p: &Params, st: &State) -> Outcome {
    if call.is_repository() {
        return repository::list(call, st, own_ontologies(call, st)?);
    }
    let items: Vec<&Ontology> = st
        .ontologies
        .iter()
        .rev()
        .filter(|o| readable(call, st, o))
        .collect();
    if call.flag_or("light", false) {
        return paged(call, items, |o| json!({"id": o.meta.id, "name": o.name}));
    }
    paged(call, items, |o| o.view(st, call))
}

fn tree_node(st: &State, t: &Term) -> Value {
    json!({
        "name": t.name, "id": t.meta.id, "title": t.name, "data": t.name, "color": t.color,
        "class": TERM_CLASS, "parent": t.parent,
        "attr": {"id": t.meta.id, "type": TERM_CLASS}, "checked": false, "key": t.meta.id,
        "children": children(st, t.ontology, Some(t.meta.id)),
        "isFolder": st.terms.iter().any(|c| c.parent == Some(t.meta.id)), "hideCheckbox": false,
    })
}

fn children(st: &State, ontology: i64, parent: Option<i64>) -> Vec<Value> {
    let mut terms: Vec<&Term> = st
        .terms
        .iter()
        .filter(|t| t.ontology == ontology && t.parent == parent)
        .collect();
    terms.sort_by(|a, b| a.name.cmp(&b.name));
    terms.into_iter().map(|t| tree_node(st, t)).collect()
}

impl Domain for Ontology {
    const CLASS: &'static str = "be.cytomine.domain.ontology.Ontology";
    table_access!(ontologies);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, st: &State, call: &Call) -> Value {
        let projects: Vec<Value> = st
            .projects
            .iter()
            .filter(|p| p.ontology == Some(self.meta.id))
            .map(|p: &Project| p.view(st, call))
            .collect();
        j::object(
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
                ("children", children(st, self.meta.id, None).into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::allow(readable(call, st, self), Self::CLASS, self.meta.id)
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let (name, user) = user_owned::named(call, st, body, old, |o: &Self| &o.name)?;
        Ok(Ontology {
            meta: Meta::blank(),
            name,
            user,
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, st, id)?;
        if st.projects.iter().any(|p| p.ontology == Some(id)) {
            return Err(Fail::bad(
                "Ontology is linked with project. Cannot delete ontology!",
            ));
        }
        for t in st.terms.ids_where(|t| t.ontology == id) {
            super::cascade::delete_term(st, t);
        }
        Ok(())
    }
}

impl UserOwned for Ontology {
    fn owner(&self) -> i64 {
        self.user
    }
}
