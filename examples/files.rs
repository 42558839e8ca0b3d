//! User guide §8: download an image instance to a file, and dump a 256-pixel thumbnail.
//!
//! ```sh
//! cargo run --example files
//! ```

mod guide;
mod support;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let session = support::connect().await?;
    let cm = &session.cm;
    let Some(image) = guide::first_image(cm).await? else {
        println!("no image to download");
        return Ok(());
    };
    let dir = std::env::temp_dir().join(format!("cytomine-files-{}", std::process::id()));
    let files = guide::download_and_thumbnail(cm, &image, &dir, 256).await?;
    println!(
        "{} bytes in {}; thumbnail in {}",
        files.original_bytes,
        files.original.display(),
        files.thumbnail.display()
    );
    Ok(())
}
