//! The Cytomine user guide, end to end: authentication, models, files, collections, filters,
//! query modifiers, annotation search, bulk adds and logging.
//!
//! ```sh
//! cargo run --example quickstart                      # in-process emulator with demo data
//! cargo run --example quickstart -- --host https://cytomine.example --public_key PUB --private_key PRIV
//! cargo run --example quickstart -- --log_level DEBUG # one line per request, bodies at DEBUG
//! ```

mod support;

use cytomine::prelude::*;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    support::section(1, "Authentication");
    support::section(2, "Credentials from --host/--public_key/--private_key or CYTOMINE_*");
    let session = support::connect().await?;
    let cm = &session.cm;
    let me = cm.current_user();
    println!("connected to {} as {} (id {:?})", cm.base_url(), me.username, me.id);

    support::section(3, "Models: plain structs with public fields");
    let projects = Project::list().fetch(cm).await?;
    let Some(demo) = projects.first() else {
        println!("the server has no project for this user: nothing more to show");
        return Ok(());
    };
    let demo_id = demo.id.unwrap_or_default();

    support::section(4, "Fetch a project and an image instance");
    let project = Project::fetch(cm, demo_id).await?;
    println!("project {demo_id}: {:?}, {:?} images", project.name, project.number_of_images);
    let images = ImageInstance::list().project(demo_id).fetch(cm).await?;
    let image = match images.first() {
        Some(i) => ImageInstance::fetch(cm, i.id.unwrap_or_default()).await?,
        None => {
            println!("the project has no image: stopping here");
            return Ok(());
        }
    };
    println!("image {:?}: {:?} ({:?} x {:?})", image.id, image.instance_filename, image.shape.width, image.shape.height);

    support::section(5, "Add");
    let mut created = Project::new("My awesome new project");
    created.save(cm).await?;
    println!("created project {:?}", created.id);
    let mut ontology = Ontology::new("My ontology");
    ontology.save(cm).await?;
    println!("created ontology {:?} in one line", ontology.id);

    support::section(6, "Update");
    created.name = Some("A new name".into());
    created.update(cm).await?;
    created.update_with(cm, serde_json::json!({"ontology": ontology.id})).await?;
    println!("project {:?} is now {:?} with ontology {:?}", created.id, created.name, created.ontology);

    support::section(7, "Delete");
    created.delete(cm).await?;
    Ontology::delete_by_id(cm, ontology.id.unwrap_or_default()).await?;
    println!("deleted the project and, by id, the ontology");

    support::section(8, "Embedded resources: download and thumbnail");
    let dir = std::env::temp_dir().join(format!("cytomine-quickstart-{}", std::process::id()));
    let original = dir.join(image.original_filename.clone().unwrap_or_else(|| "image".into()));
    let bytes = image.download(cm, &original).await?;
    println!("downloaded {bytes} bytes to {}", original.display());
    let thumb = dir.join("thumb.png");
    image.dump(cm, &thumb, 256).await?;
    println!("thumbnail of at most 256 pixels in {}", thumb.display());

    support::section(9, "Collections behave like lists");
    println!("{} projects; the first is {:?}", projects.len(), projects[0].name);
    for p in &projects {
        println!("  - {:?}", p.name);
    }

    support::section(10, "Filtering");
    println!("project lists may be filtered by: {:?}", Project::FILTERS.iter().map(|f| f.name).collect::<Vec<_>>());
    if let Some(onto) = project.ontology {
        let same = Project::list().ontology(onto).fetch(cm).await?;
        println!("{} project(s) use ontology {onto}", same.len());
    }

    support::section(11, "Query modifiers");
    let online = User::list().online(true).fetch(cm).await?;
    println!("{} user(s) online", online.len());
    let members = User::list().project(demo_id).fetch(cm).await?;
    println!("{} member(s) in project {demo_id}", members.len());

    support::section(12, "Annotation search");
    let terms = Term::list().project(demo_id).fetch(cm).await?;
    let mut search = Annotation::list().project(demo_id).users(members.iter().filter_map(|u| u.id)).show_term(true).show_wkt(true);
    if let Some(term) = terms.first().and_then(|t| t.id) {
        search = search.term(term);
    }
    let found = search.fetch(cm).await?;
    println!("{} annotation(s) match; the first: {:?}", found.len(), found.first().and_then(|a| a.location.clone()));
    let streamed: Vec<Annotation> = Annotation::list().project(demo_id).page_size(5).stream(cm).try_collect().await?;
    println!("streamed {} annotation(s) page by page", streamed.len());

    support::section(13, "Many adds in one request, chunked");
    let image_id = image.id.unwrap_or_default();
    let mut batch: Collection<Annotation> = (0..50)
        .map(|i| Annotation::new(format!("POINT ({} {})", 10 + i * 5, 10 + i * 3), image_id))
        .collect();
    let report = batch.save(cm).await?;
    println!(
        "{} created, {} failed, {} unknown; first new id {:?}",
        report.created().count(),
        report.failed().count(),
        report.unknown().count(),
        batch[0].id
    );

    support::section(14, "Verbose mode");
    println!("run with --log_level INFO (one line per request) or DEBUG (bodies); keys are never logged");
    let _ = tokio::fs::remove_dir_all(&dir).await;
    Ok(())
}
