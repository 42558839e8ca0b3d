//! The server's signature rule (WIRE.md §1.1-1.2, §1.8), written independently of the client.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// The request facts that enter the canonical string.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'a> {
    /// HTTP method, upper case.
    pub method: &'a str,
    /// `content-MD5` header or "".
    pub content_md5: &'a str,
    /// `Content-Type` header or "".
    pub content_type: &'a str,
    /// `date` header, verbatim.
    pub date: &'a str,
    /// Request URI path as received (not decoded).
    pub path: &'a str,
    /// Raw query string (without `?`), if any.
    pub raw_query: Option<&'a str>,
}

/// HMAC-SHA1 of `canonical` keyed by `private_key`, in standard Base64.
pub fn sign(private_key: &str, canonical: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) else {
        return String::new();
    };
    mac.update(canonical.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// The content type the server reports after the `.json` rewrite of §1.2.
pub fn effective_content_type<'a>(s: &Signed<'a>) -> &'a str {
    let url_has_json = s.path.contains(".json") || s.raw_query.is_some_and(|q| q.contains(".json"));
    if url_has_json && (s.content_type.is_empty() || s.content_type == "application/octet-stream") {
        "application/json"
    } else {
        s.content_type
    }
}

/// The canonical strings the server accepts: {current, legacy} × {effective type, ""}.
pub fn canonical_candidates(s: &Signed<'_>) -> Vec<String> {
    let effective = effective_content_type(s);
    let mut out = Vec::with_capacity(4);
    for ct in [effective, ""] {
        let current = format!("{}\n{}\n{}\n{}", s.method, s.content_md5, ct, s.date);
        let legacy = match s.raw_query {
            Some(q) => format!("{current}\n{}?{q}", s.path),
            None => format!("{current}\n{}", s.path),
        };
        out.push(current);
        out.push(legacy);
    }
    out
}

/// Whether `signature` matches any accepted canonical string, compared in constant time.
pub fn verify(private_key: &str, s: &Signed<'_>, signature: &str) -> bool {
    let mut ok = subtle::Choice::from(0u8);
    for canonical in canonical_candidates(s) {
        let expected = sign(private_key, &canonical);
        ok |= expected.as_bytes().ct_eq(signature.as_bytes());
    }
    ok.into()
}

/// Split `CYTOMINE pub:sig` into its public key and signature.
pub fn parse_authorization(value: &str) -> Option<(&str, &str)> {
    if !value.starts_with("CYTOMINE") {
        return None;
    }
    let space = value.find(' ')?;
    let colon = value.find(':')?;
    if colon < space {
        return None;
    }
    Some((&value[space + 1..colon], &value[colon + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Mon, 01 Jan 2024 00:00:00 +0000";

    #[test]
    fn wire_test_vectors() {
        let cases = [
            (format!("GET\n\n\n{DATE}"), "EHDKaY+UtMFmQpZ/PA3qCbwx35A="),
            (
                format!("GET\n\napplication/json\n{DATE}"),
                "TYfLae6j4FUfJWjId9zgWc/kwpc=",
            ),
            (
                format!("POST\n\napplication/json\n{DATE}"),
                "oZgQOIZ85nHeAkiYKG/JNI2FLqM=",
            ),
            (
                format!("GET\n\n\n{DATE}\n/api/project.json?max=0&offset=0"),
                "8MqL2ei7e6QOKi+AKk7vceS1Lfo=",
            ),
            (
                format!("GET\n\n\n{DATE}\n/api/user/current.json"),
                "RqHNi8odKG8YTtLPrlpOzlvrup0=",
            ),
        ];
        for (canonical, sig) in cases {
            assert_eq!(sign("privateKey", &canonical), sig, "{canonical:?}");
        }
    }

    #[test]
    fn verify_accepts_both_forms_and_empty_type() {
        let s = Signed {
            method: "GET",
            content_md5: "",
            content_type: "",
            date: DATE,
            path: "/api/project.json",
            raw_query: Some("max=0&offset=0"),
        };
        assert_eq!(effective_content_type(&s), "application/json");
        assert!(verify("privateKey", &s, "TYfLae6j4FUfJWjId9zgWc/kwpc="));
        assert!(verify("privateKey", &s, "EHDKaY+UtMFmQpZ/PA3qCbwx35A="));
        assert!(verify("privateKey", &s, "8MqL2ei7e6QOKi+AKk7vceS1Lfo="));
        assert!(!verify("otherKey", &s, "EHDKaY+UtMFmQpZ/PA3qCbwx35A="));
        let post = Signed {
            method: "POST",
            ..s
        };
        assert!(!verify("privateKey", &post, "EHDKaY+UtMFmQpZ/PA3qCbwx35A="));
    }

    #[test]
    fn parses_header() {
        assert_eq!(
            parse_authorization("CYTOMINE abc:d:e="),
            Some(("abc", "d:e="))
        );
        assert_eq!(parse_authorization("Bearer x"), None);
        assert_eq!(parse_authorization("CYTOMINE abc"), None);
    }
}
