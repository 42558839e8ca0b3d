//! Response envelopes of both server generations (docs/protocol.md §2.2-2.5, §2.7): the object inside a
//! command answer, a collection page, and the outcome of a batch POST.

use serde::Deserialize;
use serde_json::Value;

/// The object inside a create/update/delete answer: under `key` (classic), else under `data`
/// (2026 repository format). `None` when neither holds an object.
pub(crate) fn command_object(mut answer: Value, key: &str) -> Option<Value> {
    let obj = answer.as_object_mut()?;
    for k in [key, "data"] {
        if let Some(v) = obj.remove(k) {
            if v.is_object() {
                return Some(v);
            }
        }
    }
    None
}

/// One page of a collection.
#[derive(Debug, Deserialize)]
pub(crate) struct Page<T> {
    pub collection: Vec<T>,
    /// Total number of items, before paging.
    #[serde(default)]
    pub size: Option<u64>,
}

/// What a batch POST reports in its body (always HTTP 200, docs/protocol.md §2.5).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BatchOutcome {
    /// The status inside the body: 200, 206 or 400.
    pub status: u16,
    /// Ids of the created items, in the order the server lists them.
    pub created_ids: Vec<i64>,
    /// Items refused: the input the server echoes and its message.
    pub failures: Vec<(Value, String)>,
}

/// Reads a batch answer. The ids come from the message text (`annotations 11,12,13 added`,
/// `Only part of the entries (annotations 11,13`), the failures from `data.errors`.
pub(crate) fn batch_outcome(answer: &Value) -> Option<BatchOutcome> {
    let status = u16::try_from(answer.get("status")?.as_u64()?).ok()?;
    let data = answer.get("data")?;
    let message = data.get("message").and_then(Value::as_str).unwrap_or("");
    let failures = data
        .get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let input = e.get("data").cloned().unwrap_or(Value::Null);
                    let msg = e
                        .get("message")
                        .and_then(Value::as_str)
                        .unwrap_or("refused");
                    (input, msg.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    Some(BatchOutcome {
        status,
        created_ids: ids_in_message(message),
        failures,
    })
}

/// The comma-separated ids in a batch message: the last run of digits and commas.
fn ids_in_message(message: &str) -> Vec<i64> {
    message
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .rfind(|run| run.chars().any(|c| c.is_ascii_digit()))
        .map(|run| run.split(',').filter_map(|id| id.parse().ok()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn command_object_reads_both_generations() {
        let classic = json!({"message": "m", "project": {"id": 1}, "command": 4});
        assert_eq!(command_object(classic, "project"), Some(json!({"id": 1})));
        let repo = json!({"printMessage": true, "data": {"id": 2}, "commandId": "u"});
        assert_eq!(command_object(repo, "ontology"), Some(json!({"id": 2})));
        assert_eq!(command_object(json!({"message": "x"}), "project"), None);
    }

    #[test]
    fn batch_outcomes() {
        let all = json!({"data": {"message": "userannotations 11,12,13 added"}, "status": 200});
        let o = batch_outcome(&all).unwrap();
        assert_eq!(
            (o.status, o.created_ids.clone(), o.failures.len()),
            (200, vec![11, 12, 13], 0)
        );

        let part = json!({"data": {"success": false, "message": "Only part of the entries (userannotations 11,13",
            "errors": [{"data": {"location": "bad"}, "message": "Annotation location is not valid"}]}, "status": 206});
        let o = batch_outcome(&part).unwrap();
        assert_eq!(o.created_ids, vec![11, 13]);
        assert_eq!(
            o.failures,
            vec![(
                json!({"location": "bad"}),
                "Annotation location is not valid".to_string()
            )]
        );

        let none = json!({"data": {"success": false, "message": "No entry saved", "errors": []}, "status": 400});
        assert_eq!(batch_outcome(&none).unwrap().created_ids, Vec::<i64>::new());
        assert!(batch_outcome(&json!([1])).is_none());
        let wrapped = json!({"data": {"message": "x 1 added"}, "status": 65_736});
        assert!(
            batch_outcome(&wrapped).is_none(),
            "65736 is no status, not 200"
        );
    }
}
