use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "projectconnection",
           filters(project_user(path = "project/{}/userconnection/{}.json", query(project))))]
pub struct ProjectConnection {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = ProjectConnection::list();
}
