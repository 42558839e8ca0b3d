// Domain-scoped and composite-key paths: placeholders name struct fields.
use cytomine::__private::KeyParts;
use cytomine::{Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "property",
           create = "domain/{domain_class_name}/{domain_ident}/property.json",
           item = "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
           filters(domain = "domain/{}/{}/property.json"), filter_required,
           refuse(update))]
pub struct Property {
    pub id: Option<i64>,
    pub domain_class_name: Option<String>,
    pub domain_ident: Option<i64>,
    pub key: String,
}

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "annotationterm", item = "annotation/{userannotation}/term/{term}.json",
           refuse(update))]
pub struct AnnotationTerm {
    pub id: Option<i64>,
    pub userannotation: Option<i64>,
    pub term: i64,
}

fn takes_key<R: Resource>(key: R::Key) -> Vec<String> {
    key.parts()
}

fn main() {
    assert_eq!(Property::KEY_NAMES, &["domain_class_name", "domain_ident", "id"]);
    let parts = takes_key::<Property>(("be.cytomine.domain.project.Project".to_string(), 7, 42));
    assert_eq!(parts, ["be.cytomine.domain.project.Project", "7", "42"]);
    let property = Property {
        id: Some(42),
        domain_class_name: Some("be.cytomine.domain.project.Project".into()),
        domain_ident: Some(7),
        key: "k".into(),
    };
    assert_eq!(property.path_param("domain_ident").as_deref(), Some("7"));
    let query = Property::list().domain("be.cytomine.domain.project.Project", 7);
    assert_eq!(
        query.as_query().path().unwrap(),
        "domain/be.cytomine.domain.project.Project/7/property.json"
    );

    assert_eq!(AnnotationTerm::KEY_NAMES, &["userannotation", "term"]);
    assert_eq!(takes_key::<AnnotationTerm>((5, 9)), ["5", "9"]);
    assert_eq!(AnnotationTerm::ENVELOPE_KEY, "annotationterm");
}
