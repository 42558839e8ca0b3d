//! `multipart(part = "files[]", query(domain_ident, domain_class_name, filename = "name"))`.

use darling::ast::NestedMeta;
use syn::{Expr, ExprLit, Ident, Lit, LitStr, Meta, MetaList};

use crate::diagnostics::{expected_form, misuse};

/// The keys inside `multipart(...)`.
pub(crate) const MULTIPART_KEYS: &[&str] = &["part", "query"];

/// A create by multipart upload, as written.
pub(crate) struct MultipartSpec {
    /// The name of the file part (default `files[]`).
    pub part: Option<LitStr>,
    /// The fields sent in the query string.
    pub query: Vec<QueryField>,
}

/// One field sent in the query string: `domain_ident` or `filename = "name"`.
pub(crate) struct QueryField {
    pub field: Ident,
    pub wire: Option<LitStr>,
}

impl MultipartSpec {
    /// Reads the keys inside `multipart(...)`.
    pub(crate) fn read(list: &MetaList) -> darling::Result<Self> {
        let items = NestedMeta::parse_meta_list(list.tokens.clone())?;
        let mut errors = darling::Error::accumulator();
        let mut spec = MultipartSpec {
            part: None,
            query: Vec::new(),
        };
        for item in &items {
            errors.handle(spec.read_key(item));
        }
        errors.finish_with(spec)
    }

    fn read_key(&mut self, item: &NestedMeta) -> darling::Result<()> {
        let wrong = |node: &dyn quote::ToTokens, what: &str| {
            misuse(
                &node.to_token_stream(),
                "multipart",
                what,
                expected_form("multipart"),
            )
        };
        match item {
            NestedMeta::Meta(Meta::NameValue(nv)) if nv.path.is_ident("part") => {
                match (&nv.value, &self.part) {
                    (_, Some(_)) => Err(wrong(&nv.path, "`part` is given more than once")),
                    (
                        Expr::Lit(ExprLit {
                            lit: Lit::Str(part),
                            ..
                        }),
                        None,
                    ) => {
                        self.part = Some(part.clone());
                        Ok(())
                    }
                    (other, None) => Err(wrong(other, "`part` must be a string literal")),
                }
            }
            NestedMeta::Meta(Meta::List(list)) if list.path.is_ident("query") => {
                if !self.query.is_empty() {
                    return Err(wrong(&list.path, "`query` is given more than once"));
                }
                let fields = NestedMeta::parse_meta_list(list.tokens.clone())?;
                let mut errors = darling::Error::accumulator();
                self.query = fields
                    .iter()
                    .filter_map(|f| errors.handle(query_field(f)))
                    .collect();
                errors.finish()
            }
            NestedMeta::NameValueInvalidExpr(nv) if nv.path.is_ident("part") => {
                Err(wrong(&nv.value, "`part` must be a string literal"))
            }
            NestedMeta::NameValueInvalidExpr(nv) => Err(unknown_key(&nv.path)),
            NestedMeta::Meta(meta) => Err(unknown_key(meta.path())),
            NestedMeta::Lit(lit) => Err(wrong(lit, "a literal is not a key")),
        }
    }
}

fn unknown_key(key: &syn::Path) -> darling::Error {
    let name = quote::quote!(#key).to_string().replace(' ', "");
    let hint = crate::diagnostics::did_you_mean(&name, MULTIPART_KEYS);
    misuse(
        key,
        "multipart",
        format!("unknown key `{name}`"),
        format!("`part = \"..\"` or `query(..)`{hint}"),
    )
}

fn query_field(item: &NestedMeta) -> darling::Result<QueryField> {
    let expected = "field names, like `query(domain_ident, filename = \"name\")`";
    let (path, wire) = match item {
        NestedMeta::Meta(Meta::Path(path)) => (path, None),
        NestedMeta::Meta(Meta::NameValue(nv)) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(wire),
                ..
            }) => (&nv.path, Some(wire.clone())),
            other => {
                return Err(misuse(
                    other,
                    "multipart",
                    "a query key must be a string literal",
                    expected,
                ))
            }
        },
        other => return Err(misuse(other, "multipart", "not a field name", expected)),
    };
    let Some(field) = path.get_ident() else {
        return Err(misuse(
            path,
            "multipart",
            "a field name must be a single identifier",
            expected,
        ));
    };
    Ok(QueryField {
        field: field.clone(),
        wire,
    })
}
