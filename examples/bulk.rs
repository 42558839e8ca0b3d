//! User guide §13: many annotations added in chunked, concurrent batch requests; every item is
//! reported created (with its id), failed (with the reason) or unknown.
//!
//! ```sh
//! cargo run --example bulk
//! ```

mod guide;
mod support;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let session = support::connect().await?;
    let cm = &session.cm;
    let Some(image) = guide::first_image(cm).await? else {
        println!("no image to annotate");
        return Ok(());
    };
    let (batch, report) = guide::bulk_add(cm, image.id.unwrap_or_default(), 500).await?;
    println!(
        "{} created, {} failed, {} unknown",
        report.created().count(),
        report.failed().count(),
        report.unknown().count()
    );
    println!(
        "ids of the first three: {:?}",
        batch.iter().take(3).map(|a| a.id).collect::<Vec<_>>()
    );
    Ok(())
}
