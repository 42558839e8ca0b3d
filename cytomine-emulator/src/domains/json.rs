//! Reading request bodies and writing the common head of classic domain JSON.

use serde_json::{Map, Value};

use crate::http::fail::Fail;
use crate::store::{Meta, Table};

/// A JSON body object.
pub(crate) type Body = Map<String, Value>;

/// `class`, `id`, `created`, `updated` (epoch-ms strings), as every classic domain starts.
pub(crate) fn head(class: &str, meta: &Meta) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("class".into(), class.into());
    m.insert("id".into(), meta.id.into());
    m.insert("created".into(), meta.created.to_string().into());
    m.insert("updated".into(), meta.updated.to_string().into());
    m
}

/// A classic record's JSON: the [`head`], then `pairs` in order.
pub(crate) fn object(class: &str, meta: &Meta, pairs: Vec<(&str, Value)>) -> Value {
    let mut m = head(class, meta);
    put_all(&mut m, pairs);
    Value::Object(m)
}

/// Insert a list of `(key, value)` pairs into `object`.
pub(crate) fn put_all(object: &mut Map<String, Value>, pairs: Vec<(&str, Value)>) {
    for (key, value) in pairs {
        object.insert(key.to_owned(), value);
    }
}

/// A present, non-null text field (numbers are accepted and printed).
pub(crate) fn text(body: &Body, key: &str) -> Option<String> {
    match body.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A mandatory text field: `"<key> must be set! value=null"` otherwise.
pub(crate) fn required_text(body: &Body, key: &str) -> Result<String, Fail> {
    text(body, key)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Fail::bad(format!("{key} must be set! value=null")))
}

/// An integer field (a number, a numeric string, or an object with an `id`).
pub(crate) fn int(body: &Body, key: &str) -> Option<i64> {
    value_int(body.get(key)?)
}

/// An integer in a JSON value.
pub(crate) fn value_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        Value::Object(o) => o.get("id").and_then(value_int),
        _ => None,
    }
}

/// A float field.
pub(crate) fn float(body: &Body, key: &str) -> Option<f64> {
    match body.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A boolean field (JSON bool or a case-insensitive string), with a default.
pub(crate) fn flag(body: &Body, key: &str, default: bool) -> bool {
    match body.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => crate::http::call::parse_bool(s).unwrap_or(default),
        _ => default,
    }
}

/// A list of ids: a JSON array, a single id, or a comma-joined string.
pub(crate) fn ids(body: &Body, key: &str) -> Option<Vec<i64>> {
    match body.get(key)? {
        Value::Array(items) => Some(items.iter().filter_map(value_int).collect()),
        Value::String(s) => crate::http::call::parse_id_list(s),
        Value::Null => None,
        other => value_int(other).map(|i| vec![i]),
    }
}

/// A reference to another record: `None` when absent, 400 `"<key> was not found with id: <v>"` when
/// present but unknown (or absent and `mandatory`).
pub(crate) fn reference(
    body: &Body,
    key: &str,
    mandatory: bool,
    exists: impl Fn(i64) -> bool,
) -> Result<Option<i64>, Fail> {
    let raw = body.get(key).filter(|v| !v.is_null());
    match raw {
        None if mandatory => Err(missing(key)),
        None => Ok(None),
        Some(v) => match value_int(v) {
            Some(id) if exists(id) => Ok(Some(id)),
            _ => Err(Fail::bad(format!(
                "{key} was not found with id: {}",
                display(v)
            ))),
        },
    }
}

/// A mandatory reference (see [`reference`]): the id.
pub(crate) fn required_ref(
    body: &Body,
    key: &str,
    exists: impl Fn(i64) -> bool,
) -> Result<i64, Fail> {
    reference(body, key, true, exists)?.ok_or_else(|| missing(key))
}

/// A mandatory reference to a record of `table` (see [`reference`]): the record.
pub(crate) fn referenced<'a, T>(
    body: &Body,
    key: &str,
    table: &'a Table<T>,
) -> Result<&'a T, Fail> {
    let id = reference(body, key, true, |id| table.contains(id))?;
    id.and_then(|id| table.get(id)).ok_or_else(|| missing(key))
}

/// The 400 of a reference left out.
fn missing(key: &str) -> Fail {
    Fail::bad(format!("{key} was not found with id: null"))
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An optional string as JSON (null when absent).
pub(crate) fn opt<T: Into<Value>>(value: Option<T>) -> Value {
    value.map_or(Value::Null, Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{State, Tag};
    use serde_json::json;

    fn body(value: Value) -> Body {
        match value {
            Value::Object(m) => m,
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn a_mandatory_reference_is_the_record_or_a_400_naming_the_key_and_value() {
        let mut state = State::default();
        let meta = state.meta(1);
        let (name, user) = ("t".to_owned(), 1);
        state.tags.insert(meta.id, Tag { meta, name, user });
        let id = meta.id;
        let found = referenced(&body(json!({"tag": id})), "tag", &state.tags);
        assert_eq!(found.map(|t| t.meta.id).ok(), Some(id));
        assert_eq!(
            required_ref(&body(json!({"tag": format!("{id}")})), "tag", |i| i == id).ok(),
            Some(id)
        );
        for (sent, shown) in [
            (json!({}), "null"),
            (json!({"tag": null}), "null"),
            (json!({"tag": 999}), "999"),
            (json!({"tag": "x"}), "x"),
        ] {
            let expected = format!("tag was not found with id: {shown}");
            let Err(fail) = referenced(&body(sent.clone()), "tag", &state.tags) else {
                panic!("{sent} names no tag");
            };
            assert_eq!(fail.message(), expected);
            let Err(fail) = required_ref(&body(sent.clone()), "tag", |i| state.tags.contains(i))
            else {
                panic!("{sent} names no tag");
            };
            assert_eq!(fail.message(), expected);
        }
    }
}
