//! `model!`: declares a resource struct with the attributes every Cytomine domain shares.
//!
//! Every model has the same derives, the same serde settings (camelCase, `None` never sent) and
//! the same base attributes (`id`, `class`, `created`, `updated`, `deleted`, and the `extra` map
//! that keeps unknown attributes). The macro writes them once; each model file lists only its
//! own attributes, which are pasted verbatim between the base attributes and `extra`. Every
//! model is also a [`DomainObject`](crate::DomainObject), so things can be attached to it.

/// Declares a model: `model! { /// docs  #[resource(...)] pub struct Name { own fields } }`.
macro_rules! model {
    (
        $(#[$($attr:tt)*])*
        pub struct $name:ident { $($fields:tt)* }
    ) => {
        #[::serde_with::skip_serializing_none]
        #[derive(
            ::cytomine::Resource,
            ::serde::Serialize,
            ::serde::Deserialize,
            Debug,
            Clone,
            Default,
            PartialEq
        )]
        #[serde(rename_all = "camelCase")]
        $(#[$($attr)*])*
        pub struct $name {
            /// The server id; `None` until the object is saved.
            pub id: Option<i64>,
            /// The server's class name (`class` on the wire).
            #[serde(rename = "class")]
            pub class_name: Option<String>,
            /// When the object was created.
            pub created: Option<::cytomine::Timestamp>,
            /// When the object was last updated.
            pub updated: Option<::cytomine::Timestamp>,
            /// When the object was deleted (soft-deleting domains only).
            pub deleted: Option<::cytomine::Timestamp>,
            $($fields)*
            /// Every other attribute the server sent, kept so that an update sends it back
            /// (its `Debug` hides secrets).
            #[serde(flatten)]
            pub extra: ::cytomine::Extra,
        }

        domain_object!($name);
    };
}

/// The id of an object an action needs, or a usage error naming the action (nothing is sent).
pub(crate) fn require_id(id: Option<i64>, action: &str) -> cytomine::Result<i64> {
    id.ok_or_else(|| cytomine::Error::Usage(format!("{action}: the object has no id")))
}

/// Reads a number sent either as a JSON number or as a numeric string (the annotation
/// listing's GIS columns); `null` and absent give `None`.
pub(crate) fn lenient_f64<'de, D>(deserializer: D) -> Result<Option<f64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error as _;
    use serde::Deserialize as _;
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => Ok(n.as_f64()),
        Some(serde_json::Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| D::Error::custom(format!("expected a number, got \"{s}\""))),
        Some(other) => Err(D::Error::custom(format!("expected a number, got {other}"))),
    }
}
