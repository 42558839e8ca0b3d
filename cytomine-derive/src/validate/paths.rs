//! Checks on `path`, `class`, `envelope` and the `create`/`item`/`list` templates.

use syn::LitStr;

use crate::diagnostics::{expected_form, misuse};
use crate::template::placeholders;

/// The names a template placeholder may use: the struct's field names, plus `id`.
pub(crate) struct FieldNames<'a> {
    pub struct_name: String,
    pub fields: &'a [String],
}

impl FieldNames<'_> {
    fn knows(&self, name: &str) -> bool {
        name == "id" || self.fields.iter().any(|f| f == name)
    }

    fn listing(&self) -> String {
        let mut names: Vec<String> = vec!["`{id}`".into()];
        names.extend(
            self.fields
                .iter()
                .filter(|f| *f != "id")
                .map(|f| format!("`{{{f}}}`")),
        );
        names.join(", ")
    }
}

/// `path`: a non-empty name of path characters, without `.json` and without outer slashes.
pub(crate) fn base_path(lit: &LitStr) -> darling::Result<String> {
    let path = lit.value();
    let wrong = if path.is_empty() {
        Some("the path is empty".to_string())
    } else if path.ends_with(".json") {
        Some(format!("`{path}` ends with `.json`"))
    } else if path.starts_with('/') || path.ends_with('/') {
        Some(format!("`{path}` starts or ends with `/`"))
    } else {
        path.chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/')))
            .map(|c| format!("`{path}` contains the character `{c}`"))
    };
    match wrong {
        Some(wrong) => Err(misuse(
            lit,
            "path",
            wrong,
            "a bare resource name of letters, digits, `_`, `-` and inner `/`, like `path = \"project\"` (the `.json` suffix and the templates are derived from it)",
        )),
        None => Ok(path),
    }
}

/// `class` or `envelope`: a non-empty string without whitespace.
pub(crate) fn plain_text(lit: &LitStr, key: &str) -> darling::Result<String> {
    let value = lit.value();
    if value.is_empty() || value.contains(char::is_whitespace) {
        let wrong = if value.is_empty() {
            "the value is empty".to_string()
        } else {
            format!("`{value}` contains whitespace")
        };
        return Err(misuse(lit, key, wrong, expected_form(key)));
    }
    Ok(value)
}

/// How many named placeholders a template may have.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholders {
    /// `create`: any number (domain-scoped resources post to `domain/{class}/{id}/...`).
    Any,
    /// `item`: at least one (the key of the item).
    AtLeastOne,
    /// `list`: none (the unfiltered list path is used as is).
    None,
}

/// A `create`/`item`/`list` template: the written one or the default. Returns it with its
/// named placeholders, in order.
pub(crate) fn template(
    lit: Option<&LitStr>,
    key: &str,
    default: String,
    names: &FieldNames<'_>,
    rule: Placeholders,
) -> darling::Result<(String, Vec<String>)> {
    let Some(lit) = lit else {
        let found = placeholders(&default).unwrap_or_default();
        return Ok((default, found.into_iter().flatten().collect()));
    };
    let text = lit.value();
    let fail = |wrong: String, expected: String| Err(misuse(lit, key, wrong, expected));
    let found = match placeholders(&text) {
        Ok(found) => found,
        Err(wrong) => return fail(wrong, expected_form(key).to_string()),
    };
    let mut named = Vec::new();
    for placeholder in found {
        let Some(name) = placeholder else {
            return fail(
                format!("a bare `{{}}` in `{text}` cannot be filled"),
                "named placeholders like `{id}` (bare `{}` is for filter templates)".to_string(),
            );
        };
        if !names.knows(&name) {
            return fail(
                format!("`{{{name}}}` names no field of `{}`", names.struct_name),
                format!("one of {}", names.listing()),
            );
        }
        named.push(name);
    }
    match rule {
        Placeholders::AtLeastOne if named.is_empty() => fail(
            format!("`{text}` has no placeholder, so every item would share one URL"),
            "a template naming the key, like `item = \"project/{id}.json\"`".to_string(),
        ),
        Placeholders::None if !named.is_empty() => fail(
            format!("`{text}` has placeholders, but the unfiltered list has no values for them"),
            "a fixed path like `list = \"project.json\"`, or a filter for scoped lists".to_string(),
        ),
        _ => Ok((text, named)),
    }
}
