//! Path templates: `project/{id}.json` filled from named values. Pure functions, table-tested.

use crate::error::{Error, Result};

/// A field value that can fill a path placeholder: numbers, strings, and their `Option`s.
///
/// ```
/// use cytomine_core::__private::PathValue;
/// assert_eq!(Some(5_i64).path_value(), Some("5".to_string()));
/// assert_eq!(None::<i64>.path_value(), None);
/// assert_eq!("be.cytomine.domain.project.Project".to_string().path_value().as_deref(),
///            Some("be.cytomine.domain.project.Project"));
/// ```
pub trait PathValue {
    /// The text to put in the path, `None` when the value is missing.
    fn path_value(&self) -> Option<String>;
}

macro_rules! display_path_value {
    ($($t:ty),*) => {$(
        impl PathValue for $t {
            fn path_value(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
display_path_value!(i64, i32, u32, u64, bool);

impl PathValue for String {
    fn path_value(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.clone())
    }
}

impl<T: PathValue> PathValue for Option<T> {
    fn path_value(&self) -> Option<String> {
        self.as_ref().and_then(PathValue::path_value)
    }
}

/// Fills every `{name}` of `template` with `lookup(name)`; a bare `{}` takes the next value of
/// `positional`. A missing value is an [`Error::Usage`] naming the placeholder, so no URL with a
/// hole is ever sent. Values are percent-encoded as path segments.
///
/// ```
/// use cytomine_core::__private::render;
/// let url = render("annotation/{userannotation}/term/{term}.json", &[], |n| match n {
///     "userannotation" => Some("5".into()),
///     "term" => Some("7".into()),
///     _ => None,
/// }).unwrap();
/// assert_eq!(url, "annotation/5/term/7.json");
/// assert_eq!(render("ontology/{}/project.json", &["100".into()], |_| None).unwrap(),
///            "ontology/100/project.json");
/// assert!(render("project/{id}.json", &[], |_| None).is_err());
/// ```
pub fn render(
    template: &str,
    positional: &[String],
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut next_positional = positional.iter();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            Error::usage(format!("path template `{template}` has an unclosed `{{`"))
        })?;
        let name = &after[..close];
        let value = if name.is_empty() {
            next_positional.next().cloned()
        } else {
            lookup(name)
        };
        let value = value.ok_or_else(|| {
            let shown = if name.is_empty() { "{}" } else { name };
            Error::usage(format!(
                "cannot build the path `{template}`: `{shown}` is not set"
            ))
        })?;
        encode_segment(&value, &mut out);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Percent-encodes what is not an unreserved path character (RFC 3986), so that a value never
/// adds a segment, a query or a fragment.
fn encode_segment(value: &str, out: &mut String) {
    for byte in value.bytes() {
        let keep = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str) -> Option<String> {
        match name {
            "id" => Some("42".into()),
            "domain_class_name" => Some("be.cytomine.domain.project.Project".into()),
            "domain_ident" => Some("7".into()),
            "key" => Some("a b/c".into()),
            _ => None,
        }
    }

    #[test]
    fn renders_the_shapes_of_cytomine_paths() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("project.json", &[], "project.json"),
            ("project/{id}.json", &[], "project/42.json"),
            (
                "ontology/{}/project.json",
                &["100"],
                "ontology/100/project.json",
            ),
            (
                "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
                &[],
                "domain/be.cytomine.domain.project.Project/7/property/42.json",
            ),
            (
                "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json",
                &[],
                "domain/be.cytomine.domain.project.Project/7/key/a%20b%2Fc/property.json",
            ),
            ("{}/{}/x.json", &["a", "b"], "a/b/x.json"),
        ];
        for (template, positional, expected) in cases {
            let positional: Vec<String> = positional.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                &render(template, &positional, fields).unwrap(),
                expected,
                "{template}"
            );
        }
    }

    #[test]
    fn a_missing_value_names_the_placeholder() {
        let err = render("user/{user}/role/{role}.json", &[], fields).unwrap_err();
        assert!(err.to_string().contains("`user`"), "{err}");
        let err = render("ontology/{}/term.json", &[], fields).unwrap_err();
        assert!(err.to_string().contains("{}"), "{err}");
        assert!(render("broken/{id.json", &[], fields).is_err());
    }
}
