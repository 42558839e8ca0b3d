use cytomine::{Filter, Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "user", list = "user.json",
           filters(project, ontology, admin = "project/{}/admin.json"))]
pub struct User {
    pub id: Option<i64>,
    pub username: String,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    assert_eq!(User::FILTERS[2], Filter { name: "admin", path: "project/{}/admin.json", query: &[] });
    let query = User::list().admin(42);
    assert_eq!(query.as_query().path().unwrap(), "project/42/admin.json");
    let query = User::list().project(42);
    assert_eq!(query.as_query().path().unwrap(), "project/42/user.json");
}
