//! W3: the annotations of a project with WKT, all at once or streamed by pages.

use cytomine_core::{Query, Resource};
use cytomine_models::Annotation;
use futures::TryStreamExt;

use crate::{connect, Args, Mode, Outcome, WORK_TIMER};

/// Lists and counts; `all` keeps every item until the count, `stream` drops each one.
pub async fn list(args: &Args) -> Outcome {
    let cm = connect(args, None).await?;
    WORK_TIMER.start();
    // The columns the Python client asks for by default (showBasic, showMeta) plus WKT, so that
    // both clients receive the same bytes.
    let query = Annotation::list()
        .project(args.project)
        .show_basic(true)
        .show_meta(true)
        .show_wkt(true);
    let count = match args.mode {
        Mode::All => {
            let all = query.fetch(&cm).await.map_err(|e| e.to_string())?;
            if all.iter().any(|a| a.location.is_none()) {
                return Err("an annotation came without its WKT".into());
            }
            all.len() as u64
        }
        Mode::Stream => match args.page_size {
            Some(size) => query.page_size(size),
            None => query,
        }
        .stream(&cm)
        .try_fold(0u64, |n, a| async move {
            Ok(n + u64::from(a.location.is_some()))
        })
        .await
        .map_err(|e| e.to_string())?,
    };
    Ok(count)
}
