//! The collection envelope of WIRE.md §2.2 (`max`/`offset`, `max=0` = all).

use serde::Serialize;

use super::call::Call;
use super::fail::Fail;
use super::reply::Reply;

/// The page window asked for by `max` and `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Effective page size (`usize::MAX` for `max=0`).
    pub max: usize,
    /// Offset as sent.
    pub offset: usize,
}

impl Page {
    /// Read `max` and `offset` from the query.
    pub fn from_call(call: &Call) -> Result<Page, Fail> {
        let max = call.int("max")?.unwrap_or(0).max(0) as usize;
        let offset = call.int("offset")?.unwrap_or(0).max(0) as usize;
        Ok(Page {
            max: if max == 0 { i32::MAX as usize } else { max },
            offset,
        })
    }
}

#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    collection: &'a [T],
    offset: usize,
    #[serde(rename = "perPage")]
    per_page: usize,
    size: usize,
    #[serde(rename = "totalPages")]
    total_pages: usize,
}

/// Page `items` (all matches, in order) and serialize only the page, mapping each item with `view`.
pub fn paged<I, V, F>(call: &Call, items: Vec<I>, view: F) -> Result<Reply, Fail>
where
    F: Fn(I) -> V,
    V: Serialize,
{
    let page = Page::from_call(call)?;
    let size = items.len();
    let shown: Vec<V> = items
        .into_iter()
        .skip(page.offset)
        .take(page.max)
        .map(view)
        .collect();
    Ok(envelope(page, size, &shown))
}

/// Build the envelope for an already-cut page of a list of `size` items.
pub fn envelope<V: Serialize>(page: Page, size: usize, shown: &[V]) -> Reply {
    let total_pages = if size == 0 {
        0
    } else {
        size.div_ceil(page.max)
    };
    Reply::json(
        200,
        &Envelope {
            collection: shown,
            offset: page.offset,
            per_page: page.max.min(size),
            size,
            total_pages,
        },
    )
}
