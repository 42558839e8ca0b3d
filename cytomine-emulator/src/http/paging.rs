//! The collection envelope of WIRE.md §2.2 (`max`/`offset`, `max=0` = all).

use std::cell::Cell;

use serde::{Serialize, Serializer};

use super::call::Call;
use super::early::{Chunks, Early};
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
/// `json_out`); the envelope's bytes are those of [`paged_window`]. `window` gives the page's
/// keys (cheap, e.g. ids) and `resolve` each key's item (a key without one is skipped).
///
/// A page larger than [`CHUNK`] goes out early, in chunks, when the call allows it (a listing
/// route, see `early`): the client reads the first items while the rest are written.
pub fn paged_json<K, I, It, W, R, F>(
    call: &Call,
    size: usize,
    window: W,
    resolve: R,
    write: F,
) -> Outcome
where
    W: FnOnce(usize, usize) -> It,
    It: Iterator<Item = K>,
    R: Fn(&K) -> Option<I>,
    F: Fn(&mut Vec<u8>, I),
{
    let page = Page::from_call(call)?;
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\"collection\":[");
    let mut sink = Sink::Unsent(call.early.as_ref());
    let mut first = true;
    for key in window(page.offset, page.max) {
        let Some(item) = resolve(&key) else { continue };
        if !first {
            out.push(b',');
        }
        first = false;
        write(&mut out, item);
        if out.len() >= CHUNK && !sink.pass(&mut out) {
            // The client is gone: nobody reads the rest.
            return Ok(Reply::sent_early());
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
    Ok(sink.finish(out))
}

/// The bytes a listing gathers before it sends them as one chunk (and, the first time, starts
/// its answer early).
pub const CHUNK: usize = 256 << 10;

/// Where [`paged_json`] sends full chunks: nowhere until the first one is full, then to the
/// client through the call's early answer, if it has one.
enum Sink<'a> {
    /// No chunk sent yet; the early answer if the call has one.
    Unsent(Option<&'a Early>),
    /// Chunks going out.
    Sending(Chunks),
    /// Everything written into one buffer (no early answer).
    Whole,
}

impl Sink<'_> {
    /// Sends the full buffer `out` as a chunk, starting the answer if needed, and leaves `out`
    /// empty, ready for the next; keeps it whole where nothing can be sent early. `false`
    /// once the client is gone.
    fn pass(&mut self, out: &mut Vec<u8>) -> bool {
        if let Sink::Unsent(early) = self {
            *self = match early.and_then(|e| e.json_stream()) {
                Some(chunks) => Sink::Sending(chunks),
                None => Sink::Whole,
            };
        }
        match self {
            Sink::Sending(chunks) => chunks.send(std::mem::replace(out, chunk_buffer())),
            _ => true,
        }
    }

    /// The answer to return once `out` holds the last bytes: all of them, or the last chunk
    /// sent and a stand-in for the answer that went out early.
    fn finish(self, out: Vec<u8>) -> Reply {
        match self {
            Sink::Sending(chunks) => {
                chunks.send(out);
                Reply::sent_early()
            }
            _ => Reply::json_bytes(200, out),
        }
    }
}

/// A buffer for the next chunk, with room for the item that makes it full.
fn chunk_buffer() -> Vec<u8> {
    Vec::with_capacity(CHUNK + CHUNK / 4)
}

/// Whether the page a call asks for may hold more than [`IN_PLACE_ITEMS`] (`max` larger, or
/// `max=0`: all): a listing then runs on its own thread, free to answer early in chunks.
/// Smaller pages are written in place, as any read: a thread hop and a chunked answer cost
/// more than they save on a page of 1,000 annotations (measured on 100 of them, streamed by
/// the client three at a time: 0.130 s in place, 0.155 s on a thread).
pub fn may_be_large(call: &Call) -> bool {
    Page::from_call(call).is_ok_and(|page| page.max > IN_PLACE_ITEMS)
}

/// The largest page written in place (see [`may_be_large`]).
pub const IN_PLACE_ITEMS: usize = 2000;

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

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
