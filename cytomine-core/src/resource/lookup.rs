//! Fetching one item by something else than its key: `Property::fetch_by_key(..)` sends
//! `GET domain/{domain_class_name}/{domain_ident}/key/{key}/property.json`.

use super::crud::get_object;
use super::{render, Resource};
use crate::client::Cytomine;
use crate::error::{Error, Result};

/// A second way to fetch one item, declared with `fetch_by(name = "template")`: the generated
/// `fetch_by_<name>` takes one argument per placeholder of `path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookup {
    /// The lookup's name: the generated method is `fetch_by_<name>`.
    pub name: &'static str,
    /// Path template relative to `/api/`, with named placeholders.
    pub path: &'static str,
}

/// The path of lookup `name` of `R`, each placeholder filled from `values` (percent-encoded);
/// a missing lookup or value is an [`Error::Usage`] and nothing is sent.
///
/// ```
/// # extern crate cytomine_core as cytomine;
/// #[derive(cytomine::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
/// #[resource(path = "property", refuse(update), fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json"))]
/// pub struct Property { pub id: Option<i64>, pub domain_class_name: Option<String>,
///                       pub domain_ident: Option<i64>, pub key: Option<String> }
///
/// let values = [("domain_class_name", Some("a.B".to_string())), ("domain_ident", Some("7".into())),
///               ("key", Some("stain".into()))];
/// assert_eq!(cytomine::__private::lookup_path::<Property>("key", &values).unwrap(),
///            "domain/a.B/7/key/stain/property.json");
/// assert!(cytomine::__private::lookup_path::<Property>("key", &values[..2]).is_err());
/// assert!(cytomine::__private::lookup_path::<Property>("name", &values).is_err());
/// ```
pub fn lookup_path<R: Resource>(name: &str, values: &[(&str, Option<String>)]) -> Result<String> {
    let lookup = R::LOOKUPS
        .iter()
        .find(|l| l.name == name)
        .ok_or_else(|| Error::usage(format!("`{}` has no lookup `fetch_by_{name}`", R::PATH)))?;
    render(lookup.path, &[], |placeholder| {
        values
            .iter()
            .find(|(n, _)| *n == placeholder)
            .and_then(|(_, v)| v.clone())
    })
}

/// Fetches the one item that lookup `name` of `R` finds with `values` (placeholder name, text;
/// `None` for a missing value). Called by the generated `fetch_by_<name>` methods.
pub async fn fetch_by<R: Resource>(
    cm: &Cytomine,
    name: &'static str,
    values: Vec<(&'static str, Option<String>)>,
) -> Result<R> {
    let path = lookup_path::<R>(name, &values)?;
    get_object(cm, path).await
}
