//! `cytomine whoami`: the user the keys belong to, and the server.

use cytomine::Cytomine;
use serde_json::Value;

use crate::failure::Failure;
use crate::output::{cell, Report, Table};

/// Shows the current user (never its keys: the server sends none, and an older server's are
/// dropped from the attributes kept as they came).
pub fn run(cm: &Cytomine) -> Result<Report, Failure> {
    let mut user = cm.current_user().clone();
    user.extra
        .retain(|k, _| !k.to_ascii_lowercase().contains("privatekey"));
    let mut json = super::to_json(&user);
    if let Value::Object(map) = &mut json {
        map.insert("host".into(), Value::String(cm.base_url().to_string()));
    }
    let mut table = Table::new(&["host", "id", "username", "name", "email"]);
    table.row(vec![
        cm.base_url().to_string(),
        cell(user.id),
        user.username.clone(),
        cell(user.full_name.as_ref().or(user.name.as_ref())),
        cell(user.email.as_ref()),
    ]);
    Ok(Report::table(json, table))
}
