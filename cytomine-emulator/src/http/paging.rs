//! The collection envelope of docs/protocol.md §2.2 (`max`/`offset`, `max=0` = all).

use std::cell::Cell;

use serde::{Serialize, Serializer};

use super::call::Call;
use super::fail::{Fail, Outcome};
use super::reply::Reply;

/// The page window asked for by `max` and `offset`.
#[derive(Debug, Clone, Copy)]
struct Page {
    /// Effective page size (`max=0`, all, is `i32::MAX`, as the server reads it).
    max: usize,
    /// Offset as sent.
    offset: usize,
}

impl Page {
    /// Read `max` and `offset` from the query.
    fn from_call(call: &Call) -> Result<Page, Fail> {
        let max = call.int("max")?.unwrap_or(0).max(0) as usize;
        let offset = call.int("offset")?.unwrap_or(0).max(0) as usize;
        Ok(Page {
            max: if max == 0 { i32::MAX as usize } else { max },
            offset,
        })
    }
}

#[derive(Serialize)]
struct Envelope<C: Serialize> {
    collection: C,
    offset: usize,
    #[serde(rename = "perPage")]
    per_page: usize,
    size: usize,
    #[serde(rename = "totalPages")]
    total_pages: usize,
}

/// A sequence serialized straight from an iterator (once), so that a page is never collected.
struct Lazy<It>(Cell<Option<It>>);

impl<It> Lazy<It> {
    fn new(items: It) -> Lazy<It> {
        Lazy(Cell::new(Some(items)))
    }
}

impl<It> Serialize for Lazy<It>
where
    It: Iterator,
    It::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// Page `items` (all matches, in order) and serialize only the page, mapping each item with `view`
/// (the list-based envelope: `perPage` is `min(max, size)`, also past the end).
pub(crate) fn paged<I, V, F>(call: &Call, items: Vec<I>, view: F) -> Outcome
where
    F: Fn(I) -> V,
    V: Serialize,
{
    envelope(call, items, view, PerPage::OfList)
}

/// As [`paged`], for the listings the server builds as a Spring `Page` (`project.json`,
/// `project/{id}/imageinstance.json`): `perPage` is the number of items on the page, 0 past the
/// end (docs/protocol.md §2.2).
pub(crate) fn page_paged<I, V, F>(call: &Call, items: Vec<I>, view: F) -> Outcome
where
    F: Fn(I) -> V,
    V: Serialize,
{
    envelope(call, items, view, PerPage::OfPage)
}

/// What `perPage` counts.
#[derive(Clone, Copy)]
enum PerPage {
    /// `min(max, size)`: `RestCytomineController.responseSuccess(List)`.
    OfList,
    /// `min(max, items on this page)`: `RestCytomineController.responseSuccess(Page)`.
    OfPage,
}

fn envelope<I, V, F>(call: &Call, items: Vec<I>, view: F, per_page: PerPage) -> Outcome
where
    F: Fn(I) -> V,
    V: Serialize,
{
    let page = Page::from_call(call)?;
    let size = items.len();
    let on_page = size.saturating_sub(page.offset).min(page.max);
    let shown = items.into_iter().skip(page.offset).take(page.max).map(view);
    Ok(Reply::json(
        200,
        &Envelope {
            collection: Lazy::new(shown),
            offset: page.offset,
            per_page: match per_page {
                PerPage::OfList => page.max.min(size),
                PerPage::OfPage => on_page,
            },
            size,
            total_pages: size.div_ceil(page.max),
        },
    ))
}

/// The default page size of the repository endpoints (Spring's `size`).
const SPRING_DEFAULT_SIZE: usize = 20;
/// The largest page the repository endpoints serve.
const SPRING_MAX_SIZE: usize = 2000;

/// Spring's page window: `page` (0-based) and `size` (default 20, at most 2000). `max` and
/// `offset` are ignored; a missing, malformed or negative value falls back to its default, as
/// Spring's pageable resolver does (docs/protocol.md §2.7).
fn spring_page(call: &Call) -> (usize, usize) {
    let number = |key: &str| call.param(key).and_then(|v| v.trim().parse::<i64>().ok());
    let page = number("page").filter(|p| *p >= 0).unwrap_or(0) as usize;
    let size = number("size")
        .filter(|s| *s >= 1)
        .map_or(SPRING_DEFAULT_SIZE, |s| (s as usize).min(SPRING_MAX_SIZE));
    (page, size)
}

/// Page `items` the repository way: `offset = page*size`, `perPage = size` (the requested page
/// size, not the item count), `size = total`, `totalPages = ceil(total/size)`.
pub(crate) fn spring_paged<I, V, F>(call: &Call, items: Vec<I>, view: F) -> Reply
where
    F: Fn(I) -> V,
    V: Serialize,
{
    let (page, size) = spring_page(call);
    let total = items.len();
    let offset = page.saturating_mul(size);
    let shown = items.into_iter().skip(offset).take(size).map(view);
    Reply::json(
        200,
        &Envelope {
            collection: Lazy::new(shown),
            offset,
            per_page: size,
            size: total,
            total_pages: total.div_ceil(size),
        },
    )
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
