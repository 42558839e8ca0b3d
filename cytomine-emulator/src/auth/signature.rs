//! The server's signature rule (docs/protocol.md §1.1-1.2, §1.8), written independently of the client.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// The request facts that enter the canonical string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Signed<'a> {
    /// HTTP method, upper case.
    pub(crate) method: &'a str,
    /// `content-MD5` header or "".
    pub(crate) content_md5: &'a str,
    /// `Content-Type` header or "".
    pub(crate) content_type: &'a str,
    /// `date` header, verbatim.
    pub(crate) date: &'a str,
    /// Request URI path as received (not decoded).
    pub(crate) path: &'a str,
    /// Raw query string (without `?`), if any.
    pub(crate) raw_query: Option<&'a str>,
}

/// Which canonical strings the server accepts (docs/protocol.md §1.1): one rule per run, as on a
/// real server. The default is the current server's four-line rule
/// (`core/src/main/java/be/cytomine/config/security/ApiKeyFilter.java` in cytomine/cytomine);
/// `LegacyOnly` is the classic core's rule with the path (cytomine/Cytomine-core,
/// `src/main/java/be/cytomine/config/security/ApiKeyFilter.java`); `Both` accepts either (no
/// real server does: only for clients that cannot yet choose).
///
/// ```
/// use cytomine_emulator::SignatureForms;
/// assert_eq!(SignatureForms::default(), SignatureForms::CurrentOnly);
/// assert_eq!("legacy".parse(), Ok(SignatureForms::LegacyOnly));
/// assert_eq!(SignatureForms::Both.to_string(), "both");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureForms {
    /// Current and legacy forms (lenient: no real server accepts both).
    Both,
    /// `METHOD\nMD5\nCONTENT-TYPE\nDATE` only, as servers since December 2025.
    #[default]
    CurrentOnly,
    /// The same followed by `\n/api/path?query` only, as the classic core.
    LegacyOnly,
}

impl std::str::FromStr for SignatureForms {
    type Err = String;
    /// `current`, `legacy` or `both` (the `--signing` flag's values).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "current" => Ok(SignatureForms::CurrentOnly),
            "legacy" => Ok(SignatureForms::LegacyOnly),
            "both" => Ok(SignatureForms::Both),
            other => Err(format!(
                "unknown signing rule `{other}` (expected current, legacy or both)"
            )),
        }
    }
}

impl std::fmt::Display for SignatureForms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SignatureForms::CurrentOnly => "current",
            SignatureForms::LegacyOnly => "legacy",
            SignatureForms::Both => "both",
        })
    }
}

/// HMAC-SHA1 of `canonical` keyed by `private_key`, in standard Base64.
pub(crate) fn sign(private_key: &str, canonical: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) else {
        return String::new();
    };
    mac.update(canonical.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// The content type the server reports after the `.json` rewrite of §1.2.
pub(crate) fn effective_content_type<'a>(signed: &Signed<'a>) -> &'a str {
    let url_has_json =
        signed.path.contains(".json") || signed.raw_query.is_some_and(|q| q.contains(".json"));
    if url_has_json
        && (signed.content_type.is_empty() || signed.content_type == "application/octet-stream")
    {
        "application/json"
    } else {
        signed.content_type
    }
}

/// The canonical strings the server accepts: {current, legacy} × {effective type, ""}, as
/// `forms` allows.
pub(crate) fn canonical_candidates(signed: &Signed<'_>, forms: SignatureForms) -> Vec<String> {
    let effective = effective_content_type(signed);
    let mut out = Vec::with_capacity(4);
    for ct in [effective, ""] {
        let current = format!(
            "{}\n{}\n{}\n{}",
            signed.method, signed.content_md5, ct, signed.date
        );
        let legacy = match signed.raw_query {
            Some(q) => format!("{current}\n{}?{q}", signed.path),
            None => format!("{current}\n{}", signed.path),
        };
        if forms != SignatureForms::LegacyOnly {
            out.push(current);
        }
        if forms != SignatureForms::CurrentOnly {
            out.push(legacy);
        }
    }
    out
}

/// Whether `signature` matches any accepted canonical string, compared in constant time.
pub(crate) fn verify(
    private_key: &str,
    signed: &Signed<'_>,
    signature: &str,
    forms: SignatureForms,
) -> bool {
    // The keyed state is computed once and cloned for each candidate.
    let Ok(keyed) = Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) else {
        return false;
    };
    let mut ok = subtle::Choice::from(0u8);
    let mut expected = String::with_capacity(28);
    for canonical in canonical_candidates(signed, forms) {
        let mut mac = keyed.clone();
        mac.update(canonical.as_bytes());
        expected.clear();
        STANDARD.encode_string(mac.finalize().into_bytes(), &mut expected);
        ok |= expected.as_bytes().ct_eq(signature.as_bytes());
    }
    ok.into()
}

/// Split `CYTOMINE pub:sig` into its public key and signature.
pub(crate) fn parse_authorization(value: &str) -> Option<(&str, &str)> {
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
        assert!(verify(
            "privateKey",
            &s,
            "TYfLae6j4FUfJWjId9zgWc/kwpc=",
            SignatureForms::Both
        ));
        assert!(verify(
            "privateKey",
            &s,
            "EHDKaY+UtMFmQpZ/PA3qCbwx35A=",
            SignatureForms::Both
        ));
        assert!(verify(
            "privateKey",
            &s,
            "8MqL2ei7e6QOKi+AKk7vceS1Lfo=",
            SignatureForms::Both
        ));
        assert!(!verify(
            "otherKey",
            &s,
            "EHDKaY+UtMFmQpZ/PA3qCbwx35A=",
            SignatureForms::Both
        ));
        let post = Signed {
            method: "POST",
            ..s
        };
        assert!(!verify(
            "privateKey",
            &post,
            "EHDKaY+UtMFmQpZ/PA3qCbwx35A=",
            SignatureForms::Both
        ));
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

#[cfg(test)]
mod forms_tests {
    use super::*;

    #[test]
    fn a_generation_accepts_only_its_own_form() {
        let s = Signed {
            method: "GET",
            content_md5: "",
            content_type: "",
            date: "Mon, 01 Jan 2024 00:00:00 +0000",
            path: "/api/user/current.json",
            raw_query: None,
        };
        let current = "EHDKaY+UtMFmQpZ/PA3qCbwx35A=";
        let legacy = "RqHNi8odKG8YTtLPrlpOzlvrup0=";
        assert!(verify(
            "privateKey",
            &s,
            current,
            SignatureForms::CurrentOnly
        ));
        assert!(!verify(
            "privateKey",
            &s,
            legacy,
            SignatureForms::CurrentOnly
        ));
        assert!(verify("privateKey", &s, legacy, SignatureForms::LegacyOnly));
        assert!(!verify(
            "privateKey",
            &s,
            current,
            SignatureForms::LegacyOnly
        ));
    }
}
