//! A blocking facade for scripts (feature `blocking`): the async API, run to completion on a
//! tokio runtime that the client owns.
//!
//! **Do not call it from inside an async runtime** (an `async fn`, a `#[tokio::main]` program,
//! a task): blocking there would stall the runtime's threads. Every call checks first and
//! returns [`Error::Usage`] saying so instead of blocking or panicking; in
//! async code use the async API directly, or move the blocking work to
//! `tokio::task::spawn_blocking`.
//!
//! The blocking API has the shape of the async one: the same calls, on a
//! [`blocking::Cytomine`](Cytomine), without `.await`. Import [`prelude`] (instead of
//! `cytomine::prelude`, whose async traits have the same method names):
//!
//! ```no_run
//! use cytomine::blocking::prelude::*;
//!
//! # fn demo() -> cytomine::Result<()> {
//! let cm = Cytomine::connect("https://cytomine.example", "public-key", "private-key")?;
//! println!("connected as {}", cm.current_user().username);
//! let mut project = Project::new("My project");
//! project.save(&cm)?;                                         // POST /api/project.json
//! let same = Project::fetch(&cm, project.id.unwrap())?;       // GET /api/project/{id}.json
//! project.name = Some("Renamed".into());
//! project.update(&cm)?;                                       // PUT /api/project/{id}.json
//! let all = Project::list().fetch(&cm)?;                      // GET /api/project.json
//! for annotation in Annotation::list().project(42).iter(&cm) { // paged, constant memory
//!     println!("{:?}", annotation?.location);
//! }
//! project.delete(&cm)?;                                       // DELETE /api/project/{id}.json
//! # Ok(()) }
//! ```
//!
//! | async | blocking |
//! |---|---|
//! | `Project::fetch(&cm, id).await?`, `p.refresh(&cm).await?` | `Project::fetch(&cm, id)?`, `p.refresh(&cm)?` |
//! | `p.save(&cm).await?`, `p.update(&cm).await?`, `p.update_with(&cm, json).await?` | `p.save(&cm)?`, `p.update(&cm)?`, `p.update_with(&cm, json)?` |
//! | `p.delete(&cm).await?`, `Project::delete_by_id(&cm, id).await?` | `p.delete(&cm)?`, `Project::delete_by_id(&cm, id)?` |
//! | `query.fetch(&cm).await?` | `query.fetch(&cm)?` |
//! | `query.stream(&cm)` (a `Stream`) | `query.iter(&cm)` (an [`Iterator`]) |
//! | `collection.save(&cm).await?` (bulk) | `cm.save_all(&mut collection)?` |
//! | `Project::fetch_many(&cm, ids).await` | `Project::fetch_many(&cm, ids)?` |
//! | `files::download_many(&cm, items, progress).await` | `cm.download_many(items, progress)?` |
//! | `files::upload_many(&cm, files, &options, progress).await` | `cm.upload_many(files, &options, progress)?` |
//! | any other async method (`image.download(&cm, path)`, lookups, dumps...) | `cm.run(\|cm\| async move { ... })?` |
//!
//! Bulk saves are the one call of another shape: `Collection::save` is a method of the
//! collection itself, which a trait cannot mirror under the same name. The models' own
//! actions (downloads, dumps, reviews...) run through [`Cytomine::run`], which hands the
//! async client to an async block. There, with the blocking prelude in scope, call the async
//! traits' methods by their path (`cytomine::Fetch::fetch(&cm, 13).await?`):
//!
//! ```no_run
//! # use cytomine::blocking::prelude::*;
//! # fn demo(cm: Cytomine) -> cytomine::Result<()> {
//! let image = ImageInstance::fetch(&cm, 13)?;
//! let written = cm.run(|cm| async move { image.download(&cm, "/tmp/image13.tiff").await })?;
//! # Ok(()) }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures::Stream;
use tokio::runtime::Runtime;

use crate::{BulkReport, ClientBuilder, Collection, CurrentUser, Error, Resource, Result};

mod files;
mod resources;

pub use resources::{Create, Delete, Fetch, Query, Update};

/// What a blocking program usually needs in scope: the blocking client, the blocking traits
/// that give resources and list queries their methods, [`Resource`] (for `list()`),
/// [`Result`] and [`Error`], and the models of the user guide. Use it instead of
/// `cytomine::prelude`, not with it.
pub mod prelude {
    pub use super::{Create, Cytomine, Delete, Fetch, Query, Update};
    pub use crate::{Error, Resource, Result};
    pub use cytomine_models::{
        AbstractImage, Annotation, ImageInstance, Ontology, Project, Storage, Term, UploadedFile,
        User,
    };
}

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

    /// Runs one future of the async API on the client's runtime.
    fn block_on<T>(&self, future: impl Future<Output = Result<T>>) -> Result<T> {
        self.runtime.block_on(future)?
    }

    /// Runs one future that reports each item's own result (`fetch_many`, `download_many`...):
    /// the error is only for a call that cannot run at all.
    fn complete<T>(&self, future: impl Future<Output = T>) -> Result<T> {
        self.runtime.block_on(future)
    }

    /// The most requests this client keeps in flight at once, as
    /// [`crate::Cytomine::concurrency`].
    pub fn concurrency(&self) -> usize {
        self.inner.concurrency()
    }

    /// The items of `stream`, pulled on the client's runtime.
    fn iter_stream<R>(&self, stream: impl Stream<Item = Result<R>> + Send + 'static) -> Iter<R> {
        Iter {
            runtime: Arc::clone(&self.runtime),
            stream: Box::pin(stream),
            done: false,
        }
    }

    /// [`Collection::save`]: creates every item in bulk; the report accounts for each.
    pub fn save_all<R: crate::Create>(&self, items: &mut Collection<R>) -> Result<BulkReport> {
        self.block_on(items.save(&self.inner))
    }
}

/// The items of a list query, fetched page by page as the iteration goes ([`Query::iter`]).
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
