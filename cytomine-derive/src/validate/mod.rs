//! Cross-field checks: from the parsed attribute and the struct to a [`Model`], with every problem
//! of the item collected (`darling::Error::accumulator`) so that one compile shows them all.

mod defaults;
mod lists;
mod methods;
mod paths;
mod shape;

pub(crate) use lists::QUERY_METHODS;

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Ident};

use crate::diagnostics::misuse;
use crate::model::{Model, Operations};
use crate::parse::{Flag, ResourceAttrs};
use paths::{FieldNames, Placeholders};
use shape::FieldInfo;

/// What is left when validation fails: the errors, and what the dummies can still use.
pub(crate) struct Failure {
    /// Every problem found.
    pub errors: darling::Error,
    /// The runtime root, when the attribute could be read.
    pub root: Option<syn::Path>,
    /// Filter and param names that can still get (dummy) builder methods.
    pub methods: Vec<Ident>,
}

/// Checks `input` and builds its model.
pub(crate) fn validate(input: &DeriveInput) -> Result<Model, Box<Failure>> {
    let mut errors = darling::Error::accumulator();
    errors.handle(shape::no_generics(input));
    let fields = errors.handle(shape::named_fields(input));
    let attrs = errors.handle(ResourceAttrs::read(input));
    let id_field = fields
        .as_ref()
        .and_then(|fields| errors.handle(shape::id_field(fields, &input.ident)));
    let model = match (&fields, &attrs) {
        (Some(fields), Some(attrs)) => errors.handle(build(attrs, fields, id_field)).flatten(),
        _ => None,
    };
    match (errors.finish(), model) {
        (Ok(()), Some(model)) => Ok(model),
        (result, _) => Err(Box::new(Failure {
            errors: result
                .err()
                .unwrap_or_else(|| darling::Error::custom("`#[derive(Resource)]`: invalid input")),
            root: attrs.as_ref().and_then(|a| a.krate.clone()),
            methods: attrs.as_ref().map(dummy_methods).unwrap_or_default(),
        })),
    }
}

fn dummy_methods(attrs: &ResourceAttrs) -> Vec<Ident> {
    let filters = attrs
        .filters
        .0
        .iter()
        .filter_map(|f| f.name.get_ident().cloned());
    let params = attrs.params.0.iter().map(|p| p.name.clone());
    let mut seen = HashSet::new();
    filters
        .chain(params)
        .filter(|name| syn::parse_str::<Ident>(&name.to_string()).is_ok())
        .filter(|name| !QUERY_METHODS.contains(&name.to_string().as_str()))
        .filter(|name| seen.insert(name.to_string()))
        .collect()
}

/// The model, or `None` when only the id field (already reported) is missing.
fn build(
    attrs: &ResourceAttrs,
    fields: &[FieldInfo],
    id_field: Option<Ident>,
) -> darling::Result<Option<Model>> {
    let mut errors = darling::Error::accumulator();
    let ident = &attrs.ident;
    let path = errors.handle(paths::base_path(&attrs.path));
    let class = attrs
        .class
        .as_ref()
        .and_then(|lit| errors.handle(paths::plain_text(lit, "class")));
    let envelope = attrs
        .envelope
        .as_ref()
        .and_then(|lit| errors.handle(paths::plain_text(lit, "envelope")));
    // The field keeping undeclared attributes is a map: it cannot fill a path placeholder.
    let field_names: Vec<String> = fields
        .iter()
        .filter(|f| !f.keeps_unknown)
        .map(|f| f.ident.to_string())
        .collect();
    let names = FieldNames {
        struct_name: ident.to_string(),
        fields: &field_names,
    };
    let base = path.clone().unwrap_or_default();
    let mut template =
        |lit, key, default, rule| errors.handle(paths::template(lit, key, default, &names, rule));
    let create = template(
        attrs.create.as_ref(),
        "create",
        format!("{base}.json"),
        Placeholders::Any,
    );
    let item = template(
        attrs.item.as_ref(),
        "item",
        format!("{base}/{{id}}.json"),
        Placeholders::AtLeastOne,
    );
    let list = template(
        attrs.list.as_ref(),
        "list",
        format!("{base}.json"),
        Placeholders::None,
    );
    let list_path = list
        .as_ref()
        .map_or_else(|| format!("{base}.json"), |(l, _)| l.clone());
    let mut seen = HashSet::new();
    let param_wires: Vec<String> = attrs.params.0.iter().map(lists::param_wire).collect();
    let filters = errors.handle(lists::filters(
        &attrs.filters.0,
        &list_path,
        &param_wires,
        &mut seen,
    ));
    let params = errors.handle(lists::params(&attrs.params.0, &mut seen));
    let refuse = &attrs.refuse;
    let flag = |flag: &Flag| flag.is_present().then(|| flag.span());
    let lookups = errors.handle(methods::lookups(
        &attrs.fetch_by.0,
        &names,
        fields,
        flag(&refuse.fetch),
    ));
    let multipart = match &attrs.multipart {
        Some(spec) => errors
            .handle(methods::multipart(spec, fields, flag(&refuse.create)))
            .map(Some),
        None => Some(None),
    };
    if let Some(span) = flag(&refuse.list) {
        errors.handle(list_refusal(attrs, span));
    }
    if attrs.filter_required.is_present() && attrs.filters.0.is_empty() {
        errors.push(crate::diagnostics::misuse_span(
            attrs.filter_required.span(),
            "filter_required",
            "no filter is declared, so the list could never be fetched",
            "at least one filter in `filters(...)`",
        ));
    }
    let key = item
        .as_ref()
        .and_then(|(_, names)| errors.handle(key_type(names, fields, attrs)));
    let root = attrs.krate.clone().unwrap_or_else(default_root);
    if !refuse.update.is_present() {
        errors.handle(shape::keeps_unknown_for_update(fields, ident, &root));
    }
    errors.finish()?;
    let (Some(id_field), Some(path), Some(create), Some(item), Some(list)) =
        (id_field, path, create, item, list)
    else {
        return Ok(None);
    };
    let (Some(key_type), Some(filters), Some(params), Some(lookups), Some(multipart)) =
        (key, filters, params, lookups, multipart)
    else {
        return Ok(None);
    };
    let uploaded: Vec<String> = multipart
        .iter()
        .flat_map(|m| m.query.iter().map(|(_, field)| field.to_string()))
        .collect();
    let path_fields = path_fields(&[&create.1, &item.1, &uploaded], &id_field, fields);
    Ok(Some(Model {
        ident: ident.clone(),
        vis: attrs.vis.clone(),
        root,
        envelope: envelope.unwrap_or_else(|| path.replace('_', "")),
        path,
        class,
        create: create.0,
        key_names: item.1,
        item: item.0,
        list: list.0,
        key_type,
        id_field,
        path_fields,
        filters,
        filter_required: attrs.filter_required.is_present(),
        batch_create: !attrs.no_batch.is_present(),
        params,
        operations: Operations {
            fetch: !refuse.fetch.is_present(),
            create: !refuse.create.is_present(),
            update: !refuse.update.is_present(),
            delete: !refuse.delete.is_present(),
            list: !refuse.list.is_present(),
        },
        lookups,
        multipart,
    }))
}

/// `refuse(list)` leaves nothing for filters, params, `filter_required` or `list` to act on.
fn list_refusal(attrs: &ResourceAttrs, span: Span) -> darling::Result<()> {
    let conflicts = [
        ("filters", !attrs.filters.0.is_empty()),
        ("params", !attrs.params.0.is_empty()),
        ("filter_required", attrs.filter_required.is_present()),
        ("list", attrs.list.is_some()),
    ];
    let given: Vec<String> = conflicts
        .iter()
        .filter(|(_, present)| *present)
        .map(|(key, _)| format!("`{key}`"))
        .collect();
    if given.is_empty() {
        return Ok(());
    }
    Err(crate::diagnostics::misuse_span(
        span,
        "refuse(list)",
        format!(
            "the type has no collection, but {} {} one",
            given.join(", "),
            if given.len() == 1 {
                "describes"
            } else {
                "describe"
            }
        ),
        "either `refuse(list)` or the list keys",
    ))
}

/// `::cytomine`, the facade.
pub(crate) fn default_root() -> syn::Path {
    syn::parse_quote!(::cytomine)
}

/// `type Key`: `i64` for `{id}`, the (unwrapped) field type otherwise; a tuple for several.
fn key_type(
    names: &[String],
    fields: &[FieldInfo],
    attrs: &ResourceAttrs,
) -> darling::Result<TokenStream> {
    if names.len() > 4 {
        let lit = attrs
            .item
            .as_ref()
            .map_or_else(|| attrs.path.clone(), Clone::clone);
        return Err(misuse(
            &lit,
            "item",
            "more than 4 placeholders",
            "a key of at most 4 parts",
        ));
    }
    let parts: Vec<TokenStream> = names
        .iter()
        .map(|name| match fields.iter().find(|f| f.ident == name) {
            Some(field) if name != "id" => {
                let inner = shape::option_inner(&field.ty);
                quote!(#inner)
            }
            _ => quote!(i64),
        })
        .collect();
    Ok(match parts.as_slice() {
        [single] => single.clone(),
        _ => quote!((#(#parts,)*)),
    })
}

/// Each placeholder name used by a template, with the field that fills it (`id` -> the id field).
fn path_fields(
    templates: &[&Vec<String>],
    id_field: &Ident,
    fields: &[FieldInfo],
) -> Vec<(String, Ident)> {
    let mut out: Vec<(String, Ident)> = vec![("id".to_string(), id_field.clone())];
    for name in templates.iter().flat_map(|t| t.iter()) {
        if out.iter().any(|(n, _)| n == name) {
            continue;
        }
        if let Some(field) = fields.iter().find(|f| f.ident == name) {
            out.push((name.clone(), field.ident.clone()));
        }
    }
    out
}
