//! The control endpoint for out-of-process clients, served only when enabled:
//! `POST /__emulator/faults` with a JSON rule, `DELETE /__emulator/faults`, `GET` for counts.
//!
//! A rule is `{"fault": "status", "status": 503, "retryAfter": 2, "method": "POST",
//! "path": "annotation.json", "times": 2, "probability": 0.1, "seed": 7}`; `fault` is one of
//! `status`, `delay` (with `delayMs`), `dropBeforeProcessing`, `dropAfterProcessing`,
//! `truncateBody`, `malformedJson`, `htmlWith200`, `redirectToLogin`.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use super::rule::{Fault, FaultRule};
use super::Faults;
use crate::http::reply::Reply;

/// The path of the control endpoint.
pub(crate) const CONTROL_PATH: &str = "/__emulator/faults";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RuleSpec {
    fault: String,
    status: Option<u16>,
    delay_ms: Option<u64>,
    retry_after: Option<u64>,
    method: Option<String>,
    path: Option<String>,
    times: Option<u64>,
    probability: Option<f64>,
    seed: Option<u64>,
}

impl RuleSpec {
    fn into_rule(self) -> Result<FaultRule, String> {
        let fault = match self.fault.as_str() {
            "status" => Fault::Status(self.status.ok_or("`status` needs a `status` code")?),
            "delay" => Fault::Delay(Duration::from_millis(
                self.delay_ms.ok_or("`delay` needs `delayMs`")?,
            )),
            "dropBeforeProcessing" => Fault::DropBeforeProcessing,
            "dropAfterProcessing" => Fault::DropAfterProcessing,
            "truncateBody" => Fault::TruncateBody,
            "malformedJson" => Fault::MalformedJson,
            "htmlWith200" => Fault::HtmlWith200,
            "redirectToLogin" => Fault::RedirectToLogin,
            other => return Err(format!("unknown fault `{other}`")),
        };
        if let Fault::Status(code) = fault {
            if !(100..=599).contains(&code) {
                return Err(format!("not an HTTP status: {code}"));
            }
        }
        let mut rule = FaultRule::new(fault).seed(self.seed.unwrap_or(0));
        if let Some(m) = self.method {
            rule = rule.method(m);
        }
        if let Some(p) = self.path {
            rule = rule.path(p);
        }
        if let Some(n) = self.times {
            rule = rule.times(n);
        }
        if let Some(p) = self.probability {
            rule = rule.probability(p);
        }
        if let Some(secs) = self.retry_after {
            rule = rule.retry_after(secs);
        }
        Ok(rule)
    }
}

/// Answers a request to [`CONTROL_PATH`].
pub(crate) fn control(faults: &Faults, method: &str, body: &[u8]) -> Reply {
    match method {
        "POST" => {
            let parsed = serde_json::from_slice::<RuleSpec>(body)
                .map_err(|e| e.to_string())
                .and_then(RuleSpec::into_rule);
            match parsed {
                Ok(rule) => {
                    faults.inject(rule);
                    Reply::json(200, &json!({"injected": true, "pending": faults.pending()}))
                }
                Err(reason) => Reply::json(400, &json!({"success": false, "errors": reason})),
            }
        }
        "DELETE" => {
            faults.clear();
            Reply::json(200, &json!({"cleared": true, "fired": faults.fired()}))
        }
        "GET" => Reply::json(
            200,
            &json!({"fired": faults.fired(), "pending": faults.pending()}),
        ),
        _ => Reply::json(
            405,
            &json!({"success": false, "errors": "Method Not Allowed"}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field_and_refuses_bad_rules() {
        let faults = Faults::default();
        let ok = br#"{"fault":"status","status":503,"retryAfter":1,"method":"post","path":"annotation","times":2,"probability":1.0,"seed":3}"#;
        assert_eq!(control(&faults, "POST", ok).status(), 200);
        assert_eq!(faults.pending(), 1);
        let fired = faults.next_for("POST", "/api/annotation.json");
        assert_eq!(
            fired.map(|f| (f.fault, f.retry_after)),
            Some((Fault::Status(503), Some(1)))
        );
        for bad in [
            &br#"{"fault":"status"}"#[..],
            br#"{"fault":"explode"}"#,
            br#"{"fault":"delay"}"#,
            br#"{"fault":"status","status":42}"#,
            br#"{"fault":"htmlWith200","colour":"red"}"#,
            b"not json",
        ] {
            assert_eq!(control(&faults, "POST", bad).status(), 400);
        }
        assert_eq!(control(&faults, "DELETE", b"").status(), 200);
        assert_eq!(faults.pending(), 0);
    }
}
