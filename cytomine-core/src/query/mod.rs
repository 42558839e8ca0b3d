//! Typed list queries: `Project::list().ontology(100).fetch(&cm)`.
//!
//! `#[derive(Resource)]` generates a thin wrapper per resource (`ProjectList`) with one method per
//! declared filter and query modifier; everything else is here, once: [`ListQuery`] holds the
//! state and builds the URL, the [`Query`] trait gives every wrapper `fetch`, `stream` and paging.

mod fetch;
mod value;

pub use value::QueryValue;

use std::future::Future;
use std::marker::PhantomData;

use futures::Stream;

use crate::client::Cytomine;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::resource::{render, Resource};

/// The state of a list query for resource `R`: at most one filter, query parameters in insertion
/// order, and paging. Built through the generated wrapper; usable directly too.
///
/// ```
/// use cytomine_core::{ListQuery, Resource};
/// # extern crate cytomine_core as cytomine;
/// #[derive(cytomine_core::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
/// #[resource(path = "project", filters(user, ontology))]
/// pub struct Project {
///     pub id: Option<i64>,
///     pub name: String,
///     #[serde(flatten)]
///     pub extra: cytomine::Extra,
/// }
///
/// let q = ListQuery::<Project>::new().filter("ontology", 100).param("withMembersCount", true);
/// assert_eq!(q.path().unwrap(), "ontology/100/project.json");
/// assert_eq!(q.query_pairs(), vec![("withMembersCount".to_string(), "true".to_string())]);
/// ```
#[derive(Debug)]
pub struct ListQuery<R> {
    filters: Vec<(&'static str, Vec<String>)>,
    params: Vec<(String, QueryValue)>,
    max: Option<u64>,
    offset: Option<u64>,
    page_size: Option<u64>,
    _resource: PhantomData<fn() -> R>,
}

impl<R> Clone for ListQuery<R> {
    fn clone(&self) -> Self {
        ListQuery {
            filters: self.filters.clone(),
            params: self.params.clone(),
            max: self.max,
            offset: self.offset,
            page_size: self.page_size,
            _resource: PhantomData,
        }
    }
}

impl<R: Resource> Default for ListQuery<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: Resource> ListQuery<R> {
    /// An unfiltered query, with the type's default modifiers ([`Resource::DEFAULT_PARAMS`]).
    pub fn new() -> Self {
        let defaults = R::DEFAULT_PARAMS
            .iter()
            .map(|(key, text)| (key.to_string(), QueryValue::Text(text.to_string())));
        ListQuery {
            filters: Vec::new(),
            params: defaults.collect(),
            max: None,
            offset: None,
            page_size: None,
            _resource: PhantomData,
        }
    }

    /// Sets the filter `name` (one of [`Resource::FILTERS`]) to `value`.
    pub fn filter(self, name: &'static str, value: impl ToString) -> Self {
        self.filter_parts(name, vec![value.to_string()])
    }

    /// Sets a filter whose template takes several values (e.g. a domain class name and an id).
    pub fn filter_parts(mut self, name: &'static str, parts: Vec<String>) -> Self {
        self.filters.retain(|(n, _)| *n != name);
        self.filters.push((name, parts));
        self
    }

    /// Sets the query parameter `key`; setting it again replaces the value (never repeated).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        let key = key.into();
        let value = value.into();
        match self.params.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.params.push((key, value)),
        }
        self
    }

    /// Asks for at most `max` items (one request), from [`ListQuery::offset`].
    pub fn max(mut self, max: u64) -> Self {
        self.max = Some(max);
        self
    }

    /// Skips the first `offset` items.
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Page size used by [`Query::stream`] (default 1,000).
    pub fn page_size(mut self, size: u64) -> Self {
        self.page_size = Some(size.max(1));
        self
    }

    /// The path relative to `/api/`, after the filter if one is set.
    pub fn path(&self) -> Result<String> {
        if !R::OPERATIONS.list {
            return Err(Error::usage(format!(
                "`{}` has no collection (`refuse(list)`)",
                R::PATH
            )));
        }
        match self.filters.as_slice() {
            [] if R::FILTER_REQUIRED => Err(Error::usage(format!(
                "a collection of `{}` needs one filter among: {}",
                R::PATH,
                filter_names::<R>()
            ))),
            [] => Ok(R::LIST_PATH.to_string()),
            [(name, parts)] => {
                let filter = R::FILTERS.iter().find(|f| f.name == *name).ok_or_else(|| {
                    Error::usage(format!(
                        "`{}` has no filter `{name}`; it allows: {}",
                        R::PATH,
                        filter_names::<R>()
                    ))
                })?;
                render(filter.path, parts, |_| None)
            }
            many => Err(Error::usage(format!(
                "a collection of `{}` takes one filter at a time, got: {}",
                R::PATH,
                many.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    /// The query parameters (without paging) as wire text: the filter's repeated values
    /// ([`Filter::query`](crate::Filter::query)) first, then the modifiers in insertion order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let repeated = self.filters.iter().flat_map(|(name, parts)| {
            let keys = R::FILTERS
                .iter()
                .find(|f| f.name == *name)
                .map_or(&[][..], |f| f.query);
            keys.iter()
                .zip(parts)
                .map(|(k, v)| (k.to_string(), v.clone()))
        });
        let params = self.params.iter().map(|(k, v)| (k.clone(), v.to_wire()));
        repeated.chain(params).collect()
    }

    pub(crate) fn paging(&self) -> (Option<u64>, Option<u64>, u64) {
        (self.max, self.offset, self.page_size.unwrap_or(1000))
    }
}

fn filter_names<R: Resource>() -> String {
    let names: Vec<&str> = R::FILTERS.iter().map(|f| f.name).collect();
    if names.is_empty() {
        "(none)".to_string()
    } else {
        names.join(", ")
    }
}

/// A typed list builder. The generated `<Type>List` implements the two conversions; every other
/// method is provided here.
pub trait Query: Sized + Send {
    /// The listed resource.
    type Resource: Resource;

    /// Wraps a query state.
    fn from_query(query: ListQuery<Self::Resource>) -> Self;
    /// Unwraps the query state.
    fn into_query(self) -> ListQuery<Self::Resource>;
    /// Borrows the query state.
    fn as_query(&self) -> &ListQuery<Self::Resource>;

    /// Any query parameter, for modifiers a type does not declare.
    fn param(self, key: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::from_query(self.into_query().param(key, value))
    }
    /// At most `max` items in one request.
    fn max(self, max: u64) -> Self {
        Self::from_query(self.into_query().max(max))
    }
    /// Skips the first `offset` items.
    fn offset(self, offset: u64) -> Self {
        Self::from_query(self.into_query().offset(offset))
    }
    /// Page size for [`Query::stream`].
    fn page_size(self, size: u64) -> Self {
        Self::from_query(self.into_query().page_size(size))
    }

    /// Fetches the whole result (or the `max`/`offset` window) in one request. Items are decoded
    /// as the answer arrives: decoding overlaps the transfer, and the answer's bytes are never
    /// all held at once.
    ///
    /// ```no_run
    /// # extern crate cytomine_core as cytomine;
    /// # #[derive(cytomine::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
    /// # #[resource(path = "annotation", params(project: i64, show_wkt: bool = "showWKT"))]
    /// # pub struct Annotation {
    /// #     pub id: Option<i64>,
    /// #     pub area: Option<f64>,
    /// #     #[serde(flatten)]
    /// #     pub extra: cytomine::Extra,
    /// # }
    /// // `Annotation` as `cytomine-models` declares it (cut down here: an id and an area).
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// use cytomine_core::prelude::*;
    ///
    /// let annotations = Annotation::list().project(16).show_wkt(true).fetch(&cm).await?;
    /// println!("{} annotations of {:?}", annotations.len(), annotations.total());
    /// # Ok(()) }
    /// ```
    fn fetch(
        self,
        cm: &Cytomine,
    ) -> impl Future<Output = Result<Collection<Self::Resource>>> + Send {
        fetch::fetch_all(cm.clone(), self.into_query())
    }

    /// Streams every item page by page (see [`Query::page_size`]), with constant memory: once
    /// the first page has told the total, the next three pages are requested while the current
    /// one is consumed. Dropping the stream stops the pages requested ahead.
    ///
    /// ```no_run
    /// # extern crate cytomine_core as cytomine;
    /// # #[derive(cytomine::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
    /// # #[resource(path = "annotation", params(project: i64, show_wkt: bool = "showWKT"))]
    /// # pub struct Annotation {
    /// #     pub id: Option<i64>,
    /// #     pub area: Option<f64>,
    /// #     #[serde(flatten)]
    /// #     pub extra: cytomine::Extra,
    /// # }
    /// // `Annotation` as `cytomine-models` declares it (cut down here: an id and an area).
    /// # async fn demo(cm: cytomine_core::Cytomine) -> cytomine_core::Result<()> {
    /// use cytomine_core::prelude::*;
    /// use futures::TryStreamExt;
    ///
    /// let mut annotations = std::pin::pin!(Annotation::list().project(16).page_size(1000).stream(&cm));
    /// let mut area = 0.0;
    /// while let Some(annotation) = annotations.try_next().await? {
    ///     area += annotation.area.unwrap_or(0.0);
    /// }
    /// println!("total area: {area}");
    /// # Ok(()) }
    /// ```
    fn stream(self, cm: &Cytomine) -> impl Stream<Item = Result<Self::Resource>> + Send + 'static {
        fetch::stream(cm.clone(), self.into_query())
    }
}
