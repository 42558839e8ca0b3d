// `multipart(..)` makes the create an upload: `upload` exists, `save` (JSON) does not.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "attachedfile", refuse(update),
           multipart(query(domain_ident, domain_class_name, filename = "name")))]
pub struct AttachedFile {
    pub id: Option<i64>,
    pub domain_class_name: Option<String>,
    pub domain_ident: Option<i64>,
    pub filename: Option<String>,
}

#[allow(dead_code)]
async fn upload(cm: &cytomine::Cytomine, file: &mut AttachedFile) -> cytomine::Result<()> {
    file.upload(cm, "/tmp/protocol.pdf").await
}

fn main() {
    let spec = AttachedFile::MULTIPART.unwrap();
    assert_eq!(spec.part, "files[]");
    assert_eq!(
        spec.query,
        &[("domainIdent", "domain_ident"), ("domainClassName", "domain_class_name"), ("name", "filename")]
    );
    assert!(AttachedFile::OPERATIONS.create);
    let file = AttachedFile { domain_ident: Some(7), filename: Some("a.txt".into()), ..Default::default() };
    assert_eq!(
        cytomine::__private::multipart_query(&file),
        [("domainIdent".to_string(), "7".to_string()), ("name".to_string(), "a.txt".to_string())]
    );
}
