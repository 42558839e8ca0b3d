//! The data every workload needs, created through the emulator's HTTP API with our client:
//! projects, small images placed in them, the W3 annotations (batch POSTs of 1,000), and the
//! W4 image (a hand-written uncompressed TIFF uploaded once).

use std::path::{Path, PathBuf};

use cytomine_bench::tiff;
use cytomine_core::{BulkOptions, Collection, Create, Cytomine, Query, Resource};
use cytomine_models::{Annotation, Project, Storage, UploadImageOptions, UploadedFile};

use crate::args::Scale;

/// Ids and files the workloads run against.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// W1: the project fetched.
    pub w1_project: i64,
    /// W2: the image annotations are saved on.
    pub w2_image: i64,
    /// W3: the project with `w3_large` annotations.
    pub w3_large_project: i64,
    /// W3: the project with `w3_small` annotations.
    pub w3_small_project: i64,
    /// W4: the image instance of the big file.
    pub w4_image: i64,
    /// W4: the admin's storage.
    pub storage: i64,
    /// W4: the big file on disk.
    pub w4_file: PathBuf,
    /// W4: why the file is smaller than asked, when the emulator refused the full size.
    pub w4_note: Option<String>,
}

/// The largest W4 file tried when the emulator refuses the full size: under axum's default
/// 2 MiB multipart limit.
pub const W4_FALLBACK_BYTES: u64 = 2_000_000;

fn fail(what: &str) -> impl Fn(cytomine_core::Error) -> String + '_ {
    move |e| format!("preparing {what}: {e}")
}

async fn project(cm: &Cytomine, name: &str) -> Result<i64, String> {
    let mut p = Project::new(name);
    p.save(cm).await.map_err(fail("a project"))?;
    p.id.ok_or_else(|| format!("project {name} saved without an id"))
}

/// Uploads `file` into `storage`, placed in `projects`; returns the image instance id per project.
async fn place(
    cm: &Cytomine,
    file: &Path,
    storage: i64,
    projects: &[i64],
) -> Result<Vec<i64>, String> {
    let options = UploadImageOptions {
        projects: projects.to_vec(),
        sync: true,
        ..Default::default()
    };
    let result = UploadedFile::upload(cm, file, storage, &options)
        .await
        .map_err(fail("an upload"))?;
    let instances = result
        .images
        .first()
        .map(|i| i.image_instances.clone())
        .unwrap_or_default();
    projects
        .iter()
        .map(|p| {
            instances
                .iter()
                .find(|i| i.project == Some(*p))
                .and_then(|i| i.id)
                .ok_or_else(|| format!("no image instance in project {p} after the upload"))
        })
        .collect()
}

/// `n` square annotations on `image`, saved in batches of 1,000.
async fn annotate(cm: &Cytomine, image: i64, n: u64) -> Result<(), String> {
    let items: Vec<Annotation> = (0..n)
        .map(|i| {
            let (x, y) = ((i % 300) * 10, (i / 300 % 300) * 10);
            let wkt = format!(
                "POLYGON (({x} {y}, {a} {y}, {a} {b}, {x} {b}, {x} {y}))",
                a = x + 8,
                b = y + 8
            );
            Annotation::new(wkt, image)
        })
        .collect();
    let report = Collection::from(items)
        .save(cm)
        .await
        .map_err(fail("annotations"))?;
    if report.is_complete() {
        Ok(())
    } else {
        Err(format!(
            "preparing annotations: {} of {n} created",
            report.created().count()
        ))
    }
}

/// Creates everything under `dir` and on the server at `base`.
pub async fn prepare(
    base: &str,
    public_key: &str,
    private_key: &str,
    scale: &Scale,
    dir: &Path,
) -> Result<Fixture, String> {
    let cm = Cytomine::builder(base)
        .credentials(public_key, private_key)
        .bulk(
            BulkOptions::default()
                .with_chunk_size(1000)
                .with_concurrency(2),
        )
        .connect()
        .await
        .map_err(fail("the connection"))?;
    let me = cm.current_user().id.unwrap_or_default();
    let storages = Storage::list().fetch(&cm).await.map_err(fail("storages"))?;
    let storage = storages
        .iter()
        .find(|s| s.user == Some(me) || s.user_id == Some(me))
        .or(storages.first())
        .and_then(|s| s.id)
        .ok_or("the admin has no storage")?;
    let w1_project = project(&cm, "bench W1").await?;
    let w2_project = project(&cm, "bench W2").await?;
    let w3_large_project = project(&cm, "bench W3 large").await?;
    let w3_small_project = project(&cm, "bench W3 small").await?;
    let w4_project = project(&cm, "bench W4").await?;
    let small = dir.join("small.tif");
    tiff::write(&small, 256, 256).map_err(|e| format!("writing {}: {e}", small.display()))?;
    let images = place(
        &cm,
        &small,
        storage,
        &[w2_project, w3_large_project, w3_small_project],
    )
    .await?;
    let [w2_image, w3_large_image, w3_small_image] = images[..] else {
        return Err("expected three image instances".into());
    };
    annotate(&cm, w3_large_image, scale.w3_large).await?;
    annotate(&cm, w3_small_image, scale.w3_small).await?;
    let w4_file = dir.join("w4-image.tif");
    let (w4_image, w4_note) = match big_image(&cm, &w4_file, storage, w4_project, scale.w4_bytes)
        .await
    {
        Ok(id) => (id, None),
        Err(e) => {
            let note = format!(
                "the emulator refused the {:.0} MB upload ({e}); W4 ran with a {:.0} MB file instead",
                scale.w4_bytes as f64 / 1e6,
                W4_FALLBACK_BYTES as f64 / 1e6
            );
            eprintln!("W4: {note}");
            let id = big_image(&cm, &w4_file, storage, w4_project, W4_FALLBACK_BYTES).await?;
            (id, Some(note))
        }
    };
    Ok(Fixture {
        w1_project,
        w2_image,
        w3_large_project,
        w3_small_project,
        w4_image,
        storage,
        w4_file,
        w4_note,
    })
}

/// Writes a TIFF of about `bytes` to `file` and uploads it into `project`; returns the instance.
async fn big_image(
    cm: &Cytomine,
    file: &Path,
    storage: i64,
    project: i64,
    bytes: u64,
) -> Result<i64, String> {
    let (width, height) = tiff::dimensions_for(bytes);
    tiff::write(file, width, height).map_err(|e| format!("writing {}: {e}", file.display()))?;
    Ok(place(cm, file, storage, &[project]).await?[0])
}
