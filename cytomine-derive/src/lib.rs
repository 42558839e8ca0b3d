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
//! }
//!
//! assert_eq!(Project::ITEM_PATH, "project/{id}.json");
//! assert_eq!(Project::FILTERS[1], Filter { name: "ontology", path: "ontology/{}/project.json" });
//! // The list builder has one method per filter and per query modifier:
//! let query = Project::list().ontology(100).with_members_count(true).users([7, 8]);
//! ```
//!
//! # What is generated
//!
//! For `struct Project`: `impl Resource for Project` (the consts `PATH`, `ENVELOPE_KEY`,
//! `CLASS_NAME`, `CREATE_PATH`, `ITEM_PATH`, `KEY_NAMES`, `LIST_PATH`, `FILTERS`,
//! `FILTER_REQUIRED`, `OPERATIONS`, the `Key` type, `id`/`set_id` and a field lookup for path
//! templates); `impl Fetch`, `Create`, `Update`, `Delete` unless refused; and the list type
//! `ProjectList` (same visibility as the struct) implementing `Query`, with one builder method per
//! filter and param. The allowed filters are listed at run time by `Project::FILTERS`, and in the
//! list type's rustdoc.
//!
//! # Requirements on the struct
//!
//! A struct with named fields and no generic parameters, with an id field of type `Option<i64>`:
//! the field named `id`, or the field marked `#[resource(id)]`.
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
//! | `filters` | `filters(user, admin = "project/{}/admin.json")` | none |
//! | `filter_required` | flag: the list needs a filter | off |
//! | `no_batch` | flag: the create path refuses JSON arrays, so bulk saves send one POST per item (`BATCH_CREATE = false`) | off |
//! | `params` | `params(online: bool, show_wkt: bool = "showWKT")` | none |
//! | `refuse` | `refuse(fetch, create, update, delete)`: operations not allowed | none |
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
//! pub struct User { pub id: Option<i64>, pub username: String }
//!
//! use cytomine::Resource;
//! let admins = User::list().admin(42).online(true);
//! ```
//!
//! **`params`**: `name: Type` or `name: Type = "wireName"`; the wire name defaults to the camelCase
//! of the Rust name (`with_members_count` → `withMembersCount`). Supported types: `bool`, `i64`,
//! `i32`, `u32`, `u64`, `f64`, `String` (the method takes `impl Into<String>`), `Vec<i64>` and
//! `Vec<String>` (the method takes any iterable; values are comma-joined on the wire).
//!
//! Filter and param names must differ from each other and from the methods every list has
//! (`fetch`, `stream`, `max`, `offset`, `page_size`, `param`, `into_query`, `from_query`,
//! `as_query`).
//!
//! **`refuse`**: the capability traits of the listed operations are not implemented, so
//! `image.delete(&cm)` does not compile on a type with `refuse(delete)`. Refusing all four is
//! allowed: such a type can still be listed (e.g. a server-computed report).
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
