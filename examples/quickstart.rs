//! The Cytomine user guide, end to end: authentication, models, files, collections, filters,
//! query modifiers, annotation search, bulk adds and logging.
//!
//! ```sh
//! cargo run --example quickstart                      # in-process emulator with demo data
//! cargo run --example quickstart -- --host https://cytomine.example --public_key PUB --private_key PRIV
//! cargo run --example quickstart -- --log_level DEBUG # one line per request, bodies at DEBUG
//! ```

mod guide;
mod support;

use cytomine::prelude::*;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    support::section(1, "Authentication");
    support::section(
        2,
        "Credentials from --host/--public_key/--private_key or CYTOMINE_*",
    );
    let session = support::connect().await?;
    let cm = &session.cm;
    let me = cm.current_user();
    println!(
        "connected to {} as {} (id {:?})",
        cm.base_url(),
        me.username,
        me.id
    );

    support::section(3, "Models: plain structs with public fields");
    support::section(4, "Fetch a project and an image instance");
    let Some(fetched) = guide::fetch_project_and_image(cm).await? else {
        println!("the server has no project for this user: nothing more to show");
        return Ok(());
    };
    let project = &fetched.project;
    println!(
        "project {:?}: {:?}, {:?} images",
        project.id, project.name, project.number_of_images
    );

    support::section(5, "Add");
    support::section(6, "Update");
    support::section(7, "Delete");
    let life = guide::add_update_delete(
        cm,
        &format!("My awesome new project {}", std::process::id()),
    )
    .await?;
    println!(
        "created project {}, renamed to {:?}, ontology set to {:?}",
        life.created_id, life.renamed_to, life.ontology_after_update_with
    );
    println!(
        "after delete, fetching it gives: {}",
        life.fetch_after_delete
    );

    support::section(8, "Embedded resources: download and thumbnail");
    let Some(image) = &fetched.image else {
        println!("the project has no image: stopping here");
        return Ok(());
    };
    println!(
        "image {:?}: {:?} ({:?} x {:?})",
        image.id, image.instance_filename, image.shape.width, image.shape.height
    );
    let dir = std::env::temp_dir().join(format!("cytomine-quickstart-{}", std::process::id()));
    let files = guide::download_and_thumbnail(cm, image, &dir, 256).await?;
    println!(
        "downloaded {} bytes to {}",
        files.original_bytes,
        files.original.display()
    );
    println!(
        "thumbnail of at most 256 pixels in {}",
        files.thumbnail.display()
    );

    support::section(9, "Collections behave like lists");
    support::section(10, "Filtering");
    support::section(11, "Query modifiers");
    support::section(12, "Annotation search");
    let lists = guide::listings(cm, project).await?;
    println!(
        "{} project(s); the first is {:?}",
        lists.projects.len(),
        lists.projects[0].name
    );
    for p in &lists.projects {
        println!("  - {:?}", p.name);
    }
    println!(
        "project lists may be filtered by: {:?}",
        Project::FILTERS.iter().map(|f| f.name).collect::<Vec<_>>()
    );
    if let Some(same) = &lists.same_ontology {
        println!(
            "{} project(s) share the ontology {:?}",
            same.len(),
            project.ontology
        );
    }
    println!(
        "{} user(s) online, {} member(s)",
        lists.online_users.len(),
        lists.members.len()
    );
    println!(
        "{} annotation(s) by members with term {:?}; the first: {:?}",
        lists.found.len(),
        lists.search_term,
        lists.found.first().and_then(|a| a.location.clone())
    );
    println!(
        "streamed {} annotation(s) page by page",
        lists.streamed.len()
    );

    support::section(13, "Many adds in one request, chunked");
    let (batch, report) = guide::bulk_add(cm, image.id.unwrap_or_default(), 50).await?;
    println!(
        "{} created, {} failed, {} unknown; first new id {:?}",
        report.created().count(),
        report.failed().count(),
        report.unknown().count(),
        batch[0].id
    );

    support::section(14, "Verbose mode");
    println!(
        "run with --log_level INFO (one line per request) or DEBUG (bodies); keys are never logged"
    );
    let _ = tokio::fs::remove_dir_all(&dir).await;
    Ok(())
}
