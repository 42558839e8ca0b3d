//! Decoding an answer's JSON body into a value; a failure names the JSON path of the value that
//! did not fit (`collection[3].id`).

use serde::de::DeserializeOwned;

use crate::error::{snippet, Error, RequestInfo};

/// Decodes a JSON body into `T`; a failure names the JSON path of the offending value.
///
/// The body is decoded without tracking the path, and only a body that fails is decoded again to
/// find where. Tracking allocates a string for every key, and a listing of every annotation of
/// a project decodes each of its items through here: its time would be spent on paths that are
/// never shown.
pub(crate) fn decode<T: DeserializeOwned>(
    request: &RequestInfo,
    status: u16,
    body: &[u8],
) -> Result<T, Error> {
    decode_at(request, status, String::new, body, body)
}

/// Decodes `bytes`, the value at JSON path `prefix()` of a body whose first bytes are `head`, as
/// [`decode`] does a whole body: a failure names the full path (`collection[3].id`).
pub(crate) fn decode_at<T: DeserializeOwned>(
    request: &RequestInfo,
    status: u16,
    prefix: impl FnOnce() -> String,
    bytes: &[u8],
    head: &[u8],
) -> Result<T, Error> {
    let first = match serde_json::from_slice(bytes) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (path, source) = match serde_path_to_error::deserialize::<_, T>(&mut de).map(|_| de.end()) {
        Err(err) => (err.path().to_string(), err.into_inner()),
        // The value decoded; only trailing characters are left to fail on.
        Ok(_) => (".".to_string(), first),
    };
    Err(Error::Decode {
        request: Box::new(request.clone()),
        status,
        path: join_path(&prefix(), &path),
        reason: source.to_string(),
        body: snippet(head),
        source: Some(source),
    })
}

/// Decodes an already-parsed JSON value into `T`, naming the path under `prefix` on failure
/// (tracked, as in [`decode`], only once the fast decode has failed).
pub(crate) fn decode_value<T: DeserializeOwned>(
    request: &RequestInfo,
    prefix: &str,
    value: serde_json::Value,
) -> Result<T, Error> {
    if let Ok(decoded) = T::deserialize(&value) {
        return Ok(decoded);
    }
    let text = snippet(value.to_string().as_bytes());
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = join_path(prefix, &err.path().to_string());
        let source = err.into_inner();
        Error::Decode {
            request: Box::new(request.clone()),
            status: 200,
            path,
            reason: source.to_string(),
            body: text,
            source: Some(source),
        }
    })
}

fn join_path(prefix: &str, path: &str) -> String {
    match (prefix, path) {
        ("", p) => p.to_string(),
        (pre, ".") => pre.to_string(),
        (pre, p) if p.starts_with('[') => format!("{pre}{p}"),
        (pre, p) => format!("{pre}.{p}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_name_the_json_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            id: i64,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Page {
            collection: Vec<Item>,
        }
        let req = RequestInfo {
            method: "GET".into(),
            url: "u".into(),
        };
        let body = br#"{"collection":[{"id":1},{"id":"two"}]}"#;
        let err = decode::<Page>(&req, 200, body).unwrap_err();
        let serde_says = std::error::Error::source(&err)
            .and_then(|e| e.downcast_ref::<serde_json::Error>())
            .map(|e| e.to_string());
        match err {
            Error::Decode { path, reason, .. } => {
                assert_eq!(path, "collection[1].id");
                assert_eq!(serde_says, Some(reason), "serde's error is the source");
            }
            other => panic!("unexpected {other:?}"),
        }
        let trailing = decode::<Item>(&req, 200, br#"{"id":1} x"#).unwrap_err();
        assert!(
            matches!(trailing, Error::Decode { ref reason, .. } if reason.contains("trailing")),
            "{trailing:?}"
        );
        let err = decode_value::<Item>(&req, "project", serde_json::json!({"id": []})).unwrap_err();
        assert!(
            matches!(err, Error::Decode { ref path, .. } if path == "project.id"),
            "{err:?}"
        );
    }
}
