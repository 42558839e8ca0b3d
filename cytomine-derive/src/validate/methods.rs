//! Checks on the keys that add inherent methods: `fetch_by(..)` (one `fetch_by_<name>` each)
//! and `multipart(..)` (`upload`).

use std::collections::HashSet;

use proc_macro2::Span;
use quote::format_ident;
use syn::Ident;

use crate::diagnostics::{did_you_mean, misuse, misuse_span};
use crate::model::{LookupArg, LookupModel, MultipartModel};
use crate::parse::{LookupSpec, MultipartSpec};
use crate::validate::lists::{camel_case, check_wire};
use crate::validate::paths::{self, FieldNames, Placeholders};
use crate::validate::shape::{option_inner, type_text, FieldInfo};

/// The Cytomine core name of the file part.
const DEFAULT_PART: &str = "files[]";

/// Validates the lookups; `fetch_refused` is the span of `refuse(fetch)`, if given.
pub(crate) fn lookups(
    specs: &[LookupSpec],
    names: &FieldNames<'_>,
    fields: &[FieldInfo],
    fetch_refused: Option<Span>,
) -> darling::Result<Vec<LookupModel>> {
    let mut errors = darling::Error::accumulator();
    let mut seen = HashSet::new();
    let models = specs
        .iter()
        .filter_map(|spec| errors.handle(lookup(spec, names, fields, fetch_refused, &mut seen)))
        .collect();
    errors.finish_with(models)
}

fn lookup(
    spec: &LookupSpec,
    names: &FieldNames<'_>,
    fields: &[FieldInfo],
    fetch_refused: Option<Span>,
    seen: &mut HashSet<String>,
) -> darling::Result<LookupModel> {
    let Some(name) = spec.name.get_ident() else {
        return Err(misuse(
            &spec.name,
            "fetch_by",
            "a lookup name must be a single identifier",
            "a name like `key`, giving the method `fetch_by_key`",
        ));
    };
    let text = name.to_string();
    if !seen.insert(text.clone()) {
        return Err(misuse(
            name,
            "fetch_by",
            format!("`{text}` is declared twice"),
            "each lookup name once (each becomes the method `fetch_by_<name>`)",
        ));
    }
    if fetch_refused.is_some() {
        return Err(misuse(
            name,
            "fetch_by",
            "the type has `refuse(fetch)`, so it cannot be fetched by another key either",
            "no `fetch_by` on a type that refuses `fetch`",
        ));
    }
    let (template, placeholders) = paths::template(
        Some(&spec.template),
        "fetch_by",
        String::new(),
        names,
        Placeholders::AtLeastOne,
    )?;
    let mut args: Vec<LookupArg> = Vec::new();
    for placeholder in placeholders {
        if args.iter().any(|a| a.name == placeholder) {
            return Err(misuse(
                &spec.template,
                "fetch_by",
                format!("`{{{placeholder}}}` appears twice"),
                "each placeholder once (each is one argument of the method)",
            ));
        }
        args.push(lookup_arg(&placeholder, fields));
    }
    Ok(LookupModel {
        name: format_ident!("{}", text.trim_start_matches("r#")),
        template,
        args,
    })
}

/// The argument for `placeholder`: the field's type without `Option`, `i64` for `{id}`.
fn lookup_arg(placeholder: &str, fields: &[FieldInfo]) -> LookupArg {
    let field = fields
        .iter()
        .find(|f| f.ident == placeholder && placeholder != "id");
    let ty: syn::Type = match field {
        Some(field) => option_inner(&field.ty).clone(),
        None => syn::parse_quote!(i64),
    };
    LookupArg {
        name: format_ident!("{}", placeholder),
        text: type_text(&ty) == "String",
        ty,
    }
}

/// Validates `multipart(..)`; `create_refused` is the span of `refuse(create)`, if given.
pub(crate) fn multipart(
    spec: &MultipartSpec,
    fields: &[FieldInfo],
    create_refused: Option<Span>,
) -> darling::Result<MultipartModel> {
    let mut errors = darling::Error::accumulator();
    if let Some(span) = create_refused {
        errors.push(misuse_span(
            span,
            "refuse(create)",
            "the type declares `multipart(..)`, which is how it is created",
            "either `multipart(..)` or `refuse(create)`",
        ));
    }
    let part = match &spec.part {
        Some(lit) => {
            let part = lit.value();
            if part.is_empty() || part.contains(|c: char| c.is_control() || c == '"') {
                errors.push(misuse(
                    lit,
                    "multipart",
                    format!("`{part}` is not a part name"),
                    "a non-empty name without quotes, like `part = \"files[]\"`",
                ));
            }
            part
        }
        None => DEFAULT_PART.to_string(),
    };
    let field_names: Vec<String> = fields.iter().map(|f| f.ident.to_string()).collect();
    let mut query: Vec<(String, Ident)> = Vec::new();
    for item in &spec.query {
        let name = item.field.to_string();
        let Some(field) = fields.iter().find(|f| f.ident == item.field) else {
            let hint = did_you_mean(&name, &field_names);
            errors.push(misuse(
                &item.field,
                "multipart",
                format!("`{name}` names no field of the struct"),
                format!("a field name in `query(..)`{hint}"),
            ));
            continue;
        };
        let (wire, span) = match &item.wire {
            Some(lit) => (lit.value(), lit.span()),
            None => (camel_case(&name), item.field.span()),
        };
        if errors
            .handle(check_wire(&wire, span, "multipart"))
            .is_none()
        {
            continue;
        }
        if query.iter().any(|(w, f)| *w == wire || *f == field.ident) {
            errors.push(misuse_span(
                span,
                "multipart",
                format!("`{name}` (query key `{wire}`) is sent twice"),
                "each field and query key once",
            ));
            continue;
        }
        query.push((wire, field.ident.clone()));
    }
    errors.finish_with(MultipartModel { part, query })
}
