//! Spring's `ProblemDetail` error body (docs/protocol.md §2.6, §2.7): unknown paths, wrong methods, and
//! every refusal of the 2026 repository endpoints.

use serde_json::json;

use super::reply::Reply;

/// `{"type":"about:blank","title":...,"status":...,"detail":...,"instance":<path>}`.
pub(crate) fn problem(status: u16, detail: &str, instance: &str) -> Reply {
    let title = match status {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    Reply::json(
        status,
        &json!({"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_follow_the_status() {
        let r = problem(
            404,
            "Unable to find ontology with id: 5",
            "/api/ontology/5.json",
        );
        assert_eq!(r.status(), 404);
        assert_eq!(problem(405, "x", "/").status(), 405);
    }
}
