//! One message template for every misuse:
//! "`` `#[resource(<key>)]`: <what is wrong>, expected <what is valid> ``", on the offending token.
//!
//! Our own checks build their errors with [`misuse`]; darling's own errors (unknown key, duplicate
//! key, wrong value type, missing key) are rephrased into the same template by [`rephrase`],
//! keeping darling's "did you mean" suggestion.

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
    syn::Error::new(
        span,
        format!("`#[resource({key})]`: {wrong}, expected {expected}"),
    )
    .into()
}

/// An error about the item itself (its shape, its generics), on `node`.
pub(crate) fn shape_error(
    node: &impl Spanned,
    wrong: impl Display,
    expected: impl Display,
) -> darling::Error {
    syn::Error::new(
        node.span(),
        format!("`#[derive(Resource)]`: {wrong}, expected {expected}"),
    )
    .into()
}

/// Where an attribute sits, which decides the key list offered for unknown keys.
#[derive(Clone, Copy)]
pub(crate) enum Context {
    /// The struct-level `#[resource(...)]`.
    Struct,
    /// A field-level `#[resource(...)]`.
    Field,
}

/// Rewrites darling's errors into the house template. Errors without a span (a missing key) are
/// put on `fallback`.
pub(crate) fn rephrase(error: darling::Error, context: Context, fallback: Span) -> darling::Error {
    let singles: Vec<darling::Error> = error.flatten().into_iter().collect();
    let suggested: Vec<String> = singles
        .iter()
        .filter_map(|e| suggestion(&e.to_string()).map(str::to_string))
        .collect();
    let mut out = darling::Error::accumulator();
    for single in singles {
        let message = single.to_string();
        // `pth = ".."` already says "did you mean `path`?": a second error for the missing
        // `path` would only repeat it.
        let missing = quoted_after(&message, "Missing field `");
        if missing.is_some_and(|key| suggested.iter().any(|s| s == key)) {
            continue;
        }
        let span = single.explicit_span().unwrap_or(fallback);
        out.push(syn::Error::new(span, rephrase_message(&message, context)).into());
    }
    match out.finish() {
        Ok(()) => darling::Error::custom("`#[resource]`: invalid attribute"),
        Err(errors) => errors,
    }
}

/// The house-template text for one darling message (`kind` + optional ` at <location>`).
fn rephrase_message(message: &str, context: Context) -> String {
    let (body, location) = split_location(message);
    if body.starts_with("`#[") {
        return body.to_string();
    }
    if let Some(rest) = body.strip_prefix("Unknown field: `") {
        return unknown_key(rest, location, context);
    }
    if let Some(key) = quoted_after(body, "Duplicate field `") {
        let key = qualified(location, key);
        return format!(
            "`#[resource({key})]`: given more than once, expected each key at most once"
        );
    }
    if let Some(key) = quoted_after(body, "Missing field `") {
        return format!(
            "`#[resource({key})]`: missing, expected {}",
            expected_form(key)
        );
    }
    if let Some(found) = quoted_after(body, "Unexpected type `") {
        let key = location.unwrap_or("resource");
        return format!(
            "`#[resource({key})]`: {} value is not accepted here, expected {}",
            article(found),
            expected_form(key)
        );
    }
    if let Some(form) = quoted_after(body, "Unexpected meta-item format `") {
        let key = location.unwrap_or("resource");
        return format!(
            "`#[resource({key})]`: wrong form ({form}), expected {}",
            expected_form(key)
        );
    }
    let key = location.unwrap_or("resource");
    format!(
        "`#[resource({key})]`: {body}, expected {}",
        expected_form(key)
    )
}

fn unknown_key(rest: &str, location: Option<&str>, context: Context) -> String {
    let (name, suggestion) = match rest.split_once("`. Did you mean `") {
        Some((name, alt)) => (name, alt.strip_suffix("`?")),
        None => (rest.trim_end_matches('`'), None),
    };
    let (shown, what, valid) = match (location, context) {
        (Some(parent), _) => (
            format!("{parent}({name})"),
            "unknown operation",
            crate::parse::OPERATION_KEYS,
        ),
        (None, Context::Struct) => (name.to_string(), "unknown key", crate::parse::STRUCT_KEYS),
        (None, Context::Field) => (
            name.to_string(),
            "unknown field key",
            crate::parse::FIELD_KEYS,
        ),
    };
    let valid = valid
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match suggestion {
        Some(alt) => format!(
            "`#[resource({shown})]`: {what}, expected one of {valid}; did you mean `{alt}`?"
        ),
        None => format!("`#[resource({shown})]`: {what}, expected one of {valid}"),
    }
}

/// The key darling suggests for an unknown one, if any.
fn suggestion(message: &str) -> Option<&str> {
    let (_, alt) = message.split_once("`. Did you mean `")?;
    alt.split('`').next()
}

/// Splits darling's trailing ` at <location>` off; locations are key paths without spaces.
fn split_location(message: &str) -> (&str, Option<&str>) {
    match message.rsplit_once(" at ") {
        Some((body, location)) if !location.is_empty() && !location.contains([' ', '`']) => {
            (body, Some(location))
        }
        _ => (message, None),
    }
}

fn quoted_after<'a>(body: &'a str, prefix: &str) -> Option<&'a str> {
    body.strip_prefix(prefix)?.split('`').next()
}

fn qualified(location: Option<&str>, key: &str) -> String {
    match location {
        Some(parent) => format!("{parent}({key})"),
        None => key.to_string(),
    }
}

fn article(kind: &str) -> String {
    match kind.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
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

/// `"; did you mean `x`?"` (to end an "expected" text) for the candidate closest to `name` (at most half of its letters
/// differ), else nothing.
pub(crate) fn did_you_mean(name: &str, candidates: &[impl AsRef<str>]) -> String {
    let best = candidates
        .iter()
        .map(|c| (edit_distance(name, c.as_ref()), c.as_ref()))
        .filter(|(d, c)| *d > 0 && *d * 2 <= name.len().max(c.len()))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((_, c)) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
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
    fn unknown_keys_keep_the_suggestion() {
        let text = rephrase_message(
            "Unknown field: `pth`. Did you mean `path`?",
            Context::Struct,
        );
        assert!(
            text.starts_with("`#[resource(pth)]`: unknown key, expected one of `path`"),
            "{text}"
        );
        assert!(text.ends_with("did you mean `path`?"), "{text}");
    }

    #[test]
    fn nested_errors_name_their_parent() {
        let text = rephrase_message("Unknown field: `frobnicate` at refuse", Context::Struct);
        assert!(
            text.starts_with(
                "`#[resource(refuse(frobnicate))]`: unknown operation, expected one of `fetch`"
            ),
            "{text}"
        );
        let text = rephrase_message("Unexpected type `int` at path", Context::Struct);
        assert_eq!(
            text,
            "`#[resource(path)]`: an int value is not accepted here, expected a string literal naming the resource in URLs, like `path = \"project\"`"
        );
    }

    #[test]
    fn house_messages_lose_only_the_location() {
        let text = rephrase_message(
            "`#[resource(params)]`: bad, expected good at params",
            Context::Struct,
        );
        assert_eq!(text, "`#[resource(params)]`: bad, expected good");
    }
}
