use cytomine::{Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "annotation", filters(project),
           params(show_wkt: bool = "showWKT", with_members_count: bool, user: i64, slice: i32,
                  page: u32, after_than: u64, max_distance: f64, bbox: String,
                  users: Vec<i64>, names: Vec<String>))]
pub struct Annotation {
    pub id: Option<i64>,
    pub location: Option<String>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn main() {
    let query = Annotation::list()
        .project(42)
        .show_wkt(true)
        .with_members_count(false)
        .user(7)
        .slice(3)
        .page(2)
        .after_than(1_700_000_000_000)
        .max_distance(2.5)
        .bbox("POLYGON ((0 0, 1 1, 1 0, 0 0))")
        .users([7, 8])
        .names(vec!["a", "b"]);
    let pairs = query.as_query().query_pairs();
    let expected: Vec<(String, String)> = [
        ("showWKT", "true"),
        ("withMembersCount", "false"),
        ("user", "7"),
        ("slice", "3"),
        ("page", "2"),
        ("afterThan", "1700000000000"),
        ("maxDistance", "2.5"),
        ("bbox", "POLYGON ((0 0, 1 1, 1 0, 0 0))"),
        ("users", "7,8"),
        ("names", "a,b"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(pairs, expected);
    assert_eq!(query.as_query().path().unwrap(), "project/42/annotation.json");
}
