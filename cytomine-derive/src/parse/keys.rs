//! Reads `#[resource(...)]` key by key. Every message is ours: an unknown key, a key given twice,
//! a missing `path` and a value of the wrong form are found here, so the wording of our compile
//! errors does not depend on the attribute library.

use std::collections::HashSet;

use darling::ast::NestedMeta;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, Expr, ExprLit, Field, Lit, LitStr, Meta, MetaList};

use super::{
    FieldAttrs, FilterList, Flag, LookupList, MultipartSpec, ParamList, Refuse, ResourceAttrs,
    FIELD_KEYS, OPERATION_KEYS, STRUCT_KEYS,
};
use crate::diagnostics::{
    attribute_error, closest, did_you_mean, expected_form, misuse, misuse_span,
};

impl ResourceAttrs {
    /// Reads the struct-level attributes of `input`; every problem is reported, each once.
    pub(crate) fn read(input: &DeriveInput) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let mut keys = Keys::new(None, "unknown key", STRUCT_KEYS);
        let mut path = None;
        let mut attrs = ResourceAttrs {
            ident: input.ident.clone(),
            vis: input.vis.clone(),
            // Replaced below; only returned when `path` was read.
            path: LitStr::new("", Span::call_site()),
            class: None,
            envelope: None,
            create: None,
            item: None,
            list: None,
            filters: FilterList::default(),
            filter_required: Flag::default(),
            no_batch: Flag::default(),
            params: ParamList::default(),
            refuse: Refuse::default(),
            fetch_by: LookupList::default(),
            multipart: None,
            krate: None,
        };
        for item in items(&input.attrs, &mut errors) {
            let Some((key, meta)) = errors.handle(keys.admit(&item)) else {
                continue;
            };
            let read = match key {
                "path" => string(meta, key).map(|lit| path = Some(lit)),
                "class" => string(meta, key).map(|lit| attrs.class = Some(lit)),
                "envelope" => string(meta, key).map(|lit| attrs.envelope = Some(lit)),
                "create" => string(meta, key).map(|lit| attrs.create = Some(lit)),
                "item" => string(meta, key).map(|lit| attrs.item = Some(lit)),
                "list" => string(meta, key).map(|lit| attrs.list = Some(lit)),
                "filters" => list(meta, key)
                    .and_then(FilterList::read)
                    .map(|filters| attrs.filters = filters),
                "filter_required" => flag(meta, key).map(|f| attrs.filter_required = f),
                "no_batch" => flag(meta, key).map(|f| attrs.no_batch = f),
                "params" => list(meta, key)
                    .and_then(ParamList::read)
                    .map(|params| attrs.params = params),
                "refuse" => list(meta, key)
                    .and_then(refuse)
                    .map(|refuse| attrs.refuse = refuse),
                "fetch_by" => list(meta, key)
                    .and_then(LookupList::read)
                    .map(|lookups| attrs.fetch_by = lookups),
                "multipart" => list(meta, key)
                    .and_then(MultipartSpec::read)
                    .map(|spec| attrs.multipart = Some(spec)),
                // `crate`, the last key.
                _ => root(meta).map(|root| attrs.krate = Some(root)),
            };
            errors.handle(read);
        }
        let missing = || {
            misuse_span(
                attribute_span(input),
                "path",
                "missing",
                expected_form("path"),
            )
        };
        // An attribute without its list (`#[resource]`) already says that keys are missing.
        let listless = input
            .attrs
            .iter()
            .any(|a| a.path().is_ident("resource") && !matches!(a.meta, Meta::List(_)));
        if path.is_none() && !listless && !keys.accounts_for("path") {
            errors.push(missing());
        }
        errors.finish()?;
        let path = path.ok_or_else(missing)?;
        Ok(ResourceAttrs { path, ..attrs })
    }
}

impl FieldAttrs {
    /// Reads the attributes of one field.
    pub(crate) fn read(field: &Field) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let mut keys = Keys::new(None, "unknown field key", FIELD_KEYS);
        let mut attrs = FieldAttrs::default();
        for item in items(&field.attrs, &mut errors) {
            if let Some((key, meta)) = errors.handle(keys.admit(&item)) {
                errors.handle(flag(meta, key).map(|f| attrs.id = f));
            }
        }
        errors.finish_with(attrs)
    }
}

/// The keys inside every `#[resource(...)]` of `attrs`, in order.
fn items(attrs: &[Attribute], errors: &mut darling::error::Accumulator) -> Vec<NestedMeta> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("resource"))
        .filter_map(|attr| {
            let Meta::List(list) = &attr.meta else {
                errors.push(attribute_error(
                    &attr.meta,
                    "the attribute has no list of keys",
                    "`#[resource(key = .., ..)]`, like `#[resource(path = \"project\")]`",
                ));
                return None;
            };
            errors.handle(NestedMeta::parse_meta_list(list.tokens.clone()).map_err(Into::into))
        })
        .flatten()
        .collect()
}

/// Where a missing key is reported: the `resource` of the first `#[resource(..)]`, else the
/// struct's name.
fn attribute_span(input: &DeriveInput) -> Span {
    input
        .attrs
        .iter()
        .find(|a| a.path().is_ident("resource"))
        .map_or_else(|| input.ident.span(), |a| a.path().span())
}

/// The keys of one attribute list seen so far, and what an unknown key was probably meant as.
struct Keys {
    /// `Some("refuse")` inside `refuse(...)`: errors then name `refuse(<key>)`.
    parent: Option<&'static str>,
    /// What an unknown key is called ("unknown key", "unknown operation").
    unknown: &'static str,
    valid: &'static [&'static str],
    seen: HashSet<&'static str>,
    suggested: HashSet<&'static str>,
}

impl Keys {
    fn new(
        parent: Option<&'static str>,
        unknown: &'static str,
        valid: &'static [&'static str],
    ) -> Self {
        Keys {
            parent,
            unknown,
            valid,
            seen: HashSet::new(),
            suggested: HashSet::new(),
        }
    }

    /// `key`, or `parent(key)` inside a parent list.
    fn shown(&self, key: &str) -> String {
        match self.parent {
            Some(parent) => format!("{parent}({key})"),
            None => key.to_string(),
        }
    }

    /// The key that `item` sets, with its meta; a literal, an unknown key, a repeated key or a
    /// value that is no expression is an error.
    fn admit<'a>(&mut self, item: &'a NestedMeta) -> darling::Result<(&'static str, &'a Meta)> {
        match item {
            NestedMeta::Meta(meta) => Ok((self.key(meta.path())?, meta)),
            NestedMeta::NameValueInvalidExpr(nv) => {
                let key = self.key(&nv.path)?;
                Err(misuse(
                    &nv.value,
                    &self.shown(key),
                    "this value is not an expression",
                    expected_form(&self.shown(key)),
                ))
            }
            NestedMeta::Lit(lit) => {
                let expected = format!("one of {}", listed(self.valid));
                Err(match self.parent {
                    Some(parent) => misuse(lit, parent, "a literal is not a key", expected),
                    None => attribute_error(lit, "a literal is not a key", expected),
                })
            }
        }
    }

    /// The valid key that `path` names, seen for the first time.
    fn key(&mut self, path: &syn::Path) -> darling::Result<&'static str> {
        let name = quote::quote!(#path).to_string().replace(' ', "");
        let Some(key) = self.valid.iter().copied().find(|k| *k == name) else {
            let hint = did_you_mean(&name, self.valid);
            if let Some(meant) = closest(&name, self.valid) {
                self.suggested.insert(meant);
            }
            return Err(misuse(
                path,
                &self.shown(&name),
                self.unknown,
                format!("one of {}{hint}", listed(self.valid)),
            ));
        };
        if !self.seen.insert(key) {
            return Err(misuse(
                path,
                &self.shown(key),
                "given more than once",
                "each key at most once",
            ));
        }
        Ok(key)
    }

    /// Whether `key` was given, or an unknown key was probably meant as it (which says enough).
    fn accounts_for(&self, key: &str) -> bool {
        self.seen.contains(key) || self.suggested.contains(key)
    }
}

/// `` `a`, `b`, `c` ``.
fn listed(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `key = "text"`.
fn string(meta: &Meta, key: &str) -> darling::Result<LitStr> {
    match meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => Ok(lit.clone()),
            _ => Err(not_accepted(meta, key)),
        },
        _ => Err(not_accepted(meta, key)),
    }
}

/// A bare `key`.
fn flag(meta: &Meta, key: &str) -> darling::Result<Flag> {
    match meta {
        Meta::Path(path) => Ok(Flag(Some(path.span()))),
        _ => Err(not_accepted(meta, key)),
    }
}

/// `key(...)`.
fn list<'a>(meta: &'a Meta, key: &str) -> darling::Result<&'a MetaList> {
    match meta {
        Meta::List(list) => Ok(list),
        _ => Err(not_accepted(meta, key)),
    }
}

/// `crate = "::cytomine"`: a string literal holding a path.
fn root(meta: &Meta) -> darling::Result<syn::Path> {
    let lit = string(meta, "crate")?;
    lit.parse().map_err(|_| {
        misuse(
            &lit,
            "crate",
            format!("`{}` is not a path", lit.value()),
            expected_form("crate"),
        )
    })
}

/// `refuse(update, delete)`.
fn refuse(list: &MetaList) -> darling::Result<Refuse> {
    let mut errors = darling::Error::accumulator();
    let mut keys = Keys::new(Some("refuse"), "unknown operation", OPERATION_KEYS);
    let mut refuse = Refuse::default();
    let items = NestedMeta::parse_meta_list(list.tokens.clone())?;
    for item in &items {
        let Some((key, meta)) = errors.handle(keys.admit(item)) else {
            continue;
        };
        let slot = match key {
            "fetch" => &mut refuse.fetch,
            "create" => &mut refuse.create,
            "update" => &mut refuse.update,
            "delete" => &mut refuse.delete,
            _ => &mut refuse.list,
        };
        if let Some(flag) = errors.handle(flag(meta, &keys.shown(key))) {
            *slot = flag;
        }
    }
    errors.finish_with(refuse)
}

/// "`#[resource(key)]`: <what was written> is not accepted here, expected <the valid form>", on
/// what was written.
fn not_accepted(meta: &Meta, key: &str) -> darling::Error {
    let (span, written) = match meta {
        Meta::Path(path) => (path.span(), "a bare key".to_string()),
        Meta::List(list) => (list.path.span(), "a list".to_string()),
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit { lit, .. }) => (lit.span(), format!("{} value", literal_kind(lit))),
            other => (other.span(), "an expression".to_string()),
        },
    };
    misuse_span(
        span,
        key,
        format!("{written} is not accepted here"),
        expected_form(key),
    )
}

/// "a bool", "an int", ... for the kind of `lit`.
fn literal_kind(lit: &Lit) -> &'static str {
    match lit {
        Lit::Str(_) => "a string",
        Lit::ByteStr(_) => "a byte string",
        Lit::CStr(_) => "a C string",
        Lit::Byte(_) => "a byte",
        Lit::Char(_) => "a char",
        Lit::Int(_) => "an int",
        Lit::Float(_) => "a float",
        Lit::Bool(_) => "a bool",
        _ => "a literal",
    }
}
