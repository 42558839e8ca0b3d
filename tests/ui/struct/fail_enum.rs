use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone)]
#[resource(path = "project")]
pub enum Project {
    A,
    B,
}

fn main() {
    let _ = Project::list();
}
