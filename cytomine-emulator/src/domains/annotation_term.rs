//! Annotation-term links (WIRE.md §3.12).

use serde_json::Value;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::{AnnotationTerm, Meta, State};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.write("POST", "annotation/{a}/term/{t}.json", add);
    r.get("annotation/{a}/term/{t}.json", get_link);
    r.get("annotation/{a}/term/{t}/user/{u}.json", get_link);
    r.write("DELETE", "annotation/{a}/term/{t}.json", delete_link);
    r.write(
        "DELETE",
        "annotation/{a}/term/{t}/user/{u}.json",
        delete_link,
    );
    r.get("annotation/{a}/term.json", list);
}

fn find_link(call: &Call, p: &Params, st: &State) -> Result<i64, Fail> {
    let user = p.id("u").unwrap_or(call.user()?.id);
    let (a, t) = (p.id("a").unwrap_or(0), p.id("t").unwrap_or(0));
    st.terms_of_annotation
        .get(&a)
        .into_iter()
        .flatten()
        .copied()
        .find(|id| {
            st.annotation_terms
                .get(*id)
                .is_some_and(|l| l.term == t && l.user == user)
        })
        .ok_or_else(|| Fail::not_found(format!("AnnotationTerm not found ({a},{t},{user})")))
}

fn get_link(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = find_link(call, p, st)?;
    crud::get::<AnnotationTerm>(call, st, Some(id), &id.to_string())
}

fn delete_link(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let id = find_link(call, p, st)?;
    crud::delete::<AnnotationTerm>(call, st, Some(id))
}

/// Not wrapped: failures (a duplicate included) come out through path B.
fn add(call: &Call, p: &Params, st: &mut State) -> Outcome {
    let mut body = if call.body.is_empty() {
        Body::new()
    } else {
        call.json_object()?
    };
    if !body.contains_key("userannotation") && !body.contains_key("annotationIdent") {
        body.insert("userannotation".into(), p.get("a").into());
    }
    if !body.contains_key("term") {
        body.insert("term".into(), p.get("t").into());
    }
    let id = crud::create_one::<AnnotationTerm>(call, st, &body)?;
    crud::added::<AnnotationTerm>(call, st, id)
}

fn list(call: &Call, p: &Params, st: &State) -> Outcome {
    let a = crud::find::<crate::store::Annotation>(call, st, p.id("a"), p.get("a"))?
        .meta
        .id;
    let user = call.int("idUser")?;
    let links: Vec<&AnnotationTerm> = st
        .terms_of_annotation
        .get(&a)
        .into_iter()
        .flatten()
        .filter_map(|id| st.annotation_terms.get(*id))
        .filter(|l| user.map_or(true, |u| l.user == u))
        .collect();
    paged(call, links, |l| l.view(st, call))
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
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("userannotation", self.annotation.into()),
                ("term", self.term.into()),
                ("user", self.user.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        let project = st.annotations.get(self.annotation).map_or(0, |a| a.project);
        acl::read_project(call, st, project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let key = if body.contains_key("userannotation") {
            "userannotation"
        } else {
            "annotationIdent"
        };
        let annotation =
            j::reference(body, key, true, |id| st.annotations.contains(id))?.unwrap_or(0);
        let project = st.annotations.get(annotation).map_or(0, |a| a.project);
        acl::write_project(call, st, project)?;
        let term = j::required_ref(body, "term", |id| st.terms.contains(id))?;
        super::annotation::check_term_in_project(st, term, project)?;
        let user = j::reference(body, "user", false, |id| st.users.contains(id))?
            .unwrap_or(call.user()?.id);
        let dup = st
            .terms_of_annotation
            .get(&annotation)
            .into_iter()
            .flatten()
            .any(|id| {
                st.annotation_terms
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
    fn after_add(_call: &Call, st: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        if let Some(a) = st.annotation_terms.get(id).map(|l| l.annotation) {
            st.terms_of_annotation.entry(a).or_default().push(id);
        }
        Ok(())
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st
            .annotation_terms
            .get(id)
            .and_then(|l| st.annotations.get(l.annotation))
            .map_or(0, |a| a.project);
        acl::write_project(call, st, project)?;
        super::cascade::delete_annotation_term(st, id);
        Ok(())
    }
}
