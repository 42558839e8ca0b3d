// The generated lookup is typed: the id part takes an `i64`, not text.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "property", fetch_by(key = "domain/{domain_ident}/key/{key}/property.json"))]
pub struct Property {
    pub id: Option<i64>,
    pub domain_ident: Option<i64>,
    pub key: Option<String>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let _ = Property::list();
}

#[allow(dead_code)]
async fn lookup(cm: &cytomine::Cytomine) -> cytomine::Result<Property> {
    Property::fetch_by_key(cm, "42", "stain").await
}
