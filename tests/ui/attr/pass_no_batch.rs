use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project", no_batch)]
pub struct Project {
    pub id: Option<i64>,
}

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "annotation")]
pub struct Annotation {
    pub id: Option<i64>,
}

fn main() {
    assert!(!Project::BATCH_CREATE);
    assert!(Annotation::BATCH_CREATE);
}
