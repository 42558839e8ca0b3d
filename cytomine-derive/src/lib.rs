//! `#[derive(Resource)]` for the Cytomine client: the static facts about a resource type (its
//! paths, envelope, key, filters and query modifiers) and its typed list builder.
//!
//! Use it through the facade, as `cytomine::Resource`. The derive emits data and one-line trait
//! impls only; every request is built by `cytomine-core` from that data.
//!
//! # Example
//!
//! ```
//! # extern crate cytomine_core as cytomine;
//! use cytomine::{Filter, Query, Resource};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "project", class = "be.cytomine.domain.project.Project",
//!            filters(user, ontology),
//!            params(with_members_count: bool, users: Vec<i64>, show_wkt: bool = "showWKT"))]
//! pub struct Project {
//!     pub id: Option<i64>,
//!     pub name: String,
//!     /// Every attribute `Project` does not name, sent back on update.
//!     #[serde(flatten)]
//!     pub extra: cytomine::Extra,
//! }
//!
//! assert_eq!(Project::ITEM_PATH, "project/{id}.json");
//! assert_eq!(Project::FILTERS[1].path, "ontology/{}/project.json");
//! // The list builder has one method per filter and per query modifier:
//! let query = Project::list().ontology(100).with_members_count(true).users([7, 8]);
//! ```
//!
//! # What is generated
//!
//! For `struct Project`: `impl Resource for Project` (the consts `PATH`, `ENVELOPE_KEY`,
//! `CLASS_NAME`, `CREATE_PATH`, `ITEM_PATH`, `KEY_NAMES`, `LIST_PATH`, `FILTERS`,
//! `FILTER_REQUIRED`, `BATCH_CREATE`, `DEFAULT_PARAMS`, `LOOKUPS`, `MULTIPART`, `OPERATIONS`, the
//! `Key` type, `id`/`set_id` and a field lookup for path templates); `impl Fetch`, `Create`,
//! `Update`, `Delete`, `Listable` unless refused; the list type `ProjectList` (same visibility
//! as the struct) implementing `Query`, with one builder method per filter and param; and, for
//! `fetch_by` and `multipart`, inherent methods (`fetch_by_<name>`, `upload`) that each make one
//! call into the runtime. The allowed filters are listed at run time by `Project::FILTERS`, and
//! in the list type's rustdoc.
//!
//! Every generated impl is bounded by serde (`Serialize` and `DeserializeOwned`), and one
//! assertion on the struct's name checks them: a type that forgets serde's derives gets that one
//! error ("`Project` derives `Resource` but not serde's `Serialize` and `Deserialize`"), not one
//! per impl. For each refused operation (and `save` on a type created by upload), a hidden
//! inherent method of the same name exists only to fail when called, with a message naming the
//! attribute: "`Project` cannot be updated: its type refuses `update`", with the note
//! "`#[resource(refuse(update))]` on `Project` removes `update` and `update_with`". Calling a
//! filter the type does not declare fails with "no method named `image` found for struct
//! `ProjectList`", and the compiler shows the `filters(..)` line as where the list type is
//! defined.
//!
//! # Requirements on the struct
//!
//! A struct with named fields and no generic parameters, with an id field of type `Option<i64>`:
//! the field named `id`, or the field marked `#[resource(id)]`.
//!
//! A type that can be updated must keep the attributes it does not declare, in a field
//! `#[serde(flatten)] pub extra: cytomine::Extra` (any name; the type's path must end in
//! `Extra`). An update sends the whole object with `PUT`, and the server rebuilds the object from
//! what it receives: an attribute missing from the body is reset to its default, not left as it
//! was. A `Project { id, name }` without `extra`, fetched then updated, would turn a blind-mode
//! project back into a normal one. With `extra`, every attribute the server sent is sent back,
//! so a type naming two fields round-trips the whole object, as the Python client does. Without
//! such a field the derive refuses the type, on its name, with this fix; a type that is never
//! updated says so with `#[resource(refuse(update))]` instead:
//!
//! ```compile_fail
//! # extern crate cytomine_core as cytomine;
//! # use serde::{Deserialize, Serialize};
//! // error: `#[derive(Resource)]`: `MyProject` has no field keeping the attributes it does not
//! // declare, ..., expected a field `#[serde(flatten)] pub extra: cytomine::Extra` ...
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "project")]
//! pub struct MyProject { pub id: Option<i64>, pub name: String }
//! ```
//!
//! There is no opt-in to updates without `extra`: the classic domains (projects, images,
//! annotations, ...) rebuild the object from the `PUT` body (docs/protocol.md §2.4), so such a
//! type could only lose data, and adding the field costs one line and changes nothing else.
//!
//! # Struct attribute keys
//!
//! | key | value | default |
//! |---|---|---|
//! | `path` (required) | resource name in URLs, no `.json`, no outer `/`: `path = "project"` | — |
//! | `class` | server class name: `class = "be.cytomine.domain.project.Project"` | none |
//! | `envelope` | key of the object in envelopes: `envelope = "userannotation"` | `path` without `_` |
//! | `create` | POST path template: `create = "domain/{domain_class_name}/{domain_ident}/property.json"` | `"{path}.json"` |
//! | `item` | one item's template, at least one placeholder: `item = "project/{id}.json"` | `"{path}/{id}.json"` |
//! | `list` | unfiltered list path, no placeholder: `list = "user.json"` | `"{path}.json"` |
//! | `filters` | `filters(user, admin = "project/{}/admin.json", project_user(path = "project/{}/user/{}.json", query(project, user)))` | none |
//! | `filter_required` | flag: the list needs a filter | off |
//! | `no_batch` | flag: the create path refuses JSON arrays, so bulk saves send one POST per item (`BATCH_CREATE = false`) | off |
//! | `params` | `params(online: bool, show_wkt: bool = "showWKT", show_details: bool default true)` | none |
//! | `refuse` | `refuse(fetch, create, update, delete, list)`: operations not allowed | none |
//! | `fetch_by` | `fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json")`: more ways to fetch one item | none |
//! | `multipart` | `multipart(part = "files[]", query(domain_ident, filename = "name"))`: the create is a file upload | JSON create |
//! | `crate` | path to the runtime: `crate = "::cytomine_core"` | `"::cytomine"` |
//!
//! Templates are relative to `/api/`. A placeholder `{name}` names a field of the struct (its
//! Rust name) or `id` (the id field); its value comes from that field when the path is built.
//! The `Key` type (what `fetch` and `delete_by_id` take) follows the placeholders of `item`: `i64`
//! for `{id}`, the field's type (without `Option`) for another field, a tuple for several (at
//! most 4), in order.
//!
//! **`filters`**: each filter becomes a builder method. A bare name `user` has the template
//! `"user/{}/" + list`; `name = "template"` gives its own template, whose bare `{}` receive the
//! filter's values (one `{}`: the method takes `id: i64`; several: one `impl ToString` argument
//! per `{}`). Named placeholders are not allowed in filter templates.
//!
//! ```
//! # extern crate cytomine_core as cytomine;
//! # use serde::{Deserialize, Serialize};
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "user", filters(project, ontology, admin = "project/{}/admin.json"),
//!            params(online: bool, public_key: String))]
//! pub struct User {
//!     pub id: Option<i64>,
//!     pub username: String,
//!     #[serde(flatten)]
//!     pub extra: cytomine::Extra,
//! }
//!
//! use cytomine::Resource;
//! let admins = User::list().admin(42).online(true);
//! ```
//!
//! A filter in the list form `name(path = "template", query(key, ..))` also repeats its values
//! in the query string, one key per `{}` in order (`path` may be left out for the default
//! template). Some endpoints want both, as the Python client sends them:
//!
//! ```
//! # extern crate cytomine_core as cytomine;
//! # use serde::{Deserialize, Serialize};
//! use cytomine::{Query, Resource};
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "projectconnection",
//!            filters(project_user(path = "project/{}/userconnection/{}.json", query(project, user))),
//!            filter_required, refuse(update))]
//! pub struct ProjectConnection { pub id: Option<i64> }
//!
//! let q = ProjectConnection::list().project_user(42, 3);
//! assert_eq!(q.as_query().path().unwrap(), "project/42/userconnection/3.json");
//! assert_eq!(q.as_query().query_pairs(), [("project".to_string(), "42".to_string()),
//!                                         ("user".to_string(), "3".to_string())]);
//! ```
//!
//! **`params`**: `name: Type` or `name: Type = "wireName"`; the wire name defaults to the camelCase
//! of the Rust name (`with_members_count` → `withMembersCount`). Supported types: `bool`, `i64`,
//! `i32`, `u32`, `u64`, `f64`, `String` (the method takes `impl Into<String>`), `Vec<i64>` and
//! `Vec<String>` (the method takes any iterable; values are comma-joined on the wire).
//! A trailing `default <literal>` (not for lists) sets the modifier in every new list query
//! (`DEFAULT_PARAMS`); the builder method overrides it:
//!
//! ```
//! # extern crate cytomine_core as cytomine;
//! # use serde::{Deserialize, Serialize};
//! use cytomine::{Query, Resource};
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "position", filters(imageinstance),
//!            params(user: i64, show_details: bool default true), refuse(update))]
//! pub struct Position { pub id: Option<i64> }
//!
//! let pairs = |q: PositionList| q.as_query().query_pairs();
//! assert_eq!(pairs(Position::list()), [("showDetails".to_string(), "true".to_string())]);
//! assert_eq!(pairs(Position::list().show_details(false)),
//!            [("showDetails".to_string(), "false".to_string())]);
//! ```
//!
//! Filter and param names must differ from each other and from the methods every list has
//! (`fetch`, `stream`, `max`, `offset`, `page_size`, `param`, `into_query`, `from_query`,
//! `as_query`).
//!
//! **`refuse`**: the capability traits of the listed operations are not implemented, so
//! `image.delete(&cm)` does not compile on a type with `refuse(delete)`. Refusing all four is
//! allowed: such a type can still be listed (e.g. a server-computed report). `refuse(list)`
//! removes `Listable`, so `Description::list()` does not compile (a description is one per
//! object and has no collection); it cannot be combined with `filters`, `params`,
//! `filter_required` or `list`.
//!
//! **`fetch_by`**: `name = "template"` adds `fetch_by_<name>(cm, ..)`, with one argument per named
//! placeholder of the template, in order, typed like the `Key` parts (the field's type without
//! `Option`; `impl Into<String>` for a `String`; `i64` for `{id}`). It sends `GET` of the filled
//! template through the runtime's `fetch_by`; the templates are listed in `LOOKUPS`. Not allowed
//! with `refuse(fetch)`.
//!
//! **`multipart`**: the type is created by uploading a file: `upload(&mut self, cm, file)` sends a
//! multipart `POST` of `create` whose part `part` (default `files[]`) streams the file from disk,
//! with the listed fields in the query string (a field without a value is left out; the key is
//! the camelCase of the field unless `field = "key"`), and fills in what the server answers.
//! `Create` is not implemented (its `save` would send JSON); `OPERATIONS.create` stays true.
//! Not allowed with `refuse(create)`.
//!
//! ```
//! # extern crate cytomine_core as cytomine;
//! # use serde::{Deserialize, Serialize};
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "property",
//!            create = "domain/{domain_class_name}/{domain_ident}/property.json",
//!            item = "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
//!            filters(domain = "domain/{}/{}/property.json"), filter_required,
//!            refuse(update))]
//! pub struct Property {
//!     pub id: Option<i64>,
//!     pub domain_class_name: Option<String>,
//!     pub domain_ident: Option<i64>,
//!     pub key: String,
//! }
//!
//! use cytomine::Resource;
//! assert_eq!(Property::KEY_NAMES, &["domain_class_name", "domain_ident", "id"]);
//! let query = Property::list().domain("be.cytomine.domain.project.Project", 42);
//! ```
//!
//! The by-key lookup and the upload of attached files, with `fetch_by` and `multipart`:
//!
//! ```no_run
//! # extern crate cytomine_core as cytomine;
//! # use serde::{Deserialize, Serialize};
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "property",
//!            item = "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
//!            fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json"))]
//! pub struct Property {
//!     pub id: Option<i64>,
//!     pub domain_class_name: Option<String>,
//!     pub domain_ident: Option<i64>,
//!     pub key: Option<String>,
//!     #[serde(flatten)]
//!     pub extra: cytomine::Extra,
//! }
//!
//! #[derive(cytomine::Resource, Serialize, Deserialize, Debug, Clone, Default)]
//! #[resource(path = "attachedfile", refuse(update),
//!            multipart(part = "files[]", query(domain_ident, domain_class_name, filename)))]
//! pub struct AttachedFile {
//!     pub id: Option<i64>,
//!     pub domain_class_name: Option<String>,
//!     pub domain_ident: Option<i64>,
//!     pub filename: Option<String>,
//! }
//!
//! # async fn demo(cm: cytomine::Cytomine) -> cytomine::Result<()> {
//! let class = "be.cytomine.domain.project.Project";
//! // GET /api/domain/be.cytomine.domain.project.Project/42/key/stain/property.json
//! let stain = Property::fetch_by_key(&cm, class, 42, "stain").await?;
//! let mut file = AttachedFile { domain_class_name: Some(class.into()), domain_ident: Some(42),
//!                               ..Default::default() };
//! // POST /api/attachedfile.json?domainIdent=42&domainClassName=be.cytomine..., part `files[]`
//! file.upload(&cm, "/tmp/protocol.pdf").await?;
//! # Ok(()) }
//! ```
//!
//! # Field attribute
//!
//! `#[resource(id)]` marks the id field when it is not named `id`; it must be an `Option<i64>`.
//!
//! # Errors
//!
//! Every misuse is reported on the offending token as "`` `#[resource(<key>)]` ``: what is wrong,
//! expected what is valid", all problems of the item in one compile. On error the derive also
//! emits placeholder impls, so that code using the type reports nothing more.

mod codegen;
mod diagnostics;
mod expand;
mod model;
mod parse;
mod template;
mod validate;

#[cfg(test)]
mod tests;

/// Derives `cytomine::Resource` (and `Fetch`, `Create`, `Update`, `Delete`, and the list type
/// `<Name>List`); see the [crate documentation](crate) for every attribute key.
#[proc_macro_derive(Resource, attributes(resource))]
pub fn derive_resource(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::derive(input.into()).into()
}
