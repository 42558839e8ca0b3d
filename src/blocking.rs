//! A blocking facade for scripts (feature `blocking`): the async API, run to completion on a
//! tokio runtime that the client owns.
//!
//! **Do not call it from inside an async runtime** (an `async fn`, a `#[tokio::main]` program,
//! a task): blocking there would stall the runtime's threads. Every call checks first and
//! returns [`Error::Usage`] saying so instead of blocking or panicking; in
//! async code use the async API directly, or move the blocking work to
//! `tokio::task::spawn_blocking`.
//!
//! ```no_run
//! use cytomine::blocking::Cytomine;
//! use cytomine::models::{Annotation, Project};
//! use cytomine::{Fetch, Query, Resource};
//!
//! # fn demo() -> cytomine::Result<()> {
//! let cm = Cytomine::connect("https://cytomine.example", "public-key", "private-key")?;
//! println!("connected as {}", cm.current_user().username);
//! let mut project = Project::new("My project");
//! cm.save(&mut project)?;                                    // POST /api/project.json
//! let same: Project = cm.fetch(project.id.unwrap())?;        // GET /api/project/{id}.json
//! let all = cm.list(Project::list())?;                       // GET /api/project.json
//! for annotation in cm.iter(Annotation::list().project(42)) { // paged, constant memory
//!     println!("{:?}", annotation?.location);
//! }
//! // Anything else of the async API, once:
//! let bytes = cm.run(|cm| async move {
//!     let image = cytomine::models::ImageInstance::fetch(&cm, 13).await?;
//!     image.download(&cm, "/tmp/image13.tiff").await
//! })?;
//! cm.delete(&project)?;
//! # Ok(()) }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures::Stream;
use tokio::runtime::Runtime;

use crate::{
    BulkReport, ClientBuilder, Collection, Create, CurrentUser, Delete, Error, Fetch, Query,
    Resource, Result, Update,
};

/// The message of the error returned when the facade is called inside an async runtime.
pub const INSIDE_RUNTIME: &str =
    "cytomine::blocking must not be called from inside an async runtime: \
use the async API (cytomine::Cytomine) there, or move this call into tokio::task::spawn_blocking";

/// The runtime, shut down in the background when the last handle goes, so that dropping a
/// client never panics, even inside an async context.
#[derive(Debug)]
struct OwnedRuntime(Option<Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl OwnedRuntime {
    fn new() -> Result<Arc<Self>> {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("cytomine-blocking")
            .enable_all()
            .build()
            .map(|rt| Arc::new(OwnedRuntime(Some(rt))))
            .map_err(|e| Error::Usage(format!("cannot start the blocking client's runtime: {e}")))
    }

    /// Runs `future` to completion, or refuses when called inside an async runtime.
    fn block_on<F: Future>(&self, future: F) -> Result<F::Output> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Usage(INSIDE_RUNTIME.to_string()));
        }
        match &self.0 {
            Some(runtime) => Ok(runtime.block_on(future)),
            None => Err(Error::Usage("the blocking client's runtime is gone".into())),
        }
    }
}

/// A blocking connection to a Cytomine server; see the [module docs](self). Clones share the
/// connection and the runtime.
#[derive(Debug, Clone)]
pub struct Cytomine {
    runtime: Arc<OwnedRuntime>,
    inner: crate::Cytomine,
}

impl Cytomine {
    /// Connects with a key pair, as [`crate::Cytomine::connect`].
    pub fn connect(
        host: &str,
        public_key: impl Into<String>,
        private_key: impl Into<String>,
    ) -> Result<Self> {
        Self::from_builder(crate::Cytomine::builder(host).credentials(public_key, private_key))
    }

    /// Connects with the settings of an async [`ClientBuilder`] (timeouts, retries, bulk).
    pub fn from_builder(builder: ClientBuilder) -> Result<Self> {
        let runtime = OwnedRuntime::new()?;
        let inner = runtime.block_on(builder.connect())??;
        Ok(Cytomine { runtime, inner })
    }

    /// The async client underneath, for use inside [`Cytomine::run`] or elsewhere.
    pub fn as_async(&self) -> &crate::Cytomine {
        &self.inner
    }

    /// The user the keys belong to.
    pub fn current_user(&self) -> &CurrentUser {
        self.inner.current_user()
    }

    /// `scheme://host[:port]` of the server.
    pub fn base_url(&self) -> &str {
        self.inner.base_url()
    }

    /// Runs any async operation to completion: `f` gets a clone of the async client.
    pub fn run<T, F, Fut>(&self, f: F) -> Result<T>
    where
        F: FnOnce(crate::Cytomine) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.runtime.block_on(f(self.inner.clone()))?
    }

    /// [`Fetch::fetch`]: the item with this key.
    pub fn fetch<R: Fetch>(&self, key: R::Key) -> Result<R> {
        self.run(|cm| async move { R::fetch(&cm, key).await })
    }

    /// [`Create::save`]: creates `item`, filling in its id.
    pub fn save<R: Create>(&self, item: &mut R) -> Result<()> {
        self.runtime.block_on(item.save(&self.inner))?
    }

    /// [`Update::update`]: sends the whole object.
    pub fn update<R: Update>(&self, item: &mut R) -> Result<()> {
        self.runtime.block_on(item.update(&self.inner))?
    }

    /// [`Delete::delete`]: deletes `item` on the server.
    pub fn delete<R: Delete>(&self, item: &R) -> Result<()> {
        self.runtime.block_on(item.delete(&self.inner))?
    }

    /// [`Delete::delete_by_id`]: deletes the item with this key.
    pub fn delete_by_id<R: Delete>(&self, key: R::Key) -> Result<()> {
        self.run(|cm| async move { R::delete_by_id(&cm, key).await })
    }

    /// [`Query::fetch`]: the whole list (or its `max`/`offset` window) in one request.
    pub fn list<Q: Query>(&self, query: Q) -> Result<Collection<Q::Resource>> {
        self.run(|cm| async move { query.fetch(&cm).await })
    }

    /// [`Query::stream`] as an iterator: page by page, with constant memory.
    pub fn iter<Q: Query>(&self, query: Q) -> Iter<Q::Resource> {
        Iter {
            runtime: Arc::clone(&self.runtime),
            stream: Box::pin(query.stream(&self.inner)),
            done: false,
        }
    }

    /// [`Collection::save`]: creates every item in bulk; the report accounts for each.
    pub fn save_all<R: Create>(&self, items: &mut Collection<R>) -> Result<BulkReport> {
        self.runtime.block_on(items.save(&self.inner))?
    }
}

/// The items of a list query, fetched page by page as the iteration goes.
pub struct Iter<R> {
    runtime: Arc<OwnedRuntime>,
    stream: Pin<Box<dyn Stream<Item = Result<R>> + Send>>,
    done: bool,
}

impl<R> std::fmt::Debug for Iter<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iter").field("done", &self.done).finish()
    }
}

impl<R: Resource> Iterator for Iter<R> {
    type Item = Result<R>;

    /// The next item; after an error (including a call inside an async runtime), `None`.
    fn next(&mut self) -> Option<Result<R>> {
        if self.done {
            return None;
        }
        let next = self.runtime.block_on(std::future::poll_fn(|cx| {
            self.stream.as_mut().poll_next(cx)
        }));
        let item = match next {
            Ok(item) => item,
            Err(refused) => Some(Err(refused)),
        };
        self.done = !matches!(item, Some(Ok(_)));
        item
    }
}
