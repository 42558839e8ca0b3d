//! Checks on `filters(...)` and `params(...)`: names that make good methods, templates, types.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::{Ident, LitStr};

use crate::diagnostics::{misuse, misuse_span};
use crate::model::{FilterModel, ParamKind, ParamModel};
use crate::parse::{FilterQuery, FilterSpec, ParamSpec};
use crate::template::placeholders;
use crate::validate::defaults::default_text;
use crate::validate::shape::type_text;

/// Methods every generated list type already has through the `Query` trait.
pub(crate) const QUERY_METHODS: &[&str] = &[
    "fetch",
    "stream",
    "max",
    "offset",
    "page_size",
    "param",
    "into_query",
    "from_query",
    "as_query",
];

/// The parameter types a modifier may have.
pub(crate) const PARAM_TYPES: &[&str] = &[
    "bool",
    "i64",
    "i32",
    "u32",
    "u64",
    "f64",
    "String",
    "Vec<i64>",
    "Vec<String>",
];

/// Checks a builder-method name shared by filters and params; `seen` holds earlier names.
fn method_name(
    ident: &Ident,
    key: &str,
    what: &str,
    seen: &mut HashSet<String>,
) -> darling::Result<()> {
    let name = ident.to_string();
    if syn::parse_str::<Ident>(&name).is_err() {
        return Err(misuse(
            ident,
            key,
            format!("`{name}` is a Rust keyword and cannot name a method"),
            format!("another {what} name"),
        ));
    }
    if QUERY_METHODS.contains(&name.as_str()) {
        let reserved = QUERY_METHODS
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>();
        return Err(misuse(
            ident,
            key,
            format!("`{name}` collides with the list method `Query::{name}`"),
            format!("a {what} name other than {}", reserved.join(", ")),
        ));
    }
    if !seen.insert(name.clone()) {
        return Err(misuse(
            ident,
            key,
            format!("`{name}` is declared twice"),
            "each filter and param name once (both become methods of the list type)",
        ));
    }
    Ok(())
}

/// Validates the filters; `list` is the list path their default templates extend, `params` the
/// query keys the params send (a filter may not repeat its values under one of them).
pub(crate) fn filters(
    specs: &[FilterSpec],
    list: &str,
    params: &[String],
    seen: &mut HashSet<String>,
) -> darling::Result<Vec<FilterModel>> {
    let mut errors = darling::Error::accumulator();
    let models = specs
        .iter()
        .filter_map(|spec| errors.handle(filter(spec, list, params, seen)))
        .collect();
    errors.finish_with(models)
}

fn filter(
    spec: &FilterSpec,
    list: &str,
    params: &[String],
    seen: &mut HashSet<String>,
) -> darling::Result<FilterModel> {
    let Some(name) = spec.name.get_ident() else {
        return Err(misuse(
            &spec.name,
            "filters",
            "a filter name must be a single identifier",
            "a name like `user`",
        ));
    };
    method_name(name, "filters", "filter", seen)?;
    let (template, arity) = match &spec.template {
        Some(lit) => (lit.value(), filter_arity(lit)?),
        None => (format!("{name}/{{}}/{list}"), 1),
    };
    let query = match &spec.query {
        Some(query) => filter_query(query, arity, params)?,
        None => Vec::new(),
    };
    Ok(FilterModel {
        name: name.clone(),
        template,
        arity,
        query,
    })
}

/// `query(project, user)`: one valid, distinct key per filter value, none sent by a param.
fn filter_query(
    query: &FilterQuery,
    arity: usize,
    params: &[String],
) -> darling::Result<Vec<String>> {
    if query.keys.len() != arity {
        return Err(misuse_span(
            query.span,
            "filters",
            format!(
                "`query(..)` names {} key(s) for {arity} value(s)",
                query.keys.len()
            ),
            "one query key per `{}` of the template, in order",
        ));
    }
    let mut keys = Vec::new();
    for (key, span) in &query.keys {
        check_wire(key, *span, "filters")?;
        let wrong = if keys.contains(key) {
            Some(format!("the query key `{key}` is repeated"))
        } else if params.contains(key) {
            Some(format!("the query key `{key}` is also sent by a param"))
        } else {
            None
        };
        if let Some(wrong) = wrong {
            return Err(misuse_span(
                *span,
                "filters",
                wrong,
                "distinct query keys, none sent by a param",
            ));
        }
        keys.push(key.clone());
    }
    Ok(keys)
}

fn filter_arity(lit: &LitStr) -> darling::Result<usize> {
    let text = lit.value();
    let expected = "a template with one `{}` per value, like `admin = \"project/{}/admin.json\"`";
    let found = placeholders(&text).map_err(|wrong| misuse(lit, "filters", wrong, expected))?;
    if let Some(Some(name)) = found.iter().find(|p| p.is_some()) {
        return Err(misuse(
            lit,
            "filters",
            format!("`{{{name}}}` in a filter template cannot be filled from the filter value"),
            expected,
        ));
    }
    if found.is_empty() {
        return Err(misuse(
            lit,
            "filters",
            format!("`{text}` has no `{{}}` for the filter value"),
            expected,
        ));
    }
    if found.len() > 4 {
        return Err(misuse(lit, "filters", "more than 4 values", expected));
    }
    Ok(found.len())
}

/// Validates the params.
pub(crate) fn params(
    specs: &[ParamSpec],
    seen: &mut HashSet<String>,
) -> darling::Result<Vec<ParamModel>> {
    let mut errors = darling::Error::accumulator();
    let mut wires = HashSet::new();
    let models = specs
        .iter()
        .filter_map(|spec| errors.handle(param(spec, seen, &mut wires)))
        .collect();
    errors.finish_with(models)
}

fn param(
    spec: &ParamSpec,
    seen: &mut HashSet<String>,
    wires: &mut HashSet<String>,
) -> darling::Result<ParamModel> {
    method_name(&spec.name, "params", "param", seen)?;
    let kind = param_kind(&spec.ty)?;
    let wire = match &spec.wire {
        Some(lit) => wire_name(lit)?,
        None => camel_case(&spec.name.to_string()),
    };
    if !wires.insert(wire.clone()) {
        let node: &dyn quote::ToTokens = match &spec.wire {
            Some(lit) => lit,
            None => &spec.name,
        };
        return Err(misuse(
            &node.to_token_stream(),
            "params",
            format!("the query key `{wire}` is sent by two params"),
            "one param per query key",
        ));
    }
    let default = spec
        .default
        .as_ref()
        .map(|default| default_text(default, &kind))
        .transpose()?;
    Ok(ParamModel {
        name: spec.name.clone(),
        wire,
        kind,
        default,
    })
}

fn param_kind(ty: &syn::Type) -> darling::Result<ParamKind> {
    let text = type_text(ty);
    Ok(match text.as_str() {
        "bool" | "i64" | "i32" | "u32" | "f64" => ParamKind::Plain(Box::new(ty.clone())),
        "u64" => ParamKind::Unsigned64,
        "String" => ParamKind::Text,
        "Vec<i64>" => ParamKind::IdList,
        "Vec<String>" => ParamKind::TextList,
        _ => {
            let supported = PARAM_TYPES
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>();
            return Err(misuse(
                ty,
                "params",
                format!("the type `{text}` is not supported"),
                format!("one of {}", supported.join(", ")),
            ));
        }
    })
}

fn wire_name(lit: &LitStr) -> darling::Result<String> {
    let wire = lit.value();
    check_wire(&wire, lit.span(), "params").map_err(|_| {
        misuse(
            lit,
            "params",
            format!("`{wire}` is not a query key"),
            "a non-empty key of letters, digits, `_`, `-` or `.`, like `= \"showWKT\"`",
        )
    })?;
    Ok(wire)
}

/// A query key: non-empty, of letters, digits, `_`, `-` and `.`.
pub(crate) fn check_wire(wire: &str, span: Span, key: &str) -> darling::Result<()> {
    let bad = wire.is_empty()
        || !wire
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if bad {
        return Err(misuse_span(
            span,
            key,
            format!("`{wire}` is not a query key"),
            "a non-empty key of letters, digits, `_`, `-` or `.`",
        ));
    }
    Ok(())
}

/// The query key a param sends: its `= "wireName"`, else the camelCase of its name.
pub(crate) fn param_wire(spec: &ParamSpec) -> String {
    spec.wire
        .as_ref()
        .map_or_else(|| camel_case(&spec.name.to_string()), LitStr::value)
}

/// `with_members_count` -> `withMembersCount`.
pub(crate) fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.trim_start_matches("r#").chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn wire_names_are_camel_case() {
        let cases = [
            ("with_members_count", "withMembersCount"),
            ("online", "online"),
            ("show_wkt", "showWkt"),
            ("after_than", "afterThan"),
            ("_hidden", "hidden"),
        ];
        for (rust, wire) in cases {
            assert_eq!(camel_case(rust), wire);
        }
    }
}
