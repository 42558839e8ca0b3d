//! One message template for every misuse:
//! "`` `#[resource(<key>)]`: <what is wrong>, expected <what is valid> ``", on the offending token.
//!
//! Every message is written by this crate (the attribute is read key by key in `parse::keys`), so
//! the wording does not change with a dependency.

use std::fmt::Display;

use proc_macro2::Span;
use syn::spanned::Spanned;

/// An error in the house template, on `node`.
pub(crate) fn misuse(
    node: &impl Spanned,
    key: &str,
    wrong: impl Display,
    expected: impl Display,
) -> darling::Error {
    misuse_span(node.span(), key, wrong, expected)
}

/// An error in the house template, on `span`.
pub(crate) fn misuse_span(
    span: Span,
    key: &str,
    wrong: impl Display,
    expected: impl Display,
) -> darling::Error {
    template(span, format!("#[resource({key})]"), wrong, expected)
}

/// An error about the item itself (its shape, its generics), on `node`.
pub(crate) fn shape_error(
    node: &impl Spanned,
    wrong: impl Display,
    expected: impl Display,
) -> darling::Error {
    template(node.span(), "#[derive(Resource)]", wrong, expected)
}

/// An error about the form of the attribute itself, on `node`.
pub(crate) fn attribute_error(
    node: &impl Spanned,
    wrong: impl Display,
    expected: impl Display,
) -> darling::Error {
    template(node.span(), "#[resource]", wrong, expected)
}

/// "`` `<subject>`: <wrong>, expected <expected> ``" on `span`.
fn template(
    span: Span,
    subject: impl Display,
    wrong: impl Display,
    expected: impl Display,
) -> darling::Error {
    syn::Error::new(span, format!("`{subject}`: {wrong}, expected {expected}")).into()
}

/// What a valid use of `key` looks like.
pub(crate) fn expected_form(key: &str) -> &'static str {
    match key {
        "path" => "a string literal naming the resource in URLs, like `path = \"project\"`",
        "class" => "a string literal, like `class = \"be.cytomine.domain.project.Project\"`",
        "envelope" => "a string literal, like `envelope = \"userannotation\"`",
        "create" => "a string literal path template, like `create = \"project.json\"`",
        "item" => "a string literal path template, like `item = \"project/{id}.json\"`",
        "list" => "a string literal path, like `list = \"project.json\"`",
        "filters" => "a list of filters, like `filters(user, admin = \"project/{}/admin.json\")`",
        "filter_required" => "the bare flag `filter_required`",
        "no_batch" => "the bare flag `no_batch`",
        "params" => {
            "a list of typed modifiers, like `params(online: bool, show_wkt: bool = \"showWKT\")`"
        }
        "refuse" => "a list of operations, like `refuse(update, delete)`",
        "fetch_by" => {
            "a list of named lookups, like `fetch_by(key = \"domain/{domain_class_name}/{domain_ident}/key/{key}/property.json\")`"
        }
        "multipart" => {
            "`multipart(part = \"files[]\", query(field, other = \"wireKey\"))`, the fields sent in the query string"
        }
        "crate" => "a string literal path, like `crate = \"::cytomine\"`",
        "id" => "the bare flag `#[resource(id)]` on the id field",
        "refuse(fetch)" | "refuse(create)" | "refuse(update)" | "refuse(delete)"
        | "refuse(list)" => {
            "a bare operation name, like `refuse(update)`"
        }
        _ => "`#[resource(path = \"...\", ...)]`",
    }
}

/// `"; did you mean `x`?"` (to end an "expected" text) for the [`closest`] candidate, else
/// nothing.
pub(crate) fn did_you_mean(name: &str, candidates: &[impl AsRef<str>]) -> String {
    match closest(name, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

/// The candidate closest to `name`, if it is close: at most half of its letters differ, or one
/// of the two begins with the other (`ident` for `id`).
pub(crate) fn closest<'a>(name: &str, candidates: &'a [impl AsRef<str>]) -> Option<&'a str> {
    let near = |c: &str, d: usize| {
        let (short, long) = if c.len() < name.len() {
            (c, name)
        } else {
            (name, c)
        };
        d * 2 <= long.len() || (short.len() >= 2 && long.starts_with(short))
    };
    candidates
        .iter()
        .map(|c| (edit_distance(name, c.as_ref()), c.as_ref()))
        .filter(|(d, c)| *d > 0 && near(c, *d))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            did_you_mean("qeury", &["path", "query"]),
            "; did you mean `query`?"
        );
        assert_eq!(
            did_you_mean("domain_idnet", &["domain_ident", "key"]),
            "; did you mean `domain_ident`?"
        );
        assert_eq!(did_you_mean("zzz", &["path", "query"]), "");
        assert_eq!(did_you_mean("path", &["path"]), "");
    }

    #[test]
    fn a_prefix_is_close() {
        assert_eq!(closest("ident", &["id"]), Some("id"));
        assert_eq!(
            closest("filter", &["filters", "filter_required"]),
            Some("filters")
        );
        assert_eq!(closest("x", &["id"]), None);
    }
}
