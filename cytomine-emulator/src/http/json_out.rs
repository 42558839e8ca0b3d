//! Writing a JSON object straight into an answer's bytes, for lists of many items: the keys are
//! written as they are (they are plain ASCII names), the values through `serde_json`, so that
//! the bytes are those `serde_json` would write for a struct with the same fields in order.

use serde::Serialize;

/// Append `value` as JSON (`null` if it cannot be serialized, which numbers, strings, booleans
/// and lists of them never are).
pub fn put<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let mark = out.len();
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.truncate(mark);
        out.extend_from_slice(b"null");
    }
}

/// The text of `s` as it appears inside a JSON string (escaped, without the quotes).
pub fn escaped(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_default()
        .to_owned()
}

/// A piece of a string value written by [`Object::joined`].
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// Text already escaped for a JSON string.
    Escaped(&'a str),
    /// A number, written in decimal.
    Id(i64),
}

/// A JSON object being written into `out`.
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Open an object.
    pub fn begin(out: &'a mut Vec<u8>) -> Object<'a> {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// Write the key of the next entry and give the buffer for its value. `key` must need no
    /// escaping (a field name).
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        debug_assert!(!key.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20));
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    /// An entry with a value serialized by `serde_json`.
    pub fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        put(self.key(key), value);
    }

    /// An entry whose value is a string made of `parts` (texts already escaped for JSON, and
    /// numbers).
    pub fn joined(&mut self, key: &str, parts: &[Part]) {
        let out = self.key(key);
        out.push(b'"');
        for part in parts {
            match part {
                Part::Escaped(text) => out.extend_from_slice(text.as_bytes()),
                Part::Id(id) => put(out, id),
            }
        }
        out.push(b'"');
    }

    /// Close the object.
    pub fn end(self) {
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let mut out = Vec::new();
        let mut o = Object::begin(&mut out);
        o.entry("id", &12_i64);
        o.entry("area", &2.0_f64);
        o.entry("nan", &f64::NAN);
        o.entry("name", "a \"quoted\"\n name é");
        o.entry("term", &[1_i64, 2]);
        let server = escaped("http://h/\"x\"");
        o.joined(
            "url",
            &[Part::Escaped(&server), Part::Escaped("/api/"), Part::Id(-1)],
        );
        o.entry("none", &Option::<i64>::None);
        o.end();
        let expected = json!({
            "id": 12, "area": 2.0, "nan": null, "name": "a \"quoted\"\n name é", "term": [1, 2],
            "url": "http://h/\"x\"/api/-1", "none": null
        });
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(parsed, expected);
        assert_eq!(
            String::from_utf8_lossy(&out),
            r#"{"id":12,"area":2.0,"nan":null,"name":"a \"quoted\"\n name é","term":[1,2],"url":"http://h/\"x\"/api/-1","none":null}"#
        );
    }
}
