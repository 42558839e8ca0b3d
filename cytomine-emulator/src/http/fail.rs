//! Failures and the three error-body shapes of docs/protocol.md §2.6.

use serde_json::{json, Map, Value};

use super::reply::Reply;

/// What went wrong, as the server's exception type (it decides the status code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailKind {
    /// `WrongArgumentException` and friends: 400.
    WrongArgument,
    /// `AlreadyExistException`: 409 inside the command wrappers, 400 elsewhere.
    AlreadyExist,
    /// `ForbiddenException`: 403.
    Forbidden,
    /// `ObjectNotFoundException`: 404.
    NotFound,
    /// Repeated query parameter and other unimplemented paths: 500 "Method is not yet implemented".
    NotImplemented,
}

/// A failed request, rendered by path B by default, or by path A inside command wrappers.
#[derive(Debug, Clone)]
pub(crate) struct Fail {
    kind: FailKind,
    message: String,
    values: Map<String, Value>,
    /// Set for path C ("<Class> not found with filters : {id=5}").
    filters_form: bool,
}

impl Fail {
    /// A failure of the given kind and message, with empty `errorValues`.
    pub(crate) fn new(kind: FailKind, message: impl Into<String>) -> Fail {
        Fail {
            kind,
            message: message.into(),
            values: Map::new(),
            filters_form: false,
        }
    }
    /// 400 validation failure.
    pub(crate) fn bad(message: impl Into<String>) -> Fail {
        Fail::new(FailKind::WrongArgument, message)
    }
    /// Duplicate (409 wrapped, 400 otherwise).
    pub(crate) fn exists(message: impl Into<String>) -> Fail {
        Fail::new(FailKind::AlreadyExist, message)
    }
    /// 403 ACL refusal.
    pub(crate) fn forbidden(message: impl Into<String>) -> Fail {
        Fail::new(FailKind::Forbidden, message)
    }
    /// 404 with a plain message (path B: `"<Class> <id> not found"`).
    pub(crate) fn not_found(message: impl Into<String>) -> Fail {
        Fail::new(FailKind::NotFound, message)
    }
    /// 404 through a controller's `responseNotFound` helper (path C).
    pub(crate) fn not_found_filters(simple_class: &str, filters: &str) -> Fail {
        let mut f = Fail::not_found(format!(
            "{simple_class} not found with filters : {{{filters}}}"
        ));
        f.filters_form = true;
        f
    }
    /// 500 "Method is not yet implemented" (for example a repeated query parameter).
    pub(crate) fn not_implemented() -> Fail {
        Fail::new(FailKind::NotImplemented, "Method is not yet implemented")
    }
    /// Attach an `errorValues` entry.
    pub(crate) fn with_value(mut self, key: &str, value: Value) -> Fail {
        self.values.insert(key.to_owned(), value);
        self
    }
    /// The exception type.
    pub(crate) fn kind(&self) -> FailKind {
        self.kind
    }
    /// The message text.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// Path A: the body produced inside the add/update/delete wrappers.
    pub(crate) fn wrapped(self) -> Reply {
        let status = match self.kind {
            FailKind::WrongArgument => 400,
            FailKind::AlreadyExist => 409,
            FailKind::Forbidden => 403,
            FailKind::NotFound => 404,
            FailKind::NotImplemented => 501,
        };
        Reply::json(
            status,
            &json!({"success": false, "errors": self.message, "errorValues": self.values}),
        )
    }

    /// Path B (global handler) or path C (not-found helper).
    pub(crate) fn reply(self) -> Reply {
        if self.filters_form {
            return Reply::json(404, &json!({"errors": {"message": self.message}}));
        }
        let status = match self.kind {
            FailKind::WrongArgument | FailKind::AlreadyExist => 400,
            FailKind::Forbidden => 403,
            FailKind::NotFound => 404,
            FailKind::NotImplemented => 500,
        };
        if self.kind == FailKind::NotImplemented {
            return Reply::json(status, &json!({"errors": {"message": self.message}}));
        }
        Reply::json(
            status,
            &json!({"errors": {"message": self.message}, "errorValues": self.values}),
        )
    }
}

/// Result type of every handler.
pub(crate) type Outcome = Result<Reply, Fail>;
