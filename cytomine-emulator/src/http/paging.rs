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
/// `json_out`); the envelope's bytes are those of [`paged_window`]. `window` gives the page's
/// keys (cheap, e.g. ids) and `resolve` each key's item (a key without one is skipped).
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
    K: Send + Sync,
    R: Fn(&K) -> Option<I> + Sync,
    F: Fn(&mut Vec<u8>, I) + Sync,
{
    let page = Page::from_call(call)?;
    let keys: Vec<K> = window(page.offset, page.max).collect();
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\"collection\":[");
    write_items(
        &mut out,
        &keys,
        &|out: &mut Vec<u8>, key: &K| match resolve(key) {
            Some(item) => {
                write(out, item);
                true
            }
            None => false,
        },
    );
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

/// Pages of at least this many items are written in two halves at once.
const PARALLEL_FROM: usize = 4096;

/// Writes the item of each key into `out`, comma-separated (`write` says whether the key had
/// one). A large page is written in two halves at once, the second on a scoped thread: a
/// client waits for the whole answer before its first byte, and looking up and writing
/// 100,000 annotations is most of that wait. Where no thread can be had, one writes it all.
fn write_items<K, F>(out: &mut Vec<u8>, keys: &[K], write: &F)
where
    K: Sync,
    F: Fn(&mut Vec<u8>, &K) -> bool + Sync,
{
    if keys.len() < PARALLEL_FROM {
        write_run(out, keys, write);
        return;
    }
    let (first, second) = keys.split_at(keys.len() / 2);
    let written = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("listing-half".into())
            .spawn_scoped(scope, || run_of(second, write));
        write_run(out, first, write);
        other.ok().and_then(|thread| thread.join().ok())
    });
    let mut half = written.unwrap_or_else(|| run_of(second, write));
    if !half.is_empty() && out.last() != Some(&b'[') {
        out.push(b',');
    }
    out.append(&mut half);
}

/// The items of `keys` written into a buffer of their own.
fn run_of<K, F: Fn(&mut Vec<u8>, &K) -> bool>(keys: &[K], write: &F) -> Vec<u8> {
    let mut out = Vec::new();
    write_run(&mut out, keys, write);
    out
}

/// Writes the item of each key into `out`, comma-separated, reserving room from the first
/// item's size.
fn write_run<K, F: Fn(&mut Vec<u8>, &K) -> bool>(out: &mut Vec<u8>, keys: &[K], write: &F) {
    let mut written = 0usize;
    for (n, key) in keys.iter().enumerate() {
        let start = out.len();
        if written > 0 {
            out.push(b',');
        }
        if !write(out, key) {
            out.truncate(start);
            continue;
        }
        written += 1;
        if written == 1 {
            // The first item's size tells roughly how much the run needs.
            let guess = (out.len() - start + 1).saturating_mul(keys.len() - n - 1);
            out.reserve(guess.min(MAX_RESERVE));
        }
    }
}

/// The most [`write_run`] reserves ahead (it grows as needed beyond).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the even numbers only: odd keys have no item.
    fn even(out: &mut Vec<u8>, n: &usize) -> bool {
        if n % 2 == 1 {
            return false;
        }
        out.extend_from_slice(n.to_string().as_bytes());
        true
    }

    #[test]
    fn a_page_written_in_two_halves_is_the_page_written_in_one() {
        let sizes = [
            0,
            1,
            2,
            3,
            PARALLEL_FROM - 1,
            PARALLEL_FROM,
            PARALLEL_FROM + 1,
            10_001,
        ];
        for len in sizes {
            let keys: Vec<usize> = (0..len).collect();
            let mut out = b"[".to_vec();
            write_items(&mut out, &keys, &even);
            let expected: Vec<String> = keys
                .iter()
                .filter(|n| *n % 2 == 0)
                .map(usize::to_string)
                .collect();
            let expected = format!("[{}", expected.join(","));
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{len} keys");
        }
        // A second half with no item adds no comma; a first half with none, no leading one.
        let odd_tail: Vec<usize> = (0..PARALLEL_FROM)
            .map(|n| if n < PARALLEL_FROM / 2 { 0 } else { 1 })
            .collect();
        let zeros = format!("[{}", vec!["0"; PARALLEL_FROM / 2].join(","));
        let mut out = b"[".to_vec();
        write_items(&mut out, &odd_tail, &even);
        assert_eq!(String::from_utf8(out).unwrap(), zeros);
        let odd_head: Vec<usize> = odd_tail.iter().map(|n| 1 - n).collect();
        let mut out = b"[".to_vec();
        write_items(&mut out, &odd_head, &even);
        assert_eq!(String::from_utf8(out).unwrap(), zeros);
    }
}
