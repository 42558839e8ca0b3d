//! The attribute layer: what `#[resource(...)]` says, as darling reads it, before any
//! cross-field check. Required keys are plain fields, optional ones are `Option`s.

mod filters;
mod lookups;
mod multipart;
mod params;

pub(crate) use filters::{FilterList, FilterQuery, FilterSpec};
pub(crate) use lookups::{LookupList, LookupSpec};
pub(crate) use multipart::MultipartSpec;
pub(crate) use params::{ParamDefault, ParamList, ParamSpec};

use darling::util::Flag;
use darling::{FromDeriveInput, FromField, FromMeta};
use syn::{Ident, LitStr, Visibility};

/// Every key of the struct-level `#[resource(...)]` attribute, in the order the docs list them.
pub(crate) const STRUCT_KEYS: &[&str] = &[
    "path",
    "class",
    "envelope",
    "create",
    "item",
    "list",
    "filters",
    "filter_required",
    "no_batch",
    "params",
    "refuse",
    "fetch_by",
    "multipart",
    "crate",
];

/// The keys of the field-level `#[resource(...)]` attribute.
pub(crate) const FIELD_KEYS: &[&str] = &["id"];

/// The operations `refuse(...)` may name.
pub(crate) const OPERATION_KEYS: &[&str] = &["fetch", "create", "update", "delete", "list"];

/// The struct-level attribute, as written.
#[derive(FromDeriveInput)]
#[darling(attributes(resource))]
pub(crate) struct ResourceAttrs {
    pub ident: Ident,
    pub vis: Visibility,
    pub path: LitStr,
    pub class: Option<LitStr>,
    pub envelope: Option<LitStr>,
    pub create: Option<LitStr>,
    pub item: Option<LitStr>,
    pub list: Option<LitStr>,
    #[darling(default)]
    pub filters: FilterList,
    #[darling(default)]
    pub filter_required: Flag,
    #[darling(default)]
    pub no_batch: Flag,
    #[darling(default)]
    pub params: ParamList,
    #[darling(default)]
    pub refuse: Refuse,
    #[darling(default)]
    pub fetch_by: LookupList,
    pub multipart: Option<MultipartSpec>,
    #[darling(rename = "crate")]
    pub krate: Option<syn::Path>,
}

/// `refuse(fetch, create, update, delete, list)`: the operations the type does not allow.
#[derive(FromMeta, Default)]
pub(crate) struct Refuse {
    #[darling(default)]
    pub fetch: Flag,
    #[darling(default)]
    pub create: Flag,
    #[darling(default)]
    pub update: Flag,
    #[darling(default)]
    pub delete: Flag,
    #[darling(default)]
    pub list: Flag,
}

/// The field-level attribute: `#[resource(id)]` marks the id field.
#[derive(FromField)]
#[darling(attributes(resource))]
pub(crate) struct FieldAttrs {
    #[darling(default)]
    pub id: Flag,
}
