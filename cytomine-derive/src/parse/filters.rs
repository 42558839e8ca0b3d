//! `filters(user, ontology, admin = "project/{}/admin.json",
//! project_user(path = "project/{}/user/{}.json", query(project, user)))`.

use darling::ast::NestedMeta;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Lit, LitStr, Meta, MetaList};

use crate::diagnostics::{did_you_mean, misuse};

/// One declared filter: its name, its own path template when given, and the query keys that
/// repeat its values.
pub(crate) struct FilterSpec {
    pub name: syn::Path,
    pub template: Option<LitStr>,
    pub query: Option<FilterQuery>,
}

/// `query(project, user)` of a filter: one query key per value.
pub(crate) struct FilterQuery {
    /// The `query` token.
    pub span: Span,
    /// Each key with its token.
    pub keys: Vec<(String, Span)>,
}

/// The keys inside the list form of a filter.
const FILTER_KEYS: &[&str] = &["path", "query"];

/// The list of `filters(...)`, in declaration order.
#[derive(Default)]
pub(crate) struct FilterList(pub Vec<FilterSpec>);

const EXPECTED: &str = "a filter name (`user`), a name with its template (`admin = \"project/{}/admin.json\"`) or the list form `name(path = \"..\", query(key, ..))`";

impl FilterList {
    /// Reads the filters inside `filters(...)`.
    pub(crate) fn read(list: &MetaList) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let specs = NestedMeta::parse_meta_list(list.tokens.clone())?
            .iter()
            .filter_map(|item| errors.handle(filter_spec(item)))
            .collect();
        errors.finish_with(FilterList(specs))
    }
}

fn filter_spec(item: &NestedMeta) -> darling::Result<FilterSpec> {
    match item {
        NestedMeta::Meta(Meta::Path(path)) => Ok(FilterSpec {
            name: path.clone(),
            template: None,
            query: None,
        }),
        NestedMeta::Meta(Meta::NameValue(nv)) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(template),
                ..
            }) => Ok(FilterSpec {
                name: nv.path.clone(),
                template: Some(template.clone()),
                query: None,
            }),
            other => Err(misuse(
                other,
                "filters",
                "a filter template must be a string literal",
                EXPECTED,
            )),
        },
        NestedMeta::Meta(Meta::List(list)) => list_form(list),
        NestedMeta::NameValueInvalidExpr(nv) => Err(misuse(
            &nv.value,
            "filters",
            "a filter template must be a string literal",
            EXPECTED,
        )),
        NestedMeta::Lit(lit) => Err(misuse(
            lit,
            "filters",
            "a literal is not a filter",
            EXPECTED,
        )),
    }
}

/// `name(path = "..", query(key, ..))`.
fn list_form(list: &MetaList) -> darling::Result<FilterSpec> {
    let mut spec = FilterSpec {
        name: list.path.clone(),
        template: None,
        query: None,
    };
    let mut errors = darling::Error::accumulator();
    for item in NestedMeta::parse_meta_list(list.tokens.clone())? {
        errors.handle(read_key(&mut spec, &item));
    }
    errors.finish_with(spec)
}

fn read_key(spec: &mut FilterSpec, item: &NestedMeta) -> darling::Result<()> {
    match item {
        NestedMeta::Meta(Meta::NameValue(nv)) if nv.path.is_ident("path") => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(template),
                ..
            }) if spec.template.is_none() => {
                spec.template = Some(template.clone());
                Ok(())
            }
            Expr::Lit(_) if spec.template.is_some() => Err(misuse(
                &nv.path,
                "filters",
                "`path` is given more than once",
                EXPECTED,
            )),
            other => Err(misuse(
                other,
                "filters",
                "a filter template must be a string literal",
                EXPECTED,
            )),
        },
        NestedMeta::Meta(Meta::List(list)) if list.path.is_ident("query") => {
            if spec.query.is_some() {
                return Err(misuse(
                    &list.path,
                    "filters",
                    "`query` is given more than once",
                    EXPECTED,
                ));
            }
            let keys = NestedMeta::parse_meta_list(list.tokens.clone())?
                .iter()
                .map(query_key)
                .collect::<darling::Result<Vec<_>>>()?;
            spec.query = Some(FilterQuery {
                span: list.path.span(),
                keys,
            });
            Ok(())
        }
        NestedMeta::NameValueInvalidExpr(nv) if nv.path.is_ident("path") => Err(misuse(
            &nv.value,
            "filters",
            "a filter template must be a string literal",
            EXPECTED,
        )),
        NestedMeta::NameValueInvalidExpr(nv) => Err(unknown_key(&nv.path)),
        NestedMeta::Meta(meta) => Err(unknown_key(meta.path())),
        NestedMeta::Lit(lit) => Err(misuse(
            lit,
            "filters",
            "a literal is not a filter key",
            EXPECTED,
        )),
    }
}

fn unknown_key(key: &syn::Path) -> darling::Error {
    let name = quote::quote!(#key).to_string().replace(' ', "");
    let hint = did_you_mean(&name, FILTER_KEYS);
    misuse(
        key,
        "filters",
        format!("unknown filter key `{name}`"),
        format!("`path = \"..\"` or `query(..)`{hint}"),
    )
}

/// A query key: an identifier (`project`) or a string literal (`"idProject"`).
fn query_key(item: &NestedMeta) -> darling::Result<(String, Span)> {
    match item {
        NestedMeta::Meta(Meta::Path(path)) if path.get_ident().is_some() => {
            let ident = quote::quote!(#path).to_string();
            Ok((ident.trim_start_matches("r#").to_string(), path.span()))
        }
        NestedMeta::Lit(Lit::Str(lit)) => Ok((lit.value(), lit.span())),
        other => Err(misuse(
            other,
            "filters",
            "not a query key",
            "one key per filter value, like `query(project, user)` or `query(\"idProject\")`",
        )),
    }
}
