//! Ontology, Term and RelationTerm models against the emulator.

mod common;

use common::*;
use cytomine::models::{Ontology, Project, RelationTerm, Term};
use cytomine::prelude::*;

async fn ontology_with_terms(cm: &Cytomine, names: &[&str]) -> (Ontology, Vec<Term>) {
    let mut ontology = Ontology::new(unique("onto"));
    ontology.save(cm).await.unwrap();
    let mut terms = Vec::new();
    for name in names {
        let mut term = Term::new(*name, ontology.id.unwrap(), "#FF0000");
        term.save(cm).await.unwrap();
        terms.push(term);
    }
    (ontology, terms)
}

#[tokio::test]
async fn ontology_crud_light_list_and_round_trip() {
    let env = start().await;
    let cm = &env.cm;
    let (ontology, _) = ontology_with_terms(cm, &["a", "b"]).await;
    let id = ontology.id.unwrap();
    assert_eq!(
        ontology.class_name.as_deref(),
        Some("be.cytomine.domain.ontology.Ontology")
    );

    let mut fetched = assert_round_trip::<Ontology>(cm, &format!("ontology/{id}.json"), id).await;
    assert_eq!(fetched.name, ontology.name);
    assert_eq!(fetched.children.as_ref().map(Vec::len), Some(2));

    let new_name = unique("onto-renamed");
    fetched.name = Some(new_name.clone());
    fetched.update(cm).await.unwrap();
    assert_eq!(Ontology::fetch(cm, id).await.unwrap().name, Some(new_name));

    let full = Ontology::list().fetch(cm).await.unwrap();
    let item = full.find(|o| o.id == Some(id)).expect("listed");
    assert!(item.children.is_some());
    let light = Ontology::list().light(true).fetch(cm).await.unwrap();
    let item = light.find(|o| o.id == Some(id)).expect("listed light");
    assert!(item.name.is_some());
    assert!(item.children.is_none(), "light items carry no tree");

    fetched.delete(cm).await.unwrap();
    assert_not_found(&Ontology::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn term_crud_parent_and_not_found() {
    let env = start().await;
    let cm = &env.cm;
    let (ontology, terms) = ontology_with_terms(cm, &["parent"]).await;
    let parent = terms[0].id.unwrap();
    let mut child = Term::new("child", ontology.id.unwrap(), "#00FF00").with_parent(parent);
    child.save(cm).await.unwrap();
    let id = child.id.unwrap();
    assert_eq!(
        child.class_name.as_deref(),
        Some("be.cytomine.domain.ontology.Term")
    );

    let mut fetched = assert_round_trip::<Term>(cm, &format!("term/{id}.json"), id).await;
    assert_eq!(fetched.color.as_deref(), Some("#00FF00"));
    fetched.color = Some("#0000FF".into());
    fetched.update(cm).await.unwrap();
    assert_eq!(
        Term::fetch(cm, id).await.unwrap().color.as_deref(),
        Some("#0000FF")
    );

    Term::delete_by_id(cm, id).await.unwrap();
    assert_not_found(&Term::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn term_filters_by_ontology_and_project() {
    let env = start().await;
    let cm = &env.cm;
    let (ontology, terms) = ontology_with_terms(cm, &["x", "y"]).await;
    let (_, others) = ontology_with_terms(cm, &["z"]).await;
    let mut expected: Vec<_> = terms.iter().map(|t| t.id).collect();
    expected.sort();

    let mut of_ontology: Vec<_> = Term::list()
        .ontology(ontology.id.unwrap())
        .fetch(cm)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect();
    of_ontology.sort();
    assert_eq!(of_ontology, expected);

    let mut project = Project::new(unique("with-terms")).with_ontology(ontology.id.unwrap());
    project.save(cm).await.unwrap();
    let mut of_project: Vec<_> = Term::list()
        .project(project.id.unwrap())
        .fetch(cm)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect();
    of_project.sort();
    assert_eq!(of_project, expected);

    let all = Term::list().fetch(cm).await.unwrap();
    assert!(all.iter().any(|t| t.id == others[0].id));
}

#[tokio::test]
async fn relation_term_create_fetch_list_delete() {
    let env = start().await;
    let cm = &env.cm;
    let (_, terms) = ontology_with_terms(cm, &["p", "c"]).await;
    let (p, c) = (terms[0].id.unwrap(), terms[1].id.unwrap());
    let mut link = RelationTerm::new(p, c);
    link.save(cm).await.unwrap();
    assert!(link.id.is_some());

    let fetched = RelationTerm::fetch(cm, (p, c)).await.unwrap();
    assert_eq!((fetched.term1, fetched.term2), (Some(p), Some(c)));
    let of_parent = RelationTerm::list().term(p).fetch(cm).await.unwrap();
    assert!(of_parent.iter().any(|r| r.term2 == Some(c)));

    fetched.delete(cm).await.unwrap();
    assert_not_found(&RelationTerm::fetch(cm, (p, c)).await.unwrap_err());
}

#[test]
fn relation_term_refuses_update_and_uses_composite_paths() {
    let ops = RelationTerm::OPERATIONS;
    assert!(ops.fetch && ops.create && ops.delete);
    assert!(!ops.update);
    assert_eq!(RelationTerm::CREATE_PATH, "relation/parent/term.json");
    assert_eq!(
        RelationTerm::ITEM_PATH,
        "relation/parent/term1/{term1}/term2/{term2}.json"
    );
    assert_eq!(RelationTerm::ENVELOPE_KEY, "relationterm");
    let query = RelationTerm::list().term(5);
    assert_eq!(query.as_query().path().unwrap(), "relation/term/5.json");
    let unfiltered = RelationTerm::list();
    assert!(
        unfiltered.as_query().path().is_err(),
        "a filter is required"
    );
}
