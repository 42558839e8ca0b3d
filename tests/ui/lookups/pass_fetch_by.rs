// `fetch_by(name = "template")` adds `fetch_by_<name>`, one typed argument per placeholder.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "property",
           item = "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
           fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json",
                    number = "property/{id}/number/{rank}.json"))]
pub struct Property {
    pub id: Option<i64>,
    pub domain_class_name: Option<String>,
    pub domain_ident: Option<i64>,
    pub key: Option<String>,
    pub rank: Option<u32>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

#[allow(dead_code)]
async fn lookups(cm: &cytomine::Cytomine) -> cytomine::Result<(Property, Property)> {
    let by_key = Property::fetch_by_key(cm, "be.cytomine.domain.project.Project", 42, "stain").await?;
    let by_rank = Property::fetch_by_number(cm, 5, 2_u32).await?;
    Ok((by_key, by_rank))
}

fn main() {
    assert_eq!(Property::LOOKUPS.len(), 2);
    assert_eq!(Property::LOOKUPS[1].path, "property/{id}/number/{rank}.json");
}
