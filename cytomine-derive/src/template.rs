//! Path templates as written in the attribute: `project/{id}.json`, `ontology/{}/project.json`.
//! Reading one gives its placeholders, or says what is wrong with it.

/// One `{...}` of a template: `None` for a bare `{}`, `Some(name)` for `{name}`.
pub(crate) type Placeholder = Option<String>;

/// The placeholders of `template`, in order, or a description of the first problem.
///
/// Placeholder names are Rust identifiers (field names); text outside braces may be any path
/// character.
pub(crate) fn placeholders(template: &str) -> Result<Vec<Placeholder>, String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(index) = rest.find(['{', '}']) {
        if rest[index..].starts_with('}') {
            return Err(format!("`}}` without an opening `{{` in `{template}`"));
        }
        let after = &rest[index + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in `{template}`"))?;
        let name = &after[..close];
        if name.contains('{') {
            return Err(format!("unclosed `{{` in `{template}`"));
        }
        if name.is_empty() {
            found.push(None);
        } else if is_identifier(name) {
            found.push(Some(name.to_string()));
        } else {
            return Err(format!("`{{{name}}}` is not a field name"));
        }
        rest = &after[close + 1..];
    }
    check_characters(template)?;
    Ok(found)
}

/// Whether `name` is a plain Rust identifier (ASCII).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Path characters allowed in templates besides placeholders.
pub(crate) fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
}

fn check_characters(template: &str) -> Result<(), String> {
    if template.is_empty() {
        return Err("the template is empty".to_string());
    }
    if template.starts_with('/') {
        return Err(format!(
            "`{template}` starts with `/` (paths are relative to `/api/`)"
        ));
    }
    let outside = template
        .split('{')
        .map(|part| part.split_once('}').map_or(part, |(_, tail)| tail));
    for part in outside {
        if let Some(bad) = part.chars().find(|c| !is_path_char(*c)) {
            return Err(format!("`{template}` contains the character `{bad}`"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shapes_of_cytomine_paths() {
        let id = || Some("id".to_string());
        let cases: &[(&str, Vec<Placeholder>)] = &[
            ("project.json", vec![]),
            ("project/{id}.json", vec![id()]),
            ("ontology/{}/project.json", vec![None]),
            ("domain/{}/{}/property.json", vec![None, None]),
            (
                "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
                vec![
                    Some("domain_class_name".into()),
                    Some("domain_ident".into()),
                    id(),
                ],
            ),
        ];
        for (template, expected) in cases {
            assert_eq!(&placeholders(template).unwrap(), expected, "{template}");
        }
    }

    #[test]
    fn says_what_is_wrong() {
        let cases = [
            ("project/{id.json", "unclosed `{`"),
            ("project/{id/{x}.json", "unclosed `{`"),
            ("project/id}.json", "`}` without an opening `{`"),
            ("project/{1d}.json", "`{1d}` is not a field name"),
            ("/project.json", "starts with `/`"),
            ("project .json", "contains the character ` `"),
            ("project?x=1", "contains the character `?`"),
            ("", "empty"),
        ];
        for (template, needle) in cases {
            let err = placeholders(template).unwrap_err();
            assert!(err.contains(needle), "{template}: {err}");
        }
    }
}
