// `refuse(list)`: no `Listable`, and `OPERATIONS.list` is false; CRUD is unchanged.
use cytomine::{Fetch, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "description", item = "domain/{domain_ident}/description.json", refuse(list))]
pub struct Description {
    pub id: Option<i64>,
    pub domain_ident: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

#[allow(dead_code)]
async fn fetch(cm: &cytomine::Cytomine) -> cytomine::Result<Description> {
    Description::fetch(cm, 42).await
}

fn main() {
    assert!(!Description::OPERATIONS.list);
    let q = <DescriptionList as cytomine::Query>::from_query(cytomine::ListQuery::new());
    assert!(cytomine::Query::as_query(&q).path().is_err(), "no collection path either");
}
