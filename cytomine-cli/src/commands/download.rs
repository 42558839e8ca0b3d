//! `cytomine images download ID [-o PATH]`, with a progress bar.

use std::path::{Path, PathBuf};

use cytomine::models::ImageInstance;
use cytomine::prelude::*;
use serde_json::json;

use crate::failure::Failure;
use crate::output::Report;
use crate::progress;

/// Downloads the original file of image `id` to `output`, or to its original file name here.
pub async fn run(cm: &Cytomine, id: i64, output: Option<PathBuf>) -> Result<Report, Failure> {
    let image = ImageInstance::fetch(cm, id).await?;
    let destination = output.unwrap_or_else(|| default_destination(&image, id));
    let bar = progress::bytes(&format!("image {id}"));
    let result = cytomine::files::download(
        cm,
        &format!("imageinstance/{id}/download"),
        &[],
        &destination,
        Some(progress::hook(&bar)),
    )
    .await;
    bar.finish_and_clear();
    let bytes = result?;
    Ok(Report::text(
        json!({"image": id, "path": destination.display().to_string(), "bytes": bytes}),
        format!(
            "downloaded image {id} to {} ({bytes} bytes)",
            destination.display()
        ),
    ))
}

/// The image's original file name, reduced to its last component (a name sent by the server
/// never chooses a directory), or `image-{id}`.
fn default_destination(image: &ImageInstance, id: i64) -> PathBuf {
    image
        .original_filename
        .as_deref()
        .or(image.instance_filename.as_deref())
        .and_then(|name| Path::new(name).file_name())
        .filter(|name| !name.is_empty() && *name != "..")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(format!("image-{id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names_never_choose_a_directory() {
        let named = |name: &str| ImageInstance {
            original_filename: Some(name.into()),
            ..Default::default()
        };
        assert_eq!(
            default_destination(&named("a.png"), 1),
            PathBuf::from("a.png")
        );
        assert_eq!(
            default_destination(&named("../../etc/x.png"), 1),
            PathBuf::from("x.png")
        );
        assert_eq!(
            default_destination(&named("/"), 2),
            PathBuf::from("image-2")
        );
        assert_eq!(
            default_destination(&ImageInstance::default(), 3),
            PathBuf::from("image-3")
        );
    }
}
