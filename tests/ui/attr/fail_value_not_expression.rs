use cytomine::{Create, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = pub(crate))]
pub struct Project {
    pub id: Option<i64>,
    pub name: String,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Project::list();
}

#[allow(dead_code)]
async fn save(cm: &cytomine::Cytomine, project: &mut Project) -> cytomine::Result<()> {
    project.save(cm).await
}
