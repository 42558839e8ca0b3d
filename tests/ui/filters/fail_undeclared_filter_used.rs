// A filter the resource does not declare does not compile.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project", filters(user, ontology))]
pub struct Project {
    pub id: Option<i64>,
    pub name: String,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Project::list().user(7);
    let _ = Project::list().image(5);
}
