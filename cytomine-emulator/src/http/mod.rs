//! HTTP plumbing: the request view, replies, error shapes, paging and path patterns.

pub mod call;
pub mod fail;
pub mod paging;
pub mod reply;
pub mod route;
