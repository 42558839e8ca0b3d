//! The Cytomine user guide, end to end: authentication, models, files, collections, filters,
//! query modifiers, annotation search, bulk adds and logging.
//!
//! ```sh
//! cargo run --example quickstart                      # in-process emulator with demo data
//! cargo run --example quickstart -- --host https://cytomine.example --public_key PUB --private_key PRIV
//! cargo run --example quickstart -- --log_level INFO  # one line per request (DEBUG: and bodies)
//! ```

mod guide;
mod support;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let session = support::connect().await?;
    let origin = match session.emulator {
        Some(_) => "none given, so the admin of the in-process emulator",
        None => "from the command line, the environment or the profile",
    };
    guide::tour::run(&session.cm, origin, &mut guide::tour::Printer::new(true)).await
}
