use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "position", params(show_details: bool default 1, users: Vec<i64> default 5))]
pub struct Position {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Position::list();
}
