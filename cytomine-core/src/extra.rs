//! [`Extra`]: the attributes of an object that its type does not name, kept for round trips.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::is_secret_key;

/// Every attribute the server sent that the type has no field for, kept so that an update sends
/// it back. It is a JSON object map (it derefs to [`serde_json::Map`]); its `Debug` prints
/// `***` for the value of any secret attribute (`privateKey`, `secondaryKey`, `password`), at
/// any depth.
///
/// ```
/// use cytomine_core::Extra;
/// use serde_json::json;
///
/// let mut extra = Extra::default();
/// extra.insert("numberOfImages".into(), json!(3));
/// extra.insert("privateKey".into(), json!("a1b2c3d4-secret"));
/// assert_eq!(extra["numberOfImages"], 3);
/// let shown = format!("{extra:?}");
/// assert!(shown.contains("numberOfImages") && !shown.contains("a1b2c3d4"));
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Extra(pub Map<String, Value>);

impl Deref for Extra {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.0
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        Extra(map)
    }
}

impl From<Extra> for Map<String, Value> {
    fn from(extra: Extra) -> Self {
        extra.0
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Redacted::object(&self.0, f)
    }
}

/// A JSON value that prints as [`Value`]'s `Debug` does, secrets replaced by `***`.
struct Redacted<'a>(&'a Value);

impl Redacted<'_> {
    fn object(map: &Map<String, Value>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_map();
        for (key, value) in map {
            if is_secret_key(key) && !value.is_null() {
                out.entry(key, &format_args!("***"));
            } else {
                out.entry(key, &Redacted(value));
            }
        }
        out.finish()
    }
}

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Object(map) => {
                f.write_str("Object ")?;
                Redacted::object(map, f)
            }
            Value::Array(items) => {
                f.write_str("Array ")?;
                f.debug_list().entries(items.iter().map(Redacted)).finish()
            }
            other => fmt::Debug::fmt(other, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secrets_never_print_at_any_depth_and_the_rest_does() {
        let Value::Object(map) = json!({
            "name": "p",
            "password": "hunter2-long",
            "nested": {"user": {"secondaryKey": "sk-0123456789", "id": 5}},
            "list": [{"private_key": "pk-0123456789"}, 7],
            "privateKey": null
        }) else {
            unreachable!()
        };
        let shown = format!("{:?}", Extra(map.clone()));
        for secret in ["hunter2-long", "sk-0123456789", "pk-0123456789"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        for kept in [
            "\"name\"",
            "String(\"p\")",
            "Number(5)",
            "Number(7)",
            "Null",
        ] {
            assert!(shown.contains(kept), "{kept} in {shown}");
        }
        assert_eq!(Map::from(Extra(map.clone())), map);
    }

    #[test]
    fn it_is_the_object_itself_on_the_wire() {
        let extra: Extra = serde_json::from_str(r#"{"a": 1, "b": [true]}"#).unwrap();
        assert_eq!(extra["b"][0], true);
        assert_eq!(
            serde_json::to_string(&extra).unwrap(),
            r#"{"a":1,"b":[true]}"#
        );
    }
}
