//! Annotation-term links (docs/protocol.md §3.12).

use serde_json::Value;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::{AnnotationTerm, Meta, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.write("POST", "annotation/{a}/term/{t}.json", add);
    routes.get("annotation/{a}/term/{t}.json", get_link);
    routes.get("annotation/{a}/term/{t}/user/{u}.json", get_link);
    routes.write("DELETE", "annotation/{a}/term/{t}.json", delete_link);
    routes.write(
        "DELETE",
        "annotation/{a}/term/{t}/user/{u}.json",
        delete_link,
    );
    routes.get("annotation/{a}/term.json", list);
}

fn find_link(call: &Call, params: &Params, state: &State) -> Result<i64, Fail> {
    let user = params.id("u").unwrap_or(call.user()?.id);
    let (a, t) = (params.id("a").unwrap_or(0), params.id("t").unwrap_or(0));
    state
        .terms_of_annotation
        .get(&a)
        .into_iter()
        .flatten()
        .copied()
        .find(|id| {
            state
                .annotation_terms
                .get(*id)
                .is_some_and(|l| l.term == t && l.user == user)
        })
        .ok_or_else(|| Fail::not_found(format!("AnnotationTerm not found ({a},{t},{user})")))
}

fn get_link(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = find_link(call, params, state)?;
    crud::get::<AnnotationTerm>(call, state, Some(id), &id.to_string())
}

fn delete_link(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let id = find_link(call, params, state)?;
    crud::delete::<AnnotationTerm>(call, state, Some(id))
}

/// Not wrapped: failures (a duplicate included) come out through path B.
fn add(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let mut body = if call.body.is_empty() {
        Body::new()
    } else {
        call.json_object()?
    };
    if !body.contains_key("userannotation") && !body.contains_key("annotationIdent") {
        body.insert("userannotation".into(), params.get("a").into());
    }
    if !body.contains_key("term") {
        body.insert("term".into(), params.get("t").into());
    }
    let id = crud::create_one::<AnnotationTerm>(call, state, &body)?;
    crud::added::<AnnotationTerm>(call, state, id)
}

fn list(call: &Call, params: &Params, state: &State) -> Outcome {
    let a = crud::find::<crate::store::Annotation>(call, state, params.id("a"), params.get("a"))?
        .meta
        .id;
    let user = call.int("idUser")?;
    let links: Vec<&AnnotationTerm> = state
        .terms_of_annotation
        .get(&a)
        .into_iter()
        .flatten()
        .filter_map(|id| state.annotation_terms.get(*id))
        .filter(|l| user.is_none_or(|u| l.user == u))
        .collect();
    paged(call, links, |l| l.view(state, call))
}

impl Domain for AnnotationTerm {
    const CLASS: &'static str = "be.cytomine.domain.ontology.AnnotationTerm";
    table_access!(annotation_terms);
    fn label(&self) -> String {
        format!("{}/{}", self.annotation, self.term)
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("AnnotationTerm {id} not found"))
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("userannotation", self.annotation.into()),
                ("term", self.term.into()),
                ("user", self.user.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        let project = state
            .annotations
            .get(self.annotation)
            .map_or(0, |a| a.project);
        acl::read_project(call, state, project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let key = if body.contains_key("userannotation") {
            "userannotation"
        } else {
            "annotationIdent"
        };
        let annotation =
            json::reference(body, key, true, |id| state.annotations.contains(id))?.unwrap_or(0);
        let project = state.annotations.get(annotation).map_or(0, |a| a.project);
        acl::write_project(call, state, project)?;
        let term = json::required_ref(body, "term", |id| state.terms.contains(id))?;
        super::annotation::check_term_in_project(state, term, project)?;
        let user = json::reference(body, "user", false, |id| state.users.contains(id))?
            .unwrap_or(call.user()?.id);
        let dup = state
            .terms_of_annotation
            .get(&annotation)
            .into_iter()
            .flatten()
            .any(|id| {
                state
                    .annotation_terms
                    .get(*id)
                    .is_some_and(|l| l.term == term && l.user == user)
            });
        if dup {
            return Err(Fail::exists(format!(
                "AnnotationTerm with annotation={annotation} and term={term} and user={user} already exist!"
            )));
        }
        Ok(AnnotationTerm {
            meta: Meta::blank(),
            annotation,
            term,
            user,
        })
    }
    fn after_add(_call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        if let Some(a) = state.annotation_terms.get(id).map(|l| l.annotation) {
            state.terms_of_annotation.entry(a).or_default().push(id);
        }
        Ok(())
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state
            .annotation_terms
            .get(id)
            .and_then(|l| state.annotations.get(l.annotation))
            .map_or(0, |a| a.project);
        acl::write_project(call, state, project)?;
        super::cascade::delete_annotation_term(state, id);
        Ok(())
    }
}
