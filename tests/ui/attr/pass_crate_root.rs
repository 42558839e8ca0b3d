// `crate = ".."` changes the path through which the generated code reaches the runtime.
mod runtime {
    pub use cytomine::*;
}

use serde::{Deserialize, Serialize};

#[derive(runtime::Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "tag", envelope = "tagged", crate = "crate::runtime")]
pub struct Tag {
    pub id: Option<i64>,
    pub name: String,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    use runtime::Resource;
    assert_eq!(Tag::ENVELOPE_KEY, "tagged");
    assert_eq!(Tag::CLASS_NAME, None);
}
