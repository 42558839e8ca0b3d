// Refusing every operation is allowed: such a type can still be listed.
use cytomine::{Operations, Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "annotation_action", filters(imageinstance), filter_required,
           refuse(create, update, delete, fetch))]
pub struct AnnotationAction {
    pub id: Option<i64>,
    pub action: String,
}

fn main() {
    assert_eq!(
        AnnotationAction::OPERATIONS,
        Operations { fetch: false, create: false, update: false, delete: false, list: true }
    );
    assert_eq!(AnnotationAction::ENVELOPE_KEY, "annotationaction");
    assert!(AnnotationAction::FILTER_REQUIRED);
    assert!(AnnotationAction::list().as_query().path().is_err());
    let query = AnnotationAction::list().imageinstance(3);
    assert_eq!(query.as_query().path().unwrap(), "imageinstance/3/annotation_action.json");
}
