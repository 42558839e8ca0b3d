// A filter in the list form repeats its values in the query string.
use cytomine::{Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "imageconsultation",
           filters(project_user(path = "project/{}/user/{}/imageconsultation.json", query(project, user)),
                   project(query("idProject"))),
           params(distinct_images: bool))]
pub struct ImageConsultation {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let q = ImageConsultation::list().project_user(42, 3).distinct_images(true);
    assert_eq!(q.as_query().path().unwrap(), "project/42/user/3/imageconsultation.json");
    let expected: Vec<(String, String)> = [("project", "42"), ("user", "3"), ("distinctImages", "true")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(q.as_query().query_pairs(), expected);
    let q = ImageConsultation::list().project(42);
    assert_eq!(q.as_query().path().unwrap(), "project/42/imageconsultation.json");
    assert_eq!(q.as_query().query_pairs(), vec![("idProject".to_string(), "42".to_string())]);
    assert_eq!(ImageConsultation::FILTERS[0].query, &["project", "user"]);
}
