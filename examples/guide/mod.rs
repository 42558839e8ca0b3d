//! The sections of the Cytomine user guide, each a function over a connection that returns what
//! it did. The examples print these results; `tests/user_guide.rs` asserts them, so every
//! example is also a test.

#![allow(dead_code)]

pub mod tour;

use std::path::{Path, PathBuf};

use cytomine::prelude::*;
use cytomine::BulkReport;
use cytomine::Collection;
use futures::TryStreamExt;

/// Sections 3-4: a project and one of its images, fetched by id.
pub struct Fetched {
    pub project: Project,
    pub image: Option<ImageInstance>,
}

/// Fetches the first project the user can read, and its first image.
pub async fn fetch_project_and_image(cm: &Cytomine) -> cytomine::Result<Option<Fetched>> {
    let projects = Project::list().fetch(cm).await?;
    let Some(id) = projects.first().and_then(|p| p.id) else {
        return Ok(None);
    };
    let project = Project::fetch(cm, id).await?;
    let images = ImageInstance::list().project(id).fetch(cm).await?;
    let image = match images.first().and_then(|i| i.id) {
        Some(image_id) => Some(ImageInstance::fetch(cm, image_id).await?),
        None => None,
    };
    Ok(Some(Fetched { project, image }))
}

/// The first image of the first project, if there is one (the image examples work on it).
pub async fn first_image(cm: &Cytomine) -> cytomine::Result<Option<ImageInstance>> {
    Ok(fetch_project_and_image(cm).await?.and_then(|f| f.image))
}

/// Sections 5-7: what add, update and delete did.
#[derive(Debug)]
pub struct Lifecycle {
    pub created_id: i64,
    pub renamed_to: Option<String>,
    pub ontology_after_update_with: Option<i64>,
    pub fetch_after_delete: cytomine::Error,
    pub ontology_fetch_after_delete_by_id: cytomine::Error,
}

/// Creates a project and an ontology, updates the project twice, deletes both.
pub async fn add_update_delete(cm: &Cytomine, name: &str) -> cytomine::Result<Lifecycle> {
    let mut project = Project::new(name);
    project.save(cm).await?;
    let created_id = project.id.unwrap_or_default();
    let mut ontology = Ontology::new(format!("{name} ontology"));
    ontology.save(cm).await?;
    let ontology_id = ontology.id.unwrap_or_default();

    project.name = Some(format!("{name} (renamed)"));
    project.update(cm).await?;
    let renamed_to = Project::fetch(cm, created_id).await?.name;
    project
        .update_with(cm, serde_json::json!({ "ontology": ontology_id }))
        .await?;
    let ontology_after_update_with = Project::fetch(cm, created_id).await?.ontology;

    project.delete(cm).await?;
    let fetch_after_delete = Project::fetch(cm, created_id)
        .await
        .err()
        .unwrap_or_else(no_error);
    Ontology::delete_by_id(cm, ontology_id).await?;
    let ontology_fetch_after_delete_by_id = Ontology::fetch(cm, ontology_id)
        .await
        .err()
        .unwrap_or_else(no_error);
    Ok(Lifecycle {
        created_id,
        renamed_to,
        ontology_after_update_with,
        fetch_after_delete,
        ontology_fetch_after_delete_by_id,
    })
}

fn no_error() -> cytomine::Error {
    cytomine::Error::Usage("the server still had the deleted object".into())
}

/// Section 8: the files written.
pub struct Files {
    pub original: PathBuf,
    pub original_bytes: u64,
    pub thumbnail: PathBuf,
}

/// Downloads an image and a thumbnail of at most `max_size` pixels into `dir`.
pub async fn download_and_thumbnail(
    cm: &Cytomine,
    image: &ImageInstance,
    dir: &Path,
    max_size: u32,
) -> cytomine::Result<Files> {
    let original = dir.join(
        image
            .original_filename
            .clone()
            .unwrap_or_else(|| "image".into()),
    );
    let original_bytes = image.download(cm, &original).await?;
    let thumbnail = dir.join("thumb.png");
    image.dump(cm, &thumbnail, max_size).await?;
    Ok(Files {
        original,
        original_bytes,
        thumbnail,
    })
}

/// Sections 9-12: collections, filters, query modifiers and annotation search.
pub struct Listings {
    pub projects: Collection<Project>,
    pub same_ontology: Option<Collection<Project>>,
    pub online_users: Collection<User>,
    pub members: Collection<User>,
    pub search_term: Option<i64>,
    pub found: Collection<Annotation>,
    pub streamed: Vec<Annotation>,
}

/// Lists projects, filters them by ontology, lists users online and in a project, and searches
/// the project's annotations by members and term, also as a paged stream.
pub async fn listings(cm: &Cytomine, project: &Project) -> cytomine::Result<Listings> {
    let project_id = project.id.unwrap_or_default();
    let projects = Project::list().fetch(cm).await?;
    let same_ontology = match project.ontology {
        Some(onto) => Some(Project::list().ontology(onto).fetch(cm).await?),
        None => None,
    };
    let online_users = User::list().online(true).fetch(cm).await?;
    let members = User::list().project(project_id).fetch(cm).await?;
    let terms = Term::list().project(project_id).fetch(cm).await?;
    let search_term = terms.first().and_then(|t| t.id);
    let mut search = Annotation::list()
        .project(project_id)
        .users(members.iter().filter_map(|u| u.id))
        .show_term(true)
        .show_wkt(true);
    if let Some(term) = search_term {
        search = search.term(term);
    }
    let found = search.fetch(cm).await?;
    let streamed = Annotation::list()
        .project(project_id)
        .page_size(5)
        .stream(cm)
        .try_collect()
        .await?;
    Ok(Listings {
        projects,
        same_ontology,
        online_users,
        members,
        search_term,
        found,
        streamed,
    })
}

/// Section 13: `n` point annotations on an image, saved in chunked batch requests.
pub async fn bulk_add(
    cm: &Cytomine,
    image_id: i64,
    n: i64,
) -> cytomine::Result<(Collection<Annotation>, BulkReport)> {
    let mut batch: Collection<Annotation> = (0..n)
        .map(|i| {
            Annotation::new(
                format!("POINT ({} {})", 10 + i % 100 * 5, 10 + i % 97 * 3),
                image_id,
            )
        })
        .collect();
    let report = batch.save(cm).await?;
    Ok((batch, report))
}
