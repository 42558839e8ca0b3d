//! `filters(user, ontology, admin = "project/{}/admin.json")`.

use darling::ast::NestedMeta;
use darling::FromMeta;
use syn::{Expr, ExprLit, Lit, LitStr, Meta};

use crate::diagnostics::misuse;

/// One declared filter: its name and, when given, its own path template.
pub(crate) struct FilterSpec {
    pub name: syn::Path,
    pub template: Option<LitStr>,
}

/// The list of `filters(...)`, in declaration order.
#[derive(Default)]
pub(crate) struct FilterList(pub Vec<FilterSpec>);

const EXPECTED: &str =
    "a filter name (`user`) or a name with its template (`admin = \"project/{}/admin.json\"`)";

impl FromMeta for FilterList {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let specs = items
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
        }),
        NestedMeta::Meta(Meta::NameValue(nv)) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(template),
                ..
            }) => Ok(FilterSpec {
                name: nv.path.clone(),
                template: Some(template.clone()),
            }),
            other => Err(misuse(
                other,
                "filters",
                "a filter template must be a string literal",
                EXPECTED,
            )),
        },
        NestedMeta::Meta(meta @ Meta::List(_)) => Err(misuse(
            meta,
            "filters",
            "a filter takes no parentheses",
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
