use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project")]
pub struct Project(Option<i64>, String);

fn main() {
    let _ = Project::list();
}
