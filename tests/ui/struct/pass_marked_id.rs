// The id field may have another name when marked `#[resource(id)]`; visibility is kept.
use cytomine::Resource;
use serde::{Deserialize, Serialize};

mod inner {
    use super::*;

    #[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
    #[resource(path = "imagegroup")]
    pub(crate) struct ImageGroup {
        #[resource(id)]
        #[serde(rename = "id")]
        pub(crate) ident: Option<i64>,
        pub(crate) name: String,
        #[serde(flatten)]
        pub(crate) extra: cytomine::Extra,
    }
}

fn main() {
    let mut group = inner::ImageGroup::default();
    group.set_id(Some(3));
    assert_eq!(group.ident, Some(3));
    assert_eq!(group.path_param("id").as_deref(), Some("3"));
    let _list: inner::ImageGroupList = inner::ImageGroup::list();
}
