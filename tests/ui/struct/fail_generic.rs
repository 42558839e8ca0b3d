use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project")]
pub struct Project<T> {
    pub id: Option<i64>,
    pub value: T,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {}
