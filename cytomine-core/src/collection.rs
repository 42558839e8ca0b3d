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
    /// [`BulkOptions`](crate::BulkOptions)), or one POST per item for a type whose create path
    /// refuses arrays ([`Resource::BATCH_CREATE`](crate::Resource::BATCH_CREATE)). Items created
    /// get their id; the report accounts for every item, in order:
    ///
    /// - **created** ([`ItemOutcome::Created`](crate::ItemOutcome::Created)): the server answered
    ///   with its id;
    /// - **failed** ([`ItemOutcome::Failed`](crate::ItemOutcome::Failed)): surely not created,
    ///   with the reason: the server refused it (a 4xx, or its own error for that item in the
    ///   batch answer), the item could not be serialized or placed in its path, or its request
    ///   failed in a way that proves nothing was applied (no connection, 429 or 503) after every
    ///   retry;
    /// - **unknown** ([`ItemOutcome::Unknown`](crate::ItemOutcome::Unknown)): the request may
    ///   or may not have been applied: a timeout or a connection broken after sending, a 502,
    ///   504 or other 5xx, or an answer that cannot be read. Look before saving these again.
    ///
    /// Each request is a POST, retried under the client's
    /// [`RetryPolicy`](crate::RetryPolicy) only when it surely was not applied (no connection
    /// made, or 429/503): a retried batch can never create its items twice. A request that may
    /// have been applied is never sent again; its items are reported unknown, not failed. So an
    /// item is reported failed only when sending it again is safe. The call itself returns
    /// `Ok` with the report even when items failed; [`BulkReport::is_complete`] says
    /// whether all of them were created.
    ///
    /// ```no_run
    /// # async fn demo<A: cytomine_core::Create + Clone>(cm: cytomine_core::Cytomine, new: Vec<A>) -> cytomine_core::Result<()> {
    /// use cytomine_core::Collection;
    /// let mut batch = Collection::from(new);
    /// let report = batch.save(&cm).await?;
    /// println!("{} created, {} failed", report.created().count(), report.failed().count());
    /// for (index, reason) in report.unknown() {
    ///     // Maybe created: look on the server before saving batch[index] again.
    ///     eprintln!("item {index}: {reason}");
    /// }
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
