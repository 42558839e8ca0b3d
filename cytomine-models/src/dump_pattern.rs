//! [`DumpPattern`]: destination file names built from a model's attributes, as the Python
//! client's `dest_pattern` (docs/protocol.md §6.3). Pure: no IO.

use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

/// A destination pattern such as `"/tmp/{project}/{id}-{originalFilename}.png"`.
///
/// Each `{name}` placeholder is replaced by the object's attribute of that **wire name** (as
/// the server spells it: `originalFilename`, `cropURL`, `term`). A missing or unset attribute
/// gives `_`; a list attribute gives one path per element (several lists: every combination);
/// text is used as is, numbers and booleans in their JSON form, anything else as JSON text.
/// Unlike the Python client, a `/` or `\` inside a value becomes `_` (and a value `.` or `..`
/// becomes `_`), so that a server-sent name never escapes the pattern's directories.
///
/// ```
/// use cytomine_models::{DumpPattern, Annotation};
/// let mut a = Annotation::new("POINT (1 1)", 7).with_terms([3, 4]);
/// a.id = Some(5);
/// let paths = DumpPattern::new("/tmp/{image}/{id}-{term}.png").resolve(&a).unwrap();
/// assert_eq!(paths, ["/tmp/7/5-3.png", "/tmp/7/5-4.png"].map(std::path::PathBuf::from));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpPattern(String);

/// A piece of a pattern.
enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

impl DumpPattern {
    /// Wraps a pattern.
    pub fn new(pattern: impl Into<String>) -> Self {
        DumpPattern(pattern.into())
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The paths for `object`, in order (the first one varies last). Fails only when `object`
    /// cannot be serialized; an empty list attribute gives no path at all.
    pub fn resolve(&self, object: &impl Serialize) -> serde_json::Result<Vec<PathBuf>> {
        let value = serde_json::to_value(object)?;
        Ok(self.resolve_value(&value))
    }

    /// The paths for an object already in JSON form.
    pub fn resolve_value(&self, object: &Value) -> Vec<PathBuf> {
        let pieces = parse(&self.0);
        let mut names: Vec<&str> = Vec::new();
        for piece in &pieces {
            if let Piece::Placeholder(name) = piece {
                if !names.contains(name) {
                    names.push(name);
                }
            }
        }
        let choices: Vec<Vec<String>> = names
            .iter()
            .map(|name| texts_of(object.get(*name)))
            .collect();
        combinations(&choices)
            .into_iter()
            .map(|pick| {
                let mut out = String::new();
                for piece in &pieces {
                    match piece {
                        Piece::Text(text) => out.push_str(text),
                        Piece::Placeholder(name) => {
                            let index = names.iter().position(|n| n == name).unwrap_or(0);
                            out.push_str(pick.get(index).map(String::as_str).unwrap_or("_"));
                        }
                    }
                }
                PathBuf::from(out)
            })
            .collect()
    }
}

impl From<&str> for DumpPattern {
    fn from(pattern: &str) -> Self {
        DumpPattern::new(pattern)
    }
}

impl From<String> for DumpPattern {
    fn from(pattern: String) -> Self {
        DumpPattern(pattern)
    }
}

/// Splits a pattern into text and `{name}` placeholders; a `{` without a closing `}` (or with
/// nothing inside) is text.
fn parse(pattern: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if close > 0 && !after[..close].contains('{') => {
                pieces.push(Piece::Text(&rest[..open]));
                pieces.push(Piece::Placeholder(&after[..close]));
                rest = &after[close + 1..];
            }
            _ => {
                pieces.push(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    pieces.push(Piece::Text(rest));
    pieces
}

/// The texts an attribute stands for: one per list element, else one.
fn texts_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().map(text_of).collect(),
        Some(other) => vec![text_of(other)],
        None => vec!["_".to_string()],
    }
}

fn text_of(value: &Value) -> String {
    let text = match value {
        Value::Null => return "_".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text == "." || text == ".." {
        return "_".to_string();
    }
    text.replace(['/', '\\'], "_")
}

/// Every combination of one text per choice list, the last list varying fastest.
fn combinations(choices: &[Vec<String>]) -> Vec<Vec<String>> {
    choices.iter().fold(vec![Vec::new()], |acc, options| {
        acc.iter()
            .flat_map(|prefix| {
                options.iter().map(move |option| {
                    let mut next = prefix.clone();
                    next.push(option.clone());
                    next
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn resolve(pattern: &str, object: Value) -> Vec<String> {
        DumpPattern::new(pattern)
            .resolve_value(&object)
            .into_iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    }

    // The three cases of the Python client's tests/test_pattern_matching.py.
    #[test]
    fn scalars_fill_their_placeholders() {
        let object = json!({"atomstr": "aa", "atomint": 1, "atomfloat": 1.5});
        assert_eq!(
            resolve("{atomstr}/{atomint}/{atomfloat}.png", object),
            ["aa/1/1.5.png"]
        );
    }

    #[test]
    fn a_list_gives_one_path_per_element() {
        let object = json!({"lst": [1, 2, 3], "atomstr": "aa", "atomfloat": 1.5});
        assert_eq!(
            resolve("{lst}/{atomstr}_{atomfloat}.png", object),
            ["1/aa_1.5.png", "2/aa_1.5.png", "3/aa_1.5.png"]
        );
    }

    #[test]
    fn a_pattern_without_placeholders_is_itself() {
        assert_eq!(
            resolve("no_placeholder", json!({"a": 1})),
            ["no_placeholder"]
        );
    }

    #[test]
    fn missing_null_and_empty_lists() {
        let object = json!({"id": 5, "gone": null, "none": []});
        assert_eq!(
            resolve("{id}-{absent}-{gone}.jpg", object.clone()),
            ["5-_-_.jpg"]
        );
        assert!(resolve("{none}.jpg", object).is_empty());
    }

    #[test]
    fn two_lists_combine_and_repeats_share_a_value() {
        let object = json!({"a": [1, 2], "b": ["x", "y"]});
        assert_eq!(
            resolve("{a}{b}-{a}", object),
            ["1x-1", "1y-1", "2x-2", "2y-2"]
        );
    }

    #[test]
    fn values_never_add_directories() {
        let object = json!({"name": "../../etc/passwd", "dot": "..", "win": "a\\b"});
        assert_eq!(
            resolve("out/{name}-{dot}-{win}", object),
            ["out/.._.._etc_passwd-_-a_b"]
        );
    }

    #[test]
    fn braces_that_are_not_placeholders_stay() {
        let object = json!({"id": 1});
        assert_eq!(resolve("{}{id}{open", object.clone()), ["{}1{open"]);
        assert_eq!(resolve("{{id}}", object), ["{1}"]);
    }

    #[test]
    fn other_values_print_as_json() {
        let object = json!({"b": true, "o": {"k": 1}, "f": 2.0});
        assert_eq!(resolve("{b}-{o}-{f}", object), ["true-{\"k\":1}-2.0"]);
    }
}
