use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project", no_batch)]
pub struct Project {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "annotation")]
pub struct Annotation {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    assert!(!Project::BATCH_CREATE);
    assert!(Annotation::BATCH_CREATE);
}
