//! The collection envelope of WIRE.md §2.2 (`max`/`offset`, `max=0` = all).

use std::cell::Cell;

use serde::{Serialize, Serializer};

use super::call::Call;
use super::fail::{Fail, Outcome};
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
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// Page `items` (all matches, in order) and serialize only the page, mapping each item with `view`.
pub fn paged<I, V, F>(call: &Call, items: Vec<I>, view: F) -> Result<Reply, Fail>
where
    F: Fn(I) -> V,
    V: Serialize,
{
    let size = items.len();
    paged_window(
        call,
        size,
        |offset, max| items.into_iter().skip(offset).take(max),
        view,
    )
}

/// Page a list of `size` matches without building it: `window(offset, max)` gives the page's
/// items only (for example by slicing a list of ids), each mapped with `view` and serialized
/// into the answer as it is made.
pub fn paged_window<I, It, W, V, F>(call: &Call, size: usize, window: W, view: F) -> Outcome
where
    W: FnOnce(usize, usize) -> It,
    It: Iterator<Item = I>,
    F: Fn(I) -> V,
    V: Serialize,
{
    let page = Page::from_call(call)?;
    let shown = window(page.offset, page.max).map(view);
    Ok(envelope_of(page, size, Lazy::new(shown)))
}

/// As [`paged_window`], each item written by `write` straight into the answer's bytes (see
/// `json_out`); the envelope's bytes are those of [`paged_window`].
pub fn paged_json<I, It, W, F>(call: &Call, size: usize, window: W, write: F) -> Outcome
where
    W: FnOnce(usize, usize) -> It,
    It: Iterator<Item = I>,
    F: Fn(&mut Vec<u8>, I),
{
    let page = Page::from_call(call)?;
    let shown = size.saturating_sub(page.offset).min(page.max);
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\"collection\":[");
    for (n, item) in window(page.offset, page.max).enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let start = out.len();
        write(&mut out, item);
        if n == 0 {
            // The first item's size tells roughly how much the page needs.
            let guess = (out.len() - start + 1).saturating_mul(shown.saturating_sub(1));
            out.reserve(guess.min(MAX_RESERVE));
        }
    }
    let (per_page, total_pages) = counts(page, size);
    out.extend_from_slice(b"],\"offset\":");
    super::json_out::put(&mut out, &page.offset);
    out.extend_from_slice(b",\"perPage\":");
    super::json_out::put(&mut out, &per_page);
    out.extend_from_slice(b",\"size\":");
    super::json_out::put(&mut out, &size);
    out.extend_from_slice(b",\"totalPages\":");
    super::json_out::put(&mut out, &total_pages);
    out.push(b'}');
    Ok(Reply::json_bytes(200, out))
}

/// The most [`paged_json`] reserves ahead (it grows as needed beyond).
const MAX_RESERVE: usize = 64 << 20;

/// `(perPage, totalPages)` of a page of a list of `size` items.
fn counts(page: Page, size: usize) -> (usize, usize) {
    let total_pages = if size == 0 {
        0
    } else {
        size.div_ceil(page.max)
    };
    (page.max.min(size), total_pages)
}

/// Build the envelope for an already-cut page of a list of `size` items.
fn envelope_of<C: Serialize>(page: Page, size: usize, shown: C) -> Reply {
    let (per_page, total_pages) = counts(page, size);
    Reply::json(
        200,
        &Envelope {
            collection: shown,
            offset: page.offset,
            per_page,
            size,
            total_pages,
        },
    )
}

/// The default page size of the repository endpoints (Spring's `size`).
pub const SPRING_DEFAULT_SIZE: usize = 20;
/// The largest page the repository endpoints serve.
pub const SPRING_MAX_SIZE: usize = 2000;

/// Spring's page window: `page` (0-based) and `size` (default 20, at most 2000). `max` and
/// `offset` are ignored; a missing, malformed or negative value falls back to its default, as
/// Spring's pageable resolver does (WIRE.md §2.7).
pub fn spring_page(call: &Call) -> (usize, usize) {
    let number = |key: &str| call.param(key).and_then(|v| v.trim().parse::<i64>().ok());
    let page = number("page").filter(|p| *p >= 0).unwrap_or(0) as usize;
    let size = number("size")
        .filter(|s| *s >= 1)
        .map_or(SPRING_DEFAULT_SIZE, |s| (s as usize).min(SPRING_MAX_SIZE));
    (page, size)
}

/// Page `items` the repository way: `offset = page*size`, `perPage = size` (the requested page
/// size, not the item count), `size = total`, `totalPages = ceil(total/size)`.
pub fn spring_paged<I, V, F>(call: &Call, items: Vec<I>, view: F) -> Reply
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
