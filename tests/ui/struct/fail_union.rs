use cytomine::Resource;

#[derive(Resource)]
#[resource(path = "project")]
pub union Project {
    id: i64,
    other: u64,
}

fn main() {}
