//! Running list queries: all at once, or as a stream of pages with the next pages requested
//! ahead.

use std::collections::VecDeque;

use futures::stream::{self, Stream, TryStreamExt};

use super::ListQuery;
use crate::client::Cytomine;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::http::envelope::Page;
use crate::http::page_reader::read_page;
use crate::http::request::Call;
use crate::http::transport::AttemptBody;
use crate::http::Method;
use crate::resource::Resource;

async fn fetch_page<R: Resource>(
    cm: &Cytomine,
    path: &str,
    mut query: Vec<(String, String)>,
    max: Option<u64>,
    offset: Option<u64>,
) -> Result<Page<R>> {
    if let Some(max) = max.filter(|m| *m > 0) {
        query.push(("max".into(), max.to_string()));
        let offset = offset.unwrap_or(0);
        query.push(("offset".into(), offset.to_string()));
        // The 2026 repository endpoints ignore max/offset and page with `page`/`size`
        // (docs/protocol.md §2.7); classic endpoints ignore these. Both read the same window.
        if offset.is_multiple_of(max) {
            query.push(("page".into(), (offset / max).to_string()));
            query.push(("size".into(), max.to_string()));
        }
    } else if let Some(offset) = offset {
        query.push(("offset".into(), offset.to_string()));
    }
    // A page of `max` items is read into room for them made at once, not grown item by item.
    let room = max.map_or(0, |max| max.min(MAX_ROOM_AHEAD) as usize);
    let call = Call::api(Method::Get, path).query(query);
    let read = move |request, response| read_page(request, response, room);
    cm.transport()
        .execute(&call, Vec::new, || Ok(AttemptBody::None), read)
        .await
}

/// The most items a page's room is made for before they arrive (a larger page grows as it is
/// read), so that a huge page size asked for costs no memory the answer does not fill.
const MAX_ROOM_AHEAD: u64 = 10_000;

pub(super) async fn fetch_all<R: Resource>(cm: Cytomine, q: ListQuery<R>) -> Result<Collection<R>> {
    let path = q.path()?;
    let (max, offset, _) = q.paging();
    let page = fetch_page::<R>(&cm, &path, q.query_pairs(), max, offset).await?;
    let truncated = page
        .size
        .is_some_and(|total| total > page.collection.len() as u64);
    if max.is_none() && offset.is_none() && truncated {
        // Asked for everything, got a page: a server that pages on its own (the 2026
        // repository endpoints return 20 items by default). Read every page instead.
        let items: Vec<R> = stream(cm, q.page_size(REPOSITORY_MAX_PAGE))
            .try_collect()
            .await?;
        let total = items.len() as u64;
        return Ok(Collection::with_total(items, Some(total)));
    }
    Ok(Collection::with_total(page.collection, page.size))
}

/// The largest page the repository endpoints serve (docs/protocol.md §2.7).
const REPOSITORY_MAX_PAGE: u64 = 2000;

type PageTask<R> = tokio::task::JoinHandle<Result<Page<R>>>;

/// Pages are requested ahead of the one being read, once the total is known, up to the client's
/// concurrency ([`Cytomine::concurrency`]). Against a server across a network each page costs a
/// round trip and the server's own query: requested ahead, the next pages are prepared while
/// this one is read, instead of one after the other. Memory stays bounded: at most that many
/// pages are held besides the one being read.
/// Walks the pages in order, keeping up to the client's concurrency of requests running.
struct Pager<R: Resource> {
    cm: Cytomine,
    path: String,
    query: Vec<(String, String)>,
    page_size: u64,
    /// Offset of the next page to request.
    next_offset: u64,
    /// Offset just past the last item wanted (`offset + max`), if bounded.
    limit: Option<u64>,
    /// Total number of items, once a page has told it.
    total: Option<u64>,
    /// Requests running, in page order, each with its offset.
    pending: VecDeque<(u64, PageTask<R>)>,
    /// Whether the first request went out (at the first poll, inside the runtime).
    started: bool,
}

impl<R: Resource> Pager<R> {
    /// Offset past which there is nothing to request: the smaller of the limit and the total.
    fn end(&self) -> Option<u64> {
        [self.total, self.limit].into_iter().flatten().min()
    }

    /// Stops the requests still running (their pages are not wanted).
    fn abort_pending(&mut self) {
        for (_, task) in self.pending.drain(..) {
            task.abort();
        }
    }

    fn spawn(&mut self) {
        let (cm, path, query) = (self.cm.clone(), self.path.clone(), self.query.clone());
        let (size, offset) = (self.page_size, self.next_offset);
        let task = tokio::spawn(async move {
            fetch_page::<R>(&cm, &path, query, Some(size), Some(offset)).await
        });
        self.pending.push_back((offset, task));
        self.next_offset += size;
    }

    /// Starts requests up to the allowed depth: one while the total is unknown (a page
    /// might be the last), the client's concurrency once it is, never past the end.
    fn fill(&mut self) {
        let depth = if self.total.is_some() {
            self.cm.concurrency()
        } else {
            1
        };
        while self.pending.len() < depth && self.end().is_none_or(|end| self.next_offset < end) {
            self.spawn();
        }
    }

    /// The next page in order, once it has arrived; starts the following ones. `None` after
    /// the last page.
    async fn next_page(&mut self) -> Result<Option<Vec<R>>> {
        if !self.started {
            self.started = true;
            self.fill();
        }
        // The request stays in `pending` while it runs, so that dropping the pager stops it.
        let Some((page_start, task)) = self.pending.front_mut() else {
            return Ok(None);
        };
        let page_start = *page_start;
        let joined = task.await;
        self.pending.pop_front();
        let page = joined.map_err(|source| crate::Error::Task { source })??;
        let mut items = page.collection;
        let got = items.len() as u64;
        if let Some(limit) = self.limit {
            items.truncate(limit.saturating_sub(page_start) as usize);
        }
        if page.size.is_some() {
            self.total = page.size;
        }
        if got < self.page_size {
            // The last page: whatever was requested beyond it is not needed.
            self.abort_pending();
        } else {
            self.fill();
        }
        Ok(Some(items))
    }
}

/// A stream dropped before its end (e.g. after `take(n)`) stops the pages it requested ahead.
impl<R: Resource> Drop for Pager<R> {
    fn drop(&mut self) {
        self.abort_pending();
    }
}

/// The items of every page, in order. An invalid query gives its error, then ends.
pub(super) fn stream<R: Resource>(
    cm: Cytomine,
    q: ListQuery<R>,
) -> impl Stream<Item = Result<R>> + Send + 'static {
    let (max, offset, page_size) = q.paging();
    let start = offset.unwrap_or(0);
    let pager = q.path().map(|path| Pager {
        cm,
        path,
        query: q.query_pairs(),
        page_size,
        next_offset: start,
        limit: max.map(|m| start + m),
        total: None,
        pending: VecDeque::new(),
        started: false,
    });
    let pages = stream::try_unfold(pager, |pager| async move {
        let mut pager = pager?;
        let page = pager.next_page().await?;
        Ok::<_, Error>(page.map(|items| (items, Ok(pager))))
    });
    pages
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
}
