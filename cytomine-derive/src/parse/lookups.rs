//! `fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json")`.

use darling::ast::NestedMeta;
use syn::{Expr, ExprLit, Lit, LitStr, Meta, MetaList};

use crate::diagnostics::misuse;

/// One declared lookup: its name and its path template.
pub(crate) struct LookupSpec {
    pub name: syn::Path,
    pub template: LitStr,
}

/// The list of `fetch_by(...)`, in declaration order.
#[derive(Default)]
pub(crate) struct LookupList(pub Vec<LookupSpec>);

const EXPECTED: &str =
    "a name with its template, like `fetch_by(key = \"property/key/{key}.json\")`";

impl LookupList {
    /// Reads the lookups inside `fetch_by(...)`.
    pub(crate) fn read(list: &MetaList) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let specs = NestedMeta::parse_meta_list(list.tokens.clone())?
            .iter()
            .filter_map(|item| errors.handle(lookup_spec(item)))
            .collect();
        errors.finish_with(LookupList(specs))
    }
}

fn lookup_spec(item: &NestedMeta) -> darling::Result<LookupSpec> {
    match item {
        NestedMeta::Meta(Meta::NameValue(nv)) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(template),
                ..
            }) => Ok(LookupSpec {
                name: nv.path.clone(),
                template: template.clone(),
            }),
            other => Err(misuse(
                other,
                "fetch_by",
                "a lookup template must be a string literal",
                EXPECTED,
            )),
        },
        NestedMeta::NameValueInvalidExpr(nv) => Err(misuse(
            &nv.value,
            "fetch_by",
            "a lookup template must be a string literal",
            EXPECTED,
        )),
        NestedMeta::Meta(Meta::Path(path)) => Err(misuse(
            path,
            "fetch_by",
            "a lookup needs its path template",
            EXPECTED,
        )),
        NestedMeta::Meta(meta @ Meta::List(_)) => Err(misuse(
            meta,
            "fetch_by",
            "a lookup takes no parentheses",
            EXPECTED,
        )),
        NestedMeta::Lit(lit) => Err(misuse(
            lit,
            "fetch_by",
            "a literal is not a lookup",
            EXPECTED,
        )),
    }
}
