//! The data of the latency section, created on the emulator with latency through its HTTP API
//! with our client: a canvas image for the bulk save (L1) and the listing (L2, whose first
//! annotations are also the ids of L4), a smaller image whose annotations are cropped (L3), and
//! the files uploaded and downloaded back (L5).

use std::path::{Path, PathBuf};

use cytomine_bench::tiff;
use cytomine_core::{Cytomine, Query, Resource};
use cytomine_models::Annotation;

use crate::args::Scale;
use crate::fixture::{annotate, canvas, fail, place, project, storage, Grid};

/// Ids and files the L workloads run against.
#[derive(Debug, Clone)]
pub struct LatencyFixture {
    /// L1: the image annotations are saved on.
    pub l1_image: i64,
    /// L2: the project with the listed annotations.
    pub l2_project: i64,
    /// L3: the project whose annotations are cropped.
    pub l3_project: i64,
    /// L4: the annotations fetched by id.
    pub l4_ids: Vec<i64>,
    /// L5: the admin's storage.
    pub storage: i64,
    /// L5: the project the files are placed in.
    pub l5_project: i64,
    /// L5: the files uploaded.
    pub l5_files: Vec<PathBuf>,
}

/// The L3 grid: squares of 48 pixels, 64 apart, on an image of 512 × 512.
const CROPS: Grid = Grid {
    columns: 8,
    step: 64,
    side: 48,
};

/// Creates everything under `dir` and on the server `cm` is connected to.
pub async fn prepare(cm: &Cytomine, scale: &Scale, dir: &Path) -> Result<LatencyFixture, String> {
    let storage = storage(cm).await?;
    let l1_project = project(cm, "bench L1").await?;
    let l2_project = project(cm, "bench L2").await?;
    let l3_project = project(cm, "bench L3").await?;
    let l5_project = project(cm, "bench L5").await?;
    let listing = canvas(dir, "latency-canvas.tif", Grid::LISTING.extent())?;
    let images = place(cm, &listing, storage, &[l1_project, l2_project]).await?;
    let [l1_image, l2_image] = images[..] else {
        return Err("expected two image instances".into());
    };
    annotate(cm, l2_image, scale.l2_annotations, Grid::LISTING).await?;
    let crops = canvas(dir, "latency-crops.tif", CROPS.extent())?;
    let l3_image = place(cm, &crops, storage, &[l3_project]).await?[0];
    annotate(cm, l3_image, scale.l3_crops, CROPS).await?;
    let l4_ids: Vec<i64> = Annotation::list()
        .project(l2_project)
        .max(scale.l4_fetches)
        .fetch(cm)
        .await
        .map_err(fail("the L4 ids"))?
        .iter()
        .filter_map(|a| a.id)
        .collect();
    if l4_ids.len() as u64 != scale.l4_fetches {
        return Err(format!("{} annotations to fetch by id", l4_ids.len()));
    }
    let (width, height) = tiff::dimensions_for(scale.l5_bytes);
    let mut l5_files = Vec::new();
    for i in 0..scale.l5_files {
        let file = dir.join(format!("l5-{i}.tif"));
        tiff::write(&file, width, height)
            .map_err(|e| format!("writing {}: {e}", file.display()))?;
        l5_files.push(file);
    }
    Ok(LatencyFixture {
        l1_image,
        l2_project,
        l3_project,
        l4_ids,
        storage,
        l5_project,
        l5_files,
    })
}
