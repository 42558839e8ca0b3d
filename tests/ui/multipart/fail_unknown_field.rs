use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "attachedfile", multipart(part = "files[]", query(domain_idnet)))]
pub struct AttachedFile {
    pub id: Option<i64>,
    pub domain_ident: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = AttachedFile::list();
}
