//! W1: sequential fetches of one project, with our client and with the bare floor.

use cytomine_core::Fetch;
use cytomine_models::Project;

use crate::{connect, Args, Outcome, WORK_TIMER};

/// `--count` times `Project::fetch(&cm, project)`.
pub async fn fetch_project(args: &Args) -> Outcome {
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    for _ in 0..args.count {
        let p = Project::fetch(&cm, args.project)
            .await
            .map_err(|e| e.to_string())?;
        if p.id != Some(args.project) {
            return Err(format!("fetched project {:?}", p.id));
        }
    }
    Ok(args.count)
}

/// The same GETs with a bare keep-alive `reqwest::Client`: signed inline, the body read whole
/// and not decoded.
pub async fn floor(args: &Args) -> Outcome {
    let client = reqwest::Client::builder()
        .tcp_nodelay(true)
        .build()
        .map_err(|e| e.to_string())?;
    let path = format!("/api/project/{}.json", args.project);
    WORK_TIMER.start();
    for _ in 0..args.count {
        let request = cytomine_bench::floor::signed_get(
            &client,
            &args.host,
            &path,
            &args.public_key,
            &args.private_key,
        );
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if !status.is_success() || body.is_empty() {
            return Err(format!("GET {path}: {status}"));
        }
    }
    Ok(args.count)
}
