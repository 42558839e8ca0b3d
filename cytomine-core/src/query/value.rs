//! [`QueryValue`]: how Rust values become query-string values on the wire.

/// A query-string value. Booleans are `true`/`false` (the server reads them case-insensitively),
/// lists are comma-joined (`users=7,8`: the server refuses a repeated parameter).
///
/// ```
/// use cytomine_core::QueryValue;
/// assert_eq!(QueryValue::from(true).to_wire(), "true");
/// assert_eq!(QueryValue::list([7_i64, 8]).to_wire(), "7,8");
/// assert_eq!(QueryValue::from("POLYGON ((0 0, 1 1, 1 0, 0 0))").to_wire(), "POLYGON ((0 0, 1 1, 1 0, 0 0))");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum QueryValue {
    /// `true` / `false`.
    Bool(bool),
    /// An integer, usually an id.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Free text (a WKT, a name pattern).
    Text(String),
    /// A list, comma-joined on the wire.
    List(Vec<String>),
}

impl QueryValue {
    /// A list value from anything iterable of displayable items.
    pub fn list<I>(items: I) -> Self
    where
        I: IntoIterator,
        I::Item: ToString,
    {
        QueryValue::List(items.into_iter().map(|i| i.to_string()).collect())
    }

    /// The text sent on the wire (before percent-encoding).
    pub fn to_wire(&self) -> String {
        match self {
            QueryValue::Bool(b) => b.to_string(),
            QueryValue::Int(i) => i.to_string(),
            QueryValue::Float(f) => f.to_string(),
            QueryValue::Text(t) => t.clone(),
            QueryValue::List(items) => items.join(","),
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for QueryValue {
            fn from(v: $t) -> Self { QueryValue::Int(i64::from(v)) }
        }
    )*};
}
from_int!(i64, i32, u32, u16, u8);

impl From<bool> for QueryValue {
    fn from(v: bool) -> Self {
        QueryValue::Bool(v)
    }
}
impl From<f64> for QueryValue {
    fn from(v: f64) -> Self {
        QueryValue::Float(v)
    }
}
impl From<String> for QueryValue {
    fn from(v: String) -> Self {
        QueryValue::Text(v)
    }
}
impl From<&str> for QueryValue {
    fn from(v: &str) -> Self {
        QueryValue::Text(v.to_string())
    }
}
impl From<Vec<i64>> for QueryValue {
    fn from(v: Vec<i64>) -> Self {
        QueryValue::list(v)
    }
}
impl<const N: usize> From<[i64; N]> for QueryValue {
    fn from(v: [i64; N]) -> Self {
        QueryValue::list(v)
    }
}
