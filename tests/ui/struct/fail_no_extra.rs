// An updatable type must keep the attributes it does not declare: an update sends the whole
// object and the server rebuilds it, so without `extra` the others would be reset.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project")]
#[serde(rename_all = "camelCase")]
pub struct MyProject {
    pub id: Option<i64>,
    pub name: String,
}

fn main() {
    let _ = MyProject::list();
}
