//! `cytomine storages list`: where images can be uploaded (`images upload --storage S`).

use cytomine::models::Storage;
use cytomine::prelude::*;

use crate::cli::Limit;
use crate::failure::Failure;
use crate::output::{cell, Report, Table};

/// Lists the storages you can upload into.
pub async fn list(cm: &Cytomine, limit: Limit) -> Result<Report, Failure> {
    let storages = limit.apply(Storage::list()).fetch(cm).await?;
    let mut table = Table::new(&["id", "name", "owner"]);
    for s in storages.iter() {
        table.row(vec![
            cell(s.id),
            cell(s.name.as_ref()),
            cell(s.user.or(s.user_id)),
        ]);
    }
    Ok(Report::table(super::to_json(&storages.into_vec()), table))
}
