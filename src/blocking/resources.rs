//! The blocking mirror of the capability traits and of [`crate::Query`]: the same methods,
//! taking a [`blocking::Cytomine`](super::Cytomine) and returning the result instead of a
//! future. Each is implemented for every type that has its async counterpart.

use super::{Cytomine, Iter};
use crate::{Collection, Result};

/// [`crate::Fetch`], blocking: `Project::fetch(&cm, 42)?`.
pub trait Fetch: crate::Fetch {
    /// Fetches the item with this key (`GET` of its item path).
    fn fetch(cm: &Cytomine, key: Self::Key) -> Result<Self> {
        cm.block_on(<Self as crate::Fetch>::fetch(cm.as_async(), key))
    }

    /// [`crate::Fetch::fetch_many`]: many items by key, at most the client's concurrency
    /// ([`Cytomine::concurrency`]) at a time. Each key comes back with its own result, in the
    /// order of the keys: a key that fails costs the others nothing. The outer error is only for
    /// a call that cannot run at all (inside an async runtime).
    ///
    /// ```no_run
    /// # use cytomine::blocking::prelude::*;
    /// # fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// for (id, result) in Project::fetch_many(&cm, [1, 2, 3])? {
    ///     match result {
    ///         Ok(project) => println!("{id}: {:?}", project.name),
    ///         Err(err) => eprintln!("{id}: {err}"),
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    fn fetch_many<I>(cm: &Cytomine, keys: I) -> Result<Vec<(Self::Key, Result<Self>)>>
    where
        I: IntoIterator<Item = Self::Key>,
    {
        cm.complete(<Self as crate::Fetch>::fetch_many(cm.as_async(), keys))
    }

    /// Fetches this object again by its own key, replacing every field.
    fn refresh(&mut self, cm: &Cytomine) -> Result<()> {
        cm.block_on(<Self as crate::Fetch>::refresh(self, cm.as_async()))
    }
}

impl<R: crate::Fetch> Fetch for R {}

/// [`crate::Create`], blocking: `project.save(&cm)?`.
pub trait Create: crate::Create {
    /// Creates this object on the server and fills in what the server answers (its id first).
    fn save(&mut self, cm: &Cytomine) -> Result<()> {
        cm.block_on(<Self as crate::Create>::save(self, cm.as_async()))
    }
}

impl<R: crate::Create> Create for R {}

/// [`crate::Update`], blocking: `project.update(&cm)?`.
pub trait Update: crate::Update {
    /// Sends the whole object; fields the server returns replace the local ones.
    fn update(&mut self, cm: &Cytomine) -> Result<()> {
        cm.block_on(<Self as crate::Update>::update(self, cm.as_async()))
    }

    /// Applies `changes` (a JSON object of wire-named attributes) locally, then updates.
    fn update_with(&mut self, cm: &Cytomine, changes: serde_json::Value) -> Result<()> {
        cm.block_on(<Self as crate::Update>::update_with(
            self,
            cm.as_async(),
            changes,
        ))
    }
}

impl<R: crate::Update> Update for R {}

/// [`crate::Delete`], blocking: `project.delete(&cm)?`.
pub trait Delete: crate::Delete {
    /// Deletes this object on the server. The local value is left as it was.
    fn delete(&self, cm: &Cytomine) -> Result<()> {
        cm.block_on(<Self as crate::Delete>::delete(self, cm.as_async()))
    }

    /// Deletes the item with this key without fetching it first.
    fn delete_by_id(cm: &Cytomine, key: Self::Key) -> Result<()> {
        cm.block_on(<Self as crate::Delete>::delete_by_id(cm.as_async(), key))
    }
}

impl<R: crate::Delete> Delete for R {}

/// [`crate::Query`], blocking: `Project::list().ontology(5).fetch(&cm)?`, and
/// [`iter`](Query::iter) where the async API has `stream`. The paging modifiers are repeated
/// here so that the blocking prelude alone gives a list query all its methods.
pub trait Query: crate::Query {
    /// [`crate::Query::param`]: any query parameter.
    fn param(self, key: impl Into<String>, value: impl Into<crate::QueryValue>) -> Self {
        <Self as crate::Query>::param(self, key, value)
    }
    /// [`crate::Query::max`]: at most `max` items in one request.
    fn max(self, max: u64) -> Self {
        <Self as crate::Query>::max(self, max)
    }
    /// [`crate::Query::offset`]: skips the first `offset` items.
    fn offset(self, offset: u64) -> Self {
        <Self as crate::Query>::offset(self, offset)
    }
    /// [`crate::Query::page_size`]: page size of [`Query::iter`].
    fn page_size(self, size: u64) -> Self {
        <Self as crate::Query>::page_size(self, size)
    }
    /// [`crate::Query::fetch`]: the whole list (or its `max`/`offset` window) in one request.
    fn fetch(self, cm: &Cytomine) -> Result<Collection<Self::Resource>> {
        cm.block_on(<Self as crate::Query>::fetch(self, cm.as_async()))
    }
    /// [`crate::Query::stream`] as an iterator: page by page, with constant memory.
    fn iter(self, cm: &Cytomine) -> Iter<Self::Resource> {
        cm.iter_stream(<Self as crate::Query>::stream(self, cm.as_async()))
    }
}

impl<Q: crate::Query> Query for Q {}
