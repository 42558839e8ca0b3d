//! HTTP plumbing: the request body and view, replies, error shapes, paging, timestamps and path
//! patterns.

pub(crate) mod call;
pub(crate) mod cors;
pub(crate) mod fail;
pub(crate) mod iso_time;
pub(crate) mod paging;
pub(crate) mod problem;
pub(crate) mod reply;
pub(crate) mod route;
