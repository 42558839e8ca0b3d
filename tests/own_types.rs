//! A user's own resource type, shaped like the README's "Your own resource types" example (only
//! `id`, `name` and `extra`): fetched then updated, it leaves every attribute it does not name as
//! it was on the server. The server rebuilds the object from the `PUT` body (docs/protocol.md
//! §2.4), so this holds only because `extra` sends back what the type does not declare.

mod common;

use common::*;
use cytomine::models::{Ontology, Project};
use cytomine::prelude::*;
use cytomine::Resource;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The README's example type.
#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project", filters(user, ontology))]
#[serde(rename_all = "camelCase")]
pub struct MyProject {
    pub id: Option<i64>,
    pub name: String,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

/// The project as the server sends it, every attribute in `extra`.
#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project", refuse(create, update, delete))]
pub struct RawProject {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

/// Every attribute of project `id` on the server but those an update changes by itself.
async fn attributes(cm: &Cytomine, id: i64) -> serde_json::Map<String, Value> {
    let mut raw = RawProject::fetch(cm, id)
        .await
        .expect("raw project fetched")
        .extra
        .0;
    raw.remove("updated");
    raw
}

#[tokio::test]
async fn own_type_update_keeps_every_attribute_it_does_not_name() {
    let env = start().await;
    let cm = &env.cm;
    let mut ontology = Ontology::new(unique("own-onto"));
    ontology.save(cm).await.unwrap();
    let mut project = Project::new(unique("own")).with_ontology(ontology.id.unwrap());
    project.blind_mode = Some(true);
    project.are_images_downloadable = Some(true);
    project.hide_users_layers = Some(true);
    project.is_read_only = Some(true);
    project.save(cm).await.unwrap();
    let id = project.id.unwrap();
    let before = attributes(cm, id).await;
    assert_eq!(before["blindMode"], true, "{before:?}");

    let mut mine = MyProject::fetch(cm, id).await.unwrap();
    assert!(mine.extra.contains_key("blindMode"), "{:?}", mine.extra);
    let renamed = unique("renamed");
    mine.name = renamed.clone();
    mine.update(cm).await.unwrap();

    let mut after = attributes(cm, id).await;
    assert_eq!(after.remove("name"), Some(Value::from(renamed.as_str())));
    let mut expected = before;
    expected.remove("name");
    assert_eq!(after, expected);

    let full = Project::fetch(cm, id).await.unwrap();
    assert_eq!(full.name.as_deref(), Some(renamed.as_str()));
    assert_eq!(full.blind_mode, Some(true));
    assert_eq!(full.ontology, ontology.id);
    assert_eq!(full.are_images_downloadable, Some(true));
    assert_eq!(full.hide_users_layers, Some(true));
    assert_eq!(full.is_read_only, Some(true));
}
