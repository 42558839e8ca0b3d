//! Compile errors that name what to fix. For each operation a type refuses, the
//! derive generates a hidden inherent method of the same name (`update`, `save`, ...) whose bound
//! on the client argument can never hold: calling it fails on that bound, with the message of
//! its trait here ("`Project` cannot be updated: its type refuses `update`") instead of "no
//! method named `update`". None of these traits is implemented for any type.

/// Declares one never-implemented trait per refused operation, with its message.
macro_rules! refusals {
    ($($(#[$doc:meta])* $name:ident: $message:literal, $note:literal;)*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = "refused operation", note = $note)]
        pub trait $name<R> {}
    )*};
}

refusals! {
    /// `fetch` and `refresh` of a type with `refuse(fetch)`.
    RefusesFetch: "`{R}` cannot be fetched: its type refuses `fetch`",
        "`#[resource(refuse(fetch))]` on `{R}` removes `fetch` and `refresh`; list the items instead";
    /// `save` of a type with `refuse(create)`.
    RefusesCreate: "`{R}` cannot be created: its type refuses `create`",
        "`#[resource(refuse(create))]` on `{R}` removes `save`";
    /// `update` and `update_with` of a type with `refuse(update)`.
    RefusesUpdate: "`{R}` cannot be updated: its type refuses `update`",
        "`#[resource(refuse(update))]` on `{R}` removes `update` and `update_with`; to update it, remove `update` from `refuse(..)` and keep the attributes it does not declare in `#[serde(flatten)] pub extra: cytomine::Extra`";
    /// `delete` and `delete_by_id` of a type with `refuse(delete)`.
    RefusesDelete: "`{R}` cannot be deleted: its type refuses `delete`",
        "`#[resource(refuse(delete))]` on `{R}` removes `delete` and `delete_by_id`";
    /// `save` of a type created by uploading a file (`multipart(..)`).
    CreatedByUpload: "`{R}` is created by uploading a file, not by `save`",
        "`#[resource(multipart(..))]` on `{R}` replaces `save` with `upload(&cm, file)`";
}

/// What a refused method returns: it can never be called, since its bound never holds. A named
/// type, so that the unmet bound is reported once, at the call.
pub type Refused<T> = std::future::Pending<crate::Result<T>>;

/// The body of a refused method.
pub fn refused<T>() -> Refused<T> {
    std::future::pending()
}

/// What the derive asserts of a resource type, once, on its name: a type without serde's
/// derives gets this one error, and the generated impls, bounded by the same traits, add none.
#[diagnostic::on_unimplemented(
    message = "`{Self}` derives `Resource` but not serde's `Serialize` and `Deserialize`",
    label = "a resource travels as JSON",
    note = "add `#[derive(serde::Serialize, serde::Deserialize)]` to `{Self}`"
)]
pub trait Wire {}

impl<T: serde::Serialize + serde::de::DeserializeOwned> Wire for T {}
