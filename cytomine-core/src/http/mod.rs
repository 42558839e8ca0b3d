//! The HTTP layer: what a call is (`request`), how it is retried ([`retry`]), sent and signed
//! (`transport`), and how an answer becomes a value or an [`Error`](crate::Error) (`response`).

pub(crate) mod envelope;
pub(crate) mod page_reader;
pub(crate) mod request;
pub(crate) mod response;
pub mod retry;
pub(crate) mod transport;

pub use request::Method;
