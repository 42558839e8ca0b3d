//! The HTTP layer: what a call is (`request`), how it is sent and signed (`transport`), what an
//! answer means and which failures are sent again (`response`, the status policy), how long to
//! wait between attempts ([`retry`]), and how bodies are decoded (`decode`, `page_reader`).

pub(crate) mod decode;
pub(crate) mod envelope;
pub(crate) mod gate;
pub(crate) mod page_reader;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod retry;
pub(crate) mod transport;

pub(crate) use request::Method;
