//! Checks shared by the repository-profile tests: record shape, command responses, ProblemDetail.

use serde_json::{json, Value};

use super::client::{setup_with, Client, Emulator, Profile};

pub async fn repo() -> (Emulator, Client, Client) {
    setup_with(Profile::Repository).await
}

/// `yyyy-MM-ddTHH:mm:ss`.
pub fn is_iso(value: &Value) -> bool {
    let Some(s) = value.as_str() else {
        return false;
    };
    let b = s.as_bytes();
    b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && s.chars()
            .enumerate()
            .all(|(i, c)| [4, 7, 10, 13, 16].contains(&i) || c.is_ascii_digit())
}

/// A live record of `data_type`: no `class`, ISO times, `deleted` null.
pub fn assert_record(rec: &Value, data_type: &str) {
    assert_eq!(rec["dataType"], data_type, "{rec}");
    assert!(rec.get("class").is_none(), "no class in {rec}");
    assert!(is_iso(&rec["created"]) && is_iso(&rec["updated"]), "{rec}");
    assert!(rec["deleted"].is_null(), "{rec}");
    assert!(rec["id"].as_i64().is_some(), "{rec}");
}

/// An `HttpCommandResponse` of `command`; returns its `data`.
pub fn data_of<'a>(answer: &'a Value, command: &str) -> &'a Value {
    assert_eq!(answer["printMessage"], true, "{answer}");
    assert_eq!(answer["command"], format!("be.cytomine.{command}Command"));
    let uuid = answer["commandId"].as_str().unwrap_or_default();
    assert_eq!((uuid.len(), uuid.matches('-').count()), (36, 4), "{answer}");
    assert!(answer["subCommands"].is_array(), "{answer}");
    &answer["data"]
}

pub fn assert_problem(answer: &Value, status: u16, detail: &str, instance: &str) {
    let expected = json!({"type": "about:blank", "title": answer["title"], "status": status,
        "detail": detail, "instance": instance});
    assert_eq!(answer, &expected);
}

pub async fn created(client: &Client, path: &str, body: Value, command: &str) -> Value {
    let (status, answer) = client.post(path, &body).await;
    assert_eq!(status, 200, "{path}: {answer}");
    data_of(&answer, command).clone()
}
