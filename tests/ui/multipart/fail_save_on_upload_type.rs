// A type created by upload has no JSON `save`: the error points to `upload`.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "attachedfile", multipart(query(domain_ident)))]
pub struct AttachedFile {
    pub id: Option<i64>,
    pub domain_ident: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = AttachedFile::list();
}

#[allow(dead_code)]
async fn save(cm: &cytomine::Cytomine, file: &mut AttachedFile) -> cytomine::Result<()> {
    file.save(cm).await
}
