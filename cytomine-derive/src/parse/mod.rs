//! The attribute layer: what `#[resource(...)]` says, before any cross-field check. Required
//! keys are plain fields, optional ones are `Option`s.

mod filters;
mod keys;
mod lookups;
mod multipart;
mod params;

pub(crate) use filters::{FilterList, FilterQuery, FilterSpec};
pub(crate) use lookups::{LookupList, LookupSpec};
pub(crate) use multipart::MultipartSpec;
pub(crate) use params::{ParamDefault, ParamList, ParamSpec};

use proc_macro2::Span;
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
pub(crate) struct ResourceAttrs {
    pub ident: Ident,
    pub vis: Visibility,
    pub path: LitStr,
    pub class: Option<LitStr>,
    pub envelope: Option<LitStr>,
    pub create: Option<LitStr>,
    pub item: Option<LitStr>,
    pub list: Option<LitStr>,
    pub filters: FilterList,
    pub filter_required: Flag,
    pub no_batch: Flag,
    pub params: ParamList,
    pub refuse: Refuse,
    pub fetch_by: LookupList,
    pub multipart: Option<MultipartSpec>,
    pub krate: Option<syn::Path>,
}

/// `refuse(fetch, create, update, delete, list)`: the operations the type does not allow.
#[derive(Default)]
pub(crate) struct Refuse {
    pub fetch: Flag,
    pub create: Flag,
    pub update: Flag,
    pub delete: Flag,
    pub list: Flag,
}

/// The field-level attribute: `#[resource(id)]` marks the id field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub id: Flag,
}

/// A bare key such as `no_batch`: whether it was written, and where.
#[derive(Clone, Copy, Default)]
pub(crate) struct Flag(Option<Span>);

impl Flag {
    /// Whether the key was written.
    pub fn is_present(&self) -> bool {
        self.0.is_some()
    }

    /// The key's token (the call site when absent).
    pub fn span(&self) -> Span {
        self.0.unwrap_or_else(Span::call_site)
    }
}
