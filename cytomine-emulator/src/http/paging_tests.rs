use serde_json::{json, Value};

use super::*;

/// The envelope `paged` answers for `len` items `0..len` with `query`.
fn envelope(query: &str, len: usize) -> Value {
    let call = Call::test_get("/api/project.json", query, None, "http://127.0.0.1:1");
    let reply = paged(&call, (0..len).collect(), |n| n * 10).unwrap_or_else(Fail::reply);
    assert_eq!(reply.status(), 200, "{query}");
    serde_json::from_slice(reply.body()).unwrap_or_default()
}

#[test]
fn a_page_is_the_window_of_max_items_from_offset() {
    let cases = [
        ("", 3, json!([0, 10, 20]), 0, 3, 1),
        ("max=0", 3, json!([0, 10, 20]), 0, 3, 1),
        ("max=2", 5, json!([0, 10]), 0, 2, 3),
        ("max=2&offset=3", 5, json!([30, 40]), 3, 2, 3),
        ("max=2&offset=9", 5, json!([]), 9, 2, 3),
        ("offset=1", 3, json!([10, 20]), 1, 3, 1),
        ("", 0, json!([]), 0, 0, 0),
    ];
    for (query, len, collection, offset, per_page, total_pages) in cases {
        let expected = json!({"collection": collection, "offset": offset, "perPage": per_page,
            "size": len, "totalPages": total_pages});
        assert_eq!(envelope(query, len), expected, "{query:?} of {len}");
    }
}

#[test]
fn a_malformed_window_is_a_400() {
    let call = Call::test_get("/api/project.json", "max=x", None, "http://127.0.0.1:1");
    let reply = paged(&call, vec![1], |n: i32| n).unwrap_or_else(Fail::reply);
    assert_eq!(reply.status(), 400);
}

/// The envelope `page_paged` answers for `len` items with `query`.
fn page_envelope(query: &str, len: i32) -> Value {
    let call = Call::test_get("/api/project.json", query, None, "http://127.0.0.1:1");
    let reply = page_paged(&call, (0..len).collect(), |n| n).unwrap_or_else(Fail::reply);
    serde_json::from_slice(reply.body()).unwrap_or_default()
}

/// `RestCytomineController.java:154-171` (cytomine/cytomine@0165ef76): a `Page` answer counts the
/// items on the page, so past the end `perPage` is 0 where a list answer keeps `min(max, size)`.
#[test]
fn past_the_end_a_page_answer_has_no_item_per_page_and_a_list_answer_keeps_max() {
    assert_eq!(
        page_envelope("max=2&offset=10", 5),
        json!({"collection": [], "offset": 10, "perPage": 0, "size": 5, "totalPages": 3})
    );
    assert_eq!(envelope("max=2&offset=10", 5)["perPage"], 2);
    assert_eq!(page_envelope("max=2&offset=4", 5)["perPage"], 1);
}
