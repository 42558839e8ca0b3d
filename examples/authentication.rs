//! User guide §1, §2 and §14: connect with a host and a key pair taken from the command line
//! (`--host --public_key --private_key`, or the Python client's synonyms) or from `CYTOMINE_HOST`,
//! `CYTOMINE_PUBLIC_KEY`, `CYTOMINE_PRIVATE_KEY`; log one line per request with `--log_level INFO`.
//!
//! ```sh
//! cargo run --example authentication -- --log_level INFO
//! ```

mod support;

#[tokio::main]
async fn main() -> cytomine::Result<()> {
    let session = support::connect().await?;
    let cm = &session.cm;
    let me = cm.current_user();
    println!(
        "connected to {} as {} ({:?}), signing with the {:?} rule",
        cm.base_url(),
        me.username,
        me.full_name,
        cm.signing_rule()
    );
    println!("the current user, as Debug (no key shows): {me:?}");
    Ok(())
}
