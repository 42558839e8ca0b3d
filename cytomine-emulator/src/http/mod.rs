//! HTTP plumbing: the request body and view, replies, error shapes, paging, timestamps and path
//! patterns.

pub mod call;
pub mod fail;
pub mod iso_time;
pub mod paging;
pub mod problem;
pub mod reply;
pub mod route;
