use cytomine::{Filter, Operations, Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "project", class = "be.cytomine.domain.project.Project", filters(user, ontology))]
pub struct Project {
    pub id: Option<i64>,
    pub name: String,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    assert_eq!(Project::PATH, "project");
    assert_eq!(Project::ENVELOPE_KEY, "project");
    assert_eq!(Project::CLASS_NAME, Some("be.cytomine.domain.project.Project"));
    assert_eq!(Project::CREATE_PATH, "project.json");
    assert_eq!(Project::ITEM_PATH, "project/{id}.json");
    assert_eq!(Project::KEY_NAMES, &["id"]);
    assert_eq!(Project::LIST_PATH, "project.json");
    assert_eq!(
        Project::FILTERS,
        &[
            Filter { name: "user", path: "user/{}/project.json", query: &[] },
            Filter { name: "ontology", path: "ontology/{}/project.json", query: &[] },
        ]
    );
    assert!(!Project::FILTER_REQUIRED);
    assert_eq!(
        Project::OPERATIONS,
        Operations { fetch: true, create: true, update: true, delete: true, list: true }
    );

    let mut project = Project { id: None, name: "p".into(), ..Default::default() };
    project.set_id(Some(42));
    assert_eq!(project.id(), Some(42));
    assert_eq!(project.path_param("id").as_deref(), Some("42"));
    assert_eq!(project.path_param("name"), None);

    let query = Project::list().ontology(100);
    assert_eq!(query.as_query().path().unwrap(), "ontology/100/project.json");
    assert_eq!(Project::list().as_query().path().unwrap(), "project.json");
}
