//! User guide §3-§7: models are plain structs; fetch, add (in one line), update (field by field,
//! or with new attribute values in one call) and delete (an object, or by id).
//!
//! ```sh
//! cargo run --example models
//! ```

mod guide;
mod support;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let session = support::connect().await?;
    let cm = &session.cm;
    if let Some(fetched) = guide::fetch_project_and_image(cm).await? {
        println!(
            "fetched project {:?} ({:?})",
            fetched.project.id, fetched.project.name
        );
        if let Some(image) = &fetched.image {
            println!(
                "fetched image instance {:?} ({:?})",
                image.id, image.instance_filename
            );
        }
    }
    let life =
        guide::add_update_delete(cm, &format!("models example {}", std::process::id())).await?;
    println!("{life:#?}");
    Ok(())
}
