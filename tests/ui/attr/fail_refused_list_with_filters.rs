use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "description", filters(project), filter_required, refuse(list))]
pub struct Description {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Description::OPERATIONS;
}
