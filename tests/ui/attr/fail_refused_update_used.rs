// Each refused operation names its attribute, called as a method or required by generic code.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "projectrepresentativeuser", refuse(update, delete))]
pub struct Representative {
    pub id: Option<i64>,
}

fn needs_update<T: cytomine::Update>() {}

fn main() {
    needs_update::<Representative>();
}

#[allow(dead_code)]
async fn misuse(cm: &cytomine::Cytomine, mut r: Representative) -> cytomine::Result<()> {
    r.update(cm).await?;
    Representative::delete_by_id(cm, 3).await
}
