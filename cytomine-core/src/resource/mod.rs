//! The [`Resource`] trait: the static facts `#[derive(Resource)]` emits about a type, and the
//! capability traits ([`Fetch`], [`Create`], [`Update`], [`Delete`]) whose default methods hold the
//! CRUD logic, written once for every resource.

pub(crate) mod crud;
mod key;
mod lookup;
mod multipart;
mod path;
mod refusal;

pub use key::KeyParts;
pub use lookup::{fetch_by, lookup_path, Lookup};
pub use multipart::{multipart_create, multipart_query, Multipart};
pub use path::{render, PathValue};
pub use refusal::{
    refused, CreatedByUpload, Refused, RefusesCreate, RefusesDelete, RefusesFetch, RefusesUpdate,
    Wire,
};

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::Cytomine;
use crate::error::Result;
use crate::query::Query;

/// One list filter of a resource: `Project::list().ontology(100)` is the filter named `ontology`,
/// whose path template `ontology/{}/project.json` receives the id in place of `{}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// The filter's name, also the name of the generated builder method.
    pub name: &'static str,
    /// Path template relative to `/api/`; each `{}` receives one part of the filter value.
    pub path: &'static str,
    /// Query keys that repeat the filter's values, one per `{}` in order (empty: none). Some
    /// servers want `project/3/userconnection/4.json?project=3&user=4`.
    pub query: &'static [&'static str],
}

/// Which operations a resource allows. The capability traits enforce this at compile time; this
/// value lets code (and people) inspect it at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operations {
    /// `GET` one item.
    pub fetch: bool,
    /// `POST` a new item.
    pub create: bool,
    /// `PUT` an existing item.
    pub update: bool,
    /// `DELETE` an item.
    pub delete: bool,
    /// `GET` a collection ([`Resource::list`] exists only with [`Listable`]).
    pub list: bool,
}

/// A type stored on a Cytomine server: the static facts about its URLs and envelopes.
///
/// Implemented by `#[derive(Resource)]`; the logic that uses these facts lives in this crate, once.
/// Path templates are relative to `/api/` and name struct fields in braces (`{id}`,
/// `{domain_class_name}`); [`Resource::path_param`] gives each field's value.
///
/// ```
/// use cytomine_core::{Resource, Filter};
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
/// assert_eq!(Project::PATH, "project");
/// assert_eq!(Project::ITEM_PATH, "project/{id}.json");
/// assert_eq!(Project::FILTERS[1], Filter { name: "ontology", path: "ontology/{}/project.json", query: &[] });
/// ```
pub trait Resource: Serialize + DeserializeOwned + Send + Sync + Unpin + 'static {
    /// Base name in URLs, e.g. `project`.
    const PATH: &'static str;
    /// Key of the object inside create, update and delete envelopes, e.g. `project`.
    const ENVELOPE_KEY: &'static str;
    /// The server's fully qualified class name, when known (`be.cytomine.domain.project.Project`).
    const CLASS_NAME: Option<&'static str>;
    /// Template of the create (`POST`) path, e.g. `project.json`.
    const CREATE_PATH: &'static str;
    /// Template of one item's path (fetch, update, delete), e.g. `project/{id}.json`.
    const ITEM_PATH: &'static str;
    /// The placeholders of [`Resource::ITEM_PATH`] that make up [`Resource::Key`], in order.
    const KEY_NAMES: &'static [&'static str];
    /// Path of the unfiltered collection, e.g. `project.json`.
    const LIST_PATH: &'static str;
    /// The declared list filters.
    const FILTERS: &'static [Filter];
    /// Whether a collection of this type can only be fetched with a filter.
    const FILTER_REQUIRED: bool;
    /// The operations this resource allows.
    const OPERATIONS: Operations;
    /// Whether [`Resource::CREATE_PATH`] accepts a JSON array (batch create, docs/protocol.md §2.5).
    /// When it does not, bulk saves send one request per item.
    const BATCH_CREATE: bool = true;
    /// Query modifiers every new list query starts with, as (wire key, wire text); the
    /// builder's methods override them.
    const DEFAULT_PARAMS: &'static [(&'static str, &'static str)] = &[];
    /// Other ways to fetch one item than by [`Resource::Key`] (`fetch_by` in the derive).
    const LOOKUPS: &'static [Lookup] = &[];
    /// When set, the create is a multipart upload of a file (see [`multipart_create`]) and
    /// [`Create`] is not implemented.
    const MULTIPART: Option<Multipart> = None;

    /// What identifies one item: `i64` for most resources, a tuple for composite keys.
    type Key: KeyParts + Send + 'static;
    /// The typed list builder returned by [`Resource::list`].
    type List: Query<Resource = Self>;

    /// The server id, `None` while the object is new.
    fn id(&self) -> Option<i64>;
    /// Sets the server id.
    fn set_id(&mut self, id: Option<i64>);
    /// The text of the field named `name` for a path template, `None` when unset or unknown.
    fn path_param(&self, name: &str) -> Option<String>;

    /// A new list query for this type: `Project::list().ontology(100).fetch(&cm)`. Only types
    /// that can be listed ([`Listable`]) have it.
    fn list() -> Self::List
    where
        Self: Listable,
    {
        Self::List::from_query(crate::query::ListQuery::new())
    }
}

/// Resources that have collections: [`Resource::list`] exists. A type with `refuse(list)`
/// (a description, one per object) does not implement it, so its `list()` does not compile:
///
/// ```compile_fail
/// # extern crate cytomine_core as cytomine;
/// use cytomine::Resource;
/// #[derive(cytomine::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
/// #[resource(path = "description", refuse(list))]
/// pub struct Description {
///     pub id: Option<i64>,
///     #[serde(flatten)]
///     pub extra: cytomine::Extra,
/// }
///
/// let q = Description::list();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no collection: its type refuses `list`",
    label = "`{Self}` is not `Listable`",
    note = "`#[resource(refuse(list))]` removes `list()`; fetch items one by one instead"
)]
pub trait Listable: Resource {}

/// Resources that can be fetched: `GET` of [`Resource::ITEM_PATH`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be fetched: its type refuses `fetch`",
    label = "`{Self}` is not `Fetch`",
    note = "`#[resource(refuse(fetch))]` on `{Self}` removes `fetch` and `refresh`"
)]
pub trait Fetch: Resource {
    /// Fetches the item with this key: `Project::fetch(&cm, 42)` sends `GET /api/project/42.json`.
    fn fetch(cm: &Cytomine, key: Self::Key) -> impl Future<Output = Result<Self>> + Send {
        crud::fetch(cm, key)
    }

    /// Fetches many items by key, at most the client's concurrency
    /// ([`Cytomine::concurrency`]) at a time, and gives each key with its own result, in the
    /// order of the keys: a key that fails (missing, forbidden, a server error after the retries)
    /// is reported with its error and costs the others nothing.
    ///
    /// ```no_run
    /// # extern crate cytomine_core as cytomine;
    /// # #[derive(cytomine::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
    /// # #[resource(path = "project")]
    /// # pub struct Project {
    /// #     pub id: Option<i64>,
    /// #     pub name: String,
    /// #     #[serde(flatten)]
    /// #     pub extra: cytomine::Extra,
    /// # }
    /// # async fn demo(cm: cytomine_core::Cytomine) {
    /// use cytomine_core::Fetch;
    /// for (id, result) in Project::fetch_many(&cm, [1, 2, 3]).await {
    ///     match result {
    ///         Ok(project) => println!("{id}: {}", project.name),
    ///         Err(err) => eprintln!("{id}: {err}"),
    ///     }
    /// }
    /// # }
    /// ```
    fn fetch_many<I>(
        cm: &Cytomine,
        keys: I,
    ) -> impl Future<Output = Vec<(Self::Key, Result<Self>)>> + Send
    where
        I: IntoIterator<Item = Self::Key>,
    {
        crud::fetch_many(cm, keys.into_iter().collect())
    }

    /// Fetches this object again by its own key, replacing every field.
    fn refresh(&mut self, cm: &Cytomine) -> impl Future<Output = Result<()>> + Send {
        crud::refresh(cm, self)
    }
}

/// Resources that can be created: `POST` of [`Resource::CREATE_PATH`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be created by `save`: its type refuses `create`, or is created by upload",
    label = "`{Self}` is not `Create`",
    note = "`#[resource(refuse(create))]` on `{Self}` removes `save`; a type with `#[resource(multipart(..))]` is created by `upload(&cm, file)` instead"
)]
pub trait Create: Resource {
    /// Creates this object on the server and fills in what the server answers (its id first).
    /// An object that already has an id is updated instead when the type allows updates.
    fn save(&mut self, cm: &Cytomine) -> impl Future<Output = Result<()>> + Send {
        crud::save(cm, self)
    }
}

/// Resources that can be updated: `PUT` of [`Resource::ITEM_PATH`] with the whole object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be updated: its type refuses `update`",
    label = "`{Self}` is not `Update`",
    note = "`#[resource(refuse(update))]` on `{Self}` removes `update` and `update_with`"
)]
pub trait Update: Resource {
    /// Sends the whole object; fields the server returns replace the local ones.
    fn update(&mut self, cm: &Cytomine) -> impl Future<Output = Result<()>> + Send {
        crud::update(cm, self)
    }

    /// Applies `changes` (a JSON object of wire-named attributes) locally, then updates.
    fn update_with(
        &mut self,
        cm: &Cytomine,
        changes: serde_json::Value,
    ) -> impl Future<Output = Result<()>> + Send {
        crud::update_with(cm, self, changes)
    }
}

/// Resources that can be deleted: `DELETE` of [`Resource::ITEM_PATH`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be deleted: its type refuses `delete`",
    label = "`{Self}` is not `Delete`",
    note = "`#[resource(refuse(delete))]` on `{Self}` removes `delete` and `delete_by_id`"
)]
pub trait Delete: Resource {
    /// Deletes this object on the server. The local value is left as it was.
    fn delete(&self, cm: &Cytomine) -> impl Future<Output = Result<()>> + Send {
        crud::delete(cm, self)
    }

    /// Deletes the item with this key without fetching it first.
    fn delete_by_id(cm: &Cytomine, key: Self::Key) -> impl Future<Output = Result<()>> + Send {
        crud::delete_by_key::<Self>(cm, key)
    }
}
