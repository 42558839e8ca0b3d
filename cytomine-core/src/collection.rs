//! [`Collection`]: a list of resources that behaves like a `Vec`, and saves in bulk.

use std::ops::{Deref, DerefMut};

use crate::bulk::{self, BulkReport};
use crate::client::Cytomine;
use crate::error::Result;
use crate::resource::{Create, Resource};

/// Items of one resource type, as fetched (with the server's total) or gathered for a bulk save.
/// It dereferences to `Vec<R>`: `len`, indexing, `iter`, `push` all work.
///
/// ```
/// use cytomine_core::Collection;
/// let mut c: Collection<serde_json::Value> = Collection::from(vec![serde_json::json!(1)]);
/// c.push(serde_json::json!(2));
/// assert_eq!(c.len(), 2);
/// assert_eq!(c[1], serde_json::json!(2));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Collection<R> {
    items: Vec<R>,
    total: Option<u64>,
}

impl<R> Collection<R> {
    pub(crate) fn with_total(items: Vec<R>, total: Option<u64>) -> Self {
        Collection { items, total }
    }

    /// The number of items on the server for the query (before paging), when it was fetched.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// The items.
    pub fn into_vec(self) -> Vec<R> {
        self.items
    }

    /// The first item for which `pred` holds.
    pub fn find(&self, pred: impl Fn(&R) -> bool) -> Option<&R> {
        self.items.iter().find(|i| pred(i))
    }
}

impl<R: Create> Collection<R> {
    /// Creates every item on the server: chunked batch POSTs sent concurrently (per the client's
    /// [`BulkOptions`](crate::BulkOptions)). Items created get their id; the report accounts for
    /// every item as created, failed (with the reason) or unknown (the request may or may not
    /// have been applied).
    ///
    /// ```no_run
    /// # async fn demo<A: cytomine_core::Create + Clone>(cm: cytomine_core::Cytomine, new: Vec<A>) -> cytomine_core::Result<()> {
    /// use cytomine_core::Collection;
    /// let mut batch = Collection::from(new);
    /// let report = batch.save(&cm).await?;
    /// println!("{} created, {} failed", report.created().count(), report.failed().count());
    /// # Ok(()) }
    /// ```
    pub async fn save(&mut self, cm: &Cytomine) -> Result<BulkReport> {
        bulk::save_all(cm, &mut self.items).await
    }
}

impl<R> Default for Collection<R> {
    fn default() -> Self {
        Collection {
            items: Vec::new(),
            total: None,
        }
    }
}

impl<R> Deref for Collection<R> {
    type Target = Vec<R>;
    fn deref(&self) -> &Vec<R> {
        &self.items
    }
}

impl<R> DerefMut for Collection<R> {
    fn deref_mut(&mut self) -> &mut Vec<R> {
        &mut self.items
    }
}

impl<R> From<Vec<R>> for Collection<R> {
    fn from(items: Vec<R>) -> Self {
        Collection { items, total: None }
    }
}

impl<R> FromIterator<R> for Collection<R> {
    fn from_iter<I: IntoIterator<Item = R>>(iter: I) -> Self {
        Collection::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<R> IntoIterator for Collection<R> {
    type Item = R;
    type IntoIter = std::vec::IntoIter<R>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, R> IntoIterator for &'a Collection<R> {
    type Item = &'a R;
    type IntoIter = std::slice::Iter<'a, R>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<R: Resource> Extend<R> for Collection<R> {
    fn extend<I: IntoIterator<Item = R>>(&mut self, iter: I) {
        self.items.extend(iter)
    }
}
