// `refuse(list)`: the type has no collection, so `list()` does not compile.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "description", refuse(list))]
pub struct Description {
    pub id: Option<i64>,
    pub data: Option<String>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Description::list();
}
