//! The validated description of one resource type: everything codegen needs, nothing to check.

use proc_macro2::TokenStream;
use syn::{Ident, Type, Visibility};

/// A resource type that passed every check.
pub(crate) struct Model {
    /// The struct's name.
    pub ident: Ident,
    /// The struct's visibility, shared by the generated list type.
    pub vis: Visibility,
    /// The path that reaches the runtime (`::cytomine` unless `crate = ".."`).
    pub root: syn::Path,
    /// `PATH`.
    pub path: String,
    /// `ENVELOPE_KEY`.
    pub envelope: String,
    /// `CLASS_NAME`.
    pub class: Option<String>,
    /// `CREATE_PATH`.
    pub create: String,
    /// `ITEM_PATH`.
    pub item: String,
    /// `LIST_PATH`.
    pub list: String,
    /// The named placeholders of `ITEM_PATH`, in order (`KEY_NAMES`).
    pub key_names: Vec<String>,
    /// `type Key`.
    pub key_type: TokenStream,
    /// The field holding the server id (`Option<i64>`).
    pub id_field: Ident,
    /// Every placeholder of any template with the field that fills it.
    pub path_fields: Vec<(String, Ident)>,
    /// `FILTERS`, in declaration order.
    pub filters: Vec<FilterModel>,
    /// `FILTER_REQUIRED`.
    pub filter_required: bool,
    /// `BATCH_CREATE`: the create path accepts a JSON array.
    pub batch_create: bool,
    /// The query modifiers, in declaration order.
    pub params: Vec<ParamModel>,
    /// `OPERATIONS`, and which capability traits are implemented.
    pub operations: Operations,
    /// `LOOKUPS`: the `fetch_by_<name>` methods.
    pub lookups: Vec<LookupModel>,
    /// `MULTIPART`: the create is an upload (and `Create` is not implemented).
    pub multipart: Option<MultipartModel>,
}

/// One `fetch_by` lookup.
pub(crate) struct LookupModel {
    /// The lookup name; the method is `fetch_by_<name>`.
    pub name: Ident,
    /// Path template with named placeholders.
    pub template: String,
    /// One argument per placeholder, in order.
    pub args: Vec<LookupArg>,
}

/// An argument of a `fetch_by_<name>` method: a placeholder and the type it takes.
pub(crate) struct LookupArg {
    /// The placeholder name, also the argument name.
    pub name: Ident,
    /// The field's type without `Option`.
    pub ty: Type,
    /// Whether the argument is text (`impl Into<String>`).
    pub text: bool,
}

/// A create by multipart upload.
pub(crate) struct MultipartModel {
    /// The name of the file part.
    pub part: String,
    /// (query key, field) of each attribute sent in the query string.
    pub query: Vec<(String, Ident)>,
}

/// One list filter.
pub(crate) struct FilterModel {
    /// The filter name, also its builder method.
    pub name: Ident,
    /// Path template with `arity` bare `{}`.
    pub template: String,
    /// How many values the filter takes.
    pub arity: usize,
    /// Query keys repeating the values (empty, or one per value).
    pub query: Vec<String>,
}

/// One query modifier.
pub(crate) struct ParamModel {
    /// The builder method.
    pub name: Ident,
    /// The query-string key.
    pub wire: String,
    /// How the builder takes and converts its value.
    pub kind: ParamKind,
    /// The wire text every list query starts with, if any.
    pub default: Option<String>,
}

/// The supported parameter types, by how their builder is written.
pub(crate) enum ParamKind {
    /// `bool`, `i64`, `i32`, `u32`, `f64`: taken by value, converted by `QueryValue::from`.
    Plain(Box<Type>),
    /// `u64`: no lossless integer conversion, sent as its decimal text.
    Unsigned64,
    /// `String`: takes `impl Into<String>`.
    Text,
    /// `Vec<i64>`: takes any iterable of `i64`, comma-joined.
    IdList,
    /// `Vec<String>`: takes any iterable of `impl Into<String>`, comma-joined.
    TextList,
}

impl ParamKind {
    /// The Rust type as written in docs.
    pub fn describe(&self) -> String {
        match self {
            ParamKind::Plain(ty) => quote::quote!(#ty).to_string(),
            ParamKind::Unsigned64 => "u64".into(),
            ParamKind::Text => "String".into(),
            ParamKind::IdList => "Vec<i64>".into(),
            ParamKind::TextList => "Vec<String>".into(),
        }
    }
}

/// Which operations the type allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Operations {
    pub fetch: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
    pub list: bool,
}
