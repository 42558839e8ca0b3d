//! Creating an item by uploading a file: a multipart `POST` of the create path, the object's
//! attributes in the query string (`AttachedFile`: `attachedfile.json?domainIdent=..`).

use std::path::Path;

use serde_json::Value;

use super::crud::{absorb, create_path, CommandAnswer};
use super::Resource;
use crate::client::Cytomine;
use crate::error::{Error, RequestInfo, Result};
use crate::files::{upload_file, UploadOptions};

/// How a resource is created by upload, declared with `multipart(..)` in the derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multipart {
    /// The name of the multipart part holding the file (`files[]` for Cytomine core).
    pub part: &'static str,
    /// (query key, field name) for each attribute sent in the query string; a field without a
    /// value is left out.
    pub query: &'static [(&'static str, &'static str)],
}

/// The query string of `object`'s upload: each declared field that has a value.
///
/// ```
/// # extern crate cytomine_core as cytomine;
/// #[derive(cytomine::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
/// #[resource(path = "attachedfile", refuse(update), multipart(query(domain_ident, filename)))]
/// pub struct AttachedFile { pub id: Option<i64>, pub domain_ident: Option<i64>,
///                           pub filename: Option<String> }
///
/// let file = AttachedFile { domain_ident: Some(7), ..Default::default() };
/// assert_eq!(cytomine::__private::multipart_query(&file),
///            vec![("domainIdent".to_string(), "7".to_string())]);
/// ```
pub fn multipart_query<R: Resource>(object: &R) -> Vec<(String, String)> {
    let Some(spec) = R::MULTIPART else {
        return Vec::new();
    };
    spec.query
        .iter()
        .filter_map(|(key, field)| Some((key.to_string(), object.path_param(field)?)))
        .collect()
}

/// Creates `object` on the server by uploading `file` (streamed from disk) as the one part of a
/// multipart `POST` of [`Resource::CREATE_PATH`], then fills in what the server answers (its id
/// first). Called by the generated `upload` method of types declared with `multipart(..)`.
pub async fn multipart_create<R: Resource>(
    cm: &Cytomine,
    object: &mut R,
    file: &Path,
) -> Result<()> {
    let spec = R::MULTIPART
        .ok_or_else(|| Error::usage(format!("`{}` is not created by upload", R::PATH)))?;
    let path = create_path(object)?;
    let options = UploadOptions {
        root: false,
        path: path.clone(),
        query: multipart_query(object),
        field: spec.part.to_string(),
    };
    let answer: Value = upload_file(cm, file, &options, None).await?;
    let request = RequestInfo {
        method: "POST".into(),
        url: path,
    };
    absorb(object, upload_answer::<R>(request, answer))
}

/// The created object in an upload's answer: the plain object (docs/protocol.md §3.15), or the object
/// under the envelope key when a server wraps it.
fn upload_answer<R: Resource>(request: RequestInfo, mut answer: Value) -> CommandAnswer {
    let wrapped = answer
        .as_object_mut()
        .filter(|map| !map.contains_key("id"))
        .and_then(|map| map.remove(R::ENVELOPE_KEY))
        .filter(Value::is_object);
    CommandAnswer {
        request,
        object: Some(wrapped.unwrap_or(answer)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(
        cytomine_derive::Resource, serde::Serialize, serde::Deserialize, Debug, Clone, Default,
    )]
    #[resource(
        path = "attachedfile",
        refuse(update),
        multipart(query(domain_ident)),
        crate = "crate"
    )]
    struct Attached {
        id: Option<i64>,
        domain_ident: Option<i64>,
    }

    fn object_of(answer: Value) -> Option<Value> {
        let request = RequestInfo {
            method: "POST".into(),
            url: "attachedfile.json".into(),
        };
        upload_answer::<Attached>(request, answer).object
    }

    #[test]
    fn the_answer_is_the_plain_object_or_its_envelope() {
        let plain = json!({"id": 3, "attachedfile": "x"});
        assert_eq!(object_of(plain.clone()), Some(plain));
        let wrapped = json!({"message": "m", "attachedfile": {"id": 4}});
        assert_eq!(object_of(wrapped), Some(json!({"id": 4})));
    }
}
