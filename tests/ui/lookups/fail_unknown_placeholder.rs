use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "property", fetch_by(key = "property/key/{kye}.json"))]
pub struct Property {
    pub id: Option<i64>,
    pub key: Option<String>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Property::list();
}
