// Forgetting serde's derives gives one error, on the type's name, that says what to add.
use cytomine::Resource;

#[derive(Resource, Debug, Clone, Default)]
#[resource(path = "project", filters(user), refuse(update))]
pub struct Project {
    pub id: Option<i64>,
    pub name: String,
}

fn main() {}
