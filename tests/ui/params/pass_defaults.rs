// `default <literal>`: every new list query starts with the modifier set; the builder overrides.
use cytomine::{Query, Resource};
use serde::{Deserialize, Serialize};

#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
#[resource(path = "position", filters(imageinstance),
           params(user: i64, show_details: bool default true, after_than: i64 default -1,
                  order: String = "sort" default "ASC", scale: f64 default 0.5))]
pub struct Position {
    pub id: Option<i64>,
    #[serde(flatten)]
    pub extra: cytomine::Extra,
}

fn pairs(query: PositionList) -> Vec<(String, String)> {
    query.as_query().query_pairs()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn main() {
    let defaults = [("showDetails", "true"), ("afterThan", "-1"), ("sort", "ASC"), ("scale", "0.5")];
    assert_eq!(Position::DEFAULT_PARAMS, &defaults);
    assert_eq!(pairs(Position::list()), owned(&defaults));
    let changed = Position::list().imageinstance(7).show_details(false).user(3);
    assert_eq!(
        pairs(changed),
        owned(&[("showDetails", "false"), ("afterThan", "-1"), ("sort", "ASC"), ("scale", "0.5"), ("user", "3")])
    );
}
