//! HTTP plumbing: the request body and view, replies (whole or early, in chunks), error shapes, paging,
//! timestamps and path patterns.

pub mod body;
pub mod call;
pub mod early;
pub mod fail;
pub mod iso_time;
pub mod json_out;
pub mod paging;
pub mod problem;
pub mod reply;
pub mod route;
