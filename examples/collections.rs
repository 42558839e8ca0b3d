//! User guide §9-§12: collections that behave like lists, filters (`Project::list().ontology(id)`),
//! query modifiers (`User::list().online(true)`), and annotation search with comma-joined lists.
//!
//! ```sh
//! cargo run --example collections
//! ```

mod guide;
mod support;

use cytomine::prelude::*;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let session = support::connect().await?;
    let cm = &session.cm;
    let Some(fetched) = guide::fetch_project_and_image(cm).await? else {
        println!("no project to list from");
        return Ok(());
    };
    let lists = guide::listings(cm, &fetched.project).await?;
    println!(
        "{} project(s); filters allowed on projects: {:?}",
        lists.projects.len(),
        Project::FILTERS
    );
    println!(
        "{} online user(s), {} member(s)",
        lists.online_users.len(),
        lists.members.len()
    );
    println!(
        "{} annotation(s) found, {} streamed",
        lists.found.len(),
        lists.streamed.len()
    );
    Ok(())
}
