use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "position", filters(imageinstance(query(image))), params(image: i64))]
pub struct Position {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Position::list();
}
