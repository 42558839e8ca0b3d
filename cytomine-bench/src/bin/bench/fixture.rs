//! The data every workload without latency needs, created through the emulator's HTTP API with
//! our client: projects, a canvas image placed in them, the W3 annotations (batch POSTs of
//! 1,000), and the W4 image (a hand-written uncompressed TIFF uploaded once). The helpers are
//! shared with the latency section's fixture.

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

pub fn fail(what: &str) -> impl Fn(cytomine_core::Error) -> String + '_ {
    move |e| format!("preparing {what}: {e}")
}

pub async fn project(cm: &Cytomine, name: &str) -> Result<i64, String> {
    let mut p = Project::new(name);
    p.save(cm).await.map_err(fail("a project"))?;
    p.id.ok_or_else(|| format!("project {name} saved without an id"))
}

/// Uploads `file` into `storage`, placed in `projects`; returns the image instance id per project.
pub async fn place(
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

/// A grid of square annotations: `columns` per row, `step` pixels apart, `side` pixels wide.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    /// Squares per row (and rows before the grid starts over).
    pub columns: u64,
    /// Distance between two squares' corners, pixels.
    pub step: u64,
    /// Side of a square, pixels.
    pub side: u64,
}

impl Grid {
    /// The W3 and L2 listings' grid: 300 × 300 squares of 8 pixels, 10 apart.
    pub const LISTING: Grid = Grid {
        columns: 300,
        step: 10,
        side: 8,
    };

    /// The `i`-th square as WKT.
    fn square(&self, i: u64) -> String {
        let x = (i % self.columns) * self.step;
        let y = (i / self.columns % self.columns) * self.step;
        let (a, b) = (x + self.side, y + self.side);
        format!("POLYGON (({x} {y}, {a} {y}, {a} {b}, {x} {b}, {x} {y}))")
    }

    /// The side of an image that holds the whole grid.
    pub fn extent(&self) -> u32 {
        u32::try_from(self.columns * self.step).unwrap_or(u32::MAX)
    }
}

/// `n` square annotations on `image`, laid out on `grid`, saved in batches of 1,000.
pub async fn annotate(cm: &Cytomine, image: i64, n: u64, grid: Grid) -> Result<(), String> {
    let items: Vec<Annotation> = (0..n)
        .map(|i| Annotation::new(grid.square(i), image))
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

/// Our client, connected as the admin, saving in batches of 1,000.
pub async fn connect(base: &str, public_key: &str, private_key: &str) -> Result<Cytomine, String> {
    Cytomine::builder(base)
        .credentials(public_key, private_key)
        .bulk(
            BulkOptions::default()
                .with_chunk_size(1000)
                .with_concurrency(2),
        )
        .connect()
        .await
        .map_err(fail("the connection"))
}

/// The admin's storage.
pub async fn storage(cm: &Cytomine) -> Result<i64, String> {
    let me = cm.current_user().id.unwrap_or_default();
    let storages = Storage::list().fetch(cm).await.map_err(fail("storages"))?;
    storages
        .iter()
        .find(|s| s.user == Some(me) || s.user_id == Some(me))
        .or(storages.first())
        .and_then(|s| s.id)
        .ok_or_else(|| "the admin has no storage".to_string())
}

/// Writes a `side` × `side` TIFF named `name` into `dir`.
pub fn canvas(dir: &Path, name: &str, side: u32) -> Result<PathBuf, String> {
    let path = dir.join(name);
    tiff::write(&path, side, side).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(path)
}

/// Creates everything under `dir` and on the server `cm` is connected to.
pub async fn prepare(cm: &Cytomine, scale: &Scale, dir: &Path) -> Result<Fixture, String> {
    let storage = storage(cm).await?;
    let w1_project = project(cm, "bench W1").await?;
    let w2_project = project(cm, "bench W2").await?;
    let w3_large_project = project(cm, "bench W3 large").await?;
    let w3_small_project = project(cm, "bench W3 small").await?;
    let w4_project = project(cm, "bench W4").await?;
    // The server refuses annotations outside their image: the canvas holds the whole grid.
    let small = canvas(dir, "canvas.tif", Grid::LISTING.extent())?;
    let images = place(
        cm,
        &small,
        storage,
        &[w2_project, w3_large_project, w3_small_project],
    )
    .await?;
    let [w2_image, w3_large_image, w3_small_image] = images[..] else {
        return Err("expected three image instances".into());
    };
    annotate(cm, w3_large_image, scale.w3_large, Grid::LISTING).await?;
    annotate(cm, w3_small_image, scale.w3_small, Grid::LISTING).await?;
    let w4_file = dir.join("w4-image.tif");
    let (w4_image, w4_note) = match big_image(cm, &w4_file, storage, w4_project, scale.w4_bytes)
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
            let id = big_image(cm, &w4_file, storage, w4_project, W4_FALLBACK_BYTES).await?;
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
