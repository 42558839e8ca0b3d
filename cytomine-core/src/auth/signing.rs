//! The `CYTOMINE` request signature (docs/protocol.md §1.1). Pure functions, tested with the reference
//! vectors.

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use super::keys::Credentials;

/// Which canonical string a server expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SigningRule {
    /// `METHOD\nMD5\nCONTENT-TYPE\nDATE`: Cytomine servers since December 2025, Python client 4.x.
    #[default]
    Current,
    /// The same followed by `\n/api/path?query`: older servers, Python client up to 3.1, Java client.
    Legacy,
}

/// The canonical string for a request. `path_and_query` is the URL's path with its raw query
/// (`/api/project.json?max=0`); only the legacy rule reads it.
///
/// ```
/// use cytomine_core::{auth::canonical_string, SigningRule};
/// let date = "Mon, 01 Jan 2024 00:00:00 +0000";
/// assert_eq!(canonical_string(SigningRule::Current, "GET", "", date, "/api/x.json"),
///            "GET\n\n\nMon, 01 Jan 2024 00:00:00 +0000");
/// assert_eq!(canonical_string(SigningRule::Legacy, "GET", "", date, "/api/x.json"),
///            "GET\n\n\nMon, 01 Jan 2024 00:00:00 +0000\n/api/x.json");
/// ```
pub fn canonical_string(
    rule: SigningRule,
    method: &str,
    content_type: &str,
    date: &str,
    path_and_query: &str,
) -> String {
    let base = format!(
        "{}\n\n{}\n{}",
        method.to_ascii_uppercase(),
        content_type,
        date
    );
    match rule {
        SigningRule::Current => base,
        SigningRule::Legacy => format!("{base}\n{path_and_query}"),
    }
}

/// `Base64(HMAC-SHA1(private_key, canonical))`.
///
/// ```
/// use cytomine_core::auth::sign;
/// assert_eq!(sign("privateKey", "GET\n\n\nMon, 01 Jan 2024 00:00:00 +0000"), "EHDKaY+UtMFmQpZ/PA3qCbwx35A=");
/// ```
pub fn sign(private_key: &str, canonical: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(canonical.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The `Authorization` header value: `CYTOMINE {public}:{signature}`.
pub fn authorization_header(
    credentials: &Credentials,
    rule: SigningRule,
    method: &str,
    content_type: &str,
    date: &str,
    path_and_query: &str,
) -> String {
    let canonical = canonical_string(rule, method, content_type, date, path_and_query);
    let signature = sign(credentials.private_key.expose(), &canonical);
    format!("CYTOMINE {}:{}", credentials.public_key, signature)
}

/// The `Date` header value for now, in the format the Python client sends
/// (`Thu, 26 Nov 2026 01:54:07 +0000`).
pub fn http_date(now: std::time::SystemTime) -> String {
    // httpdate gives `Thu, 26 Nov 2026 01:54:07 GMT`; Cytomine clients send `+0000`.
    let gmt = httpdate::fmt_http_date(now);
    match gmt.strip_suffix("GMT") {
        Some(stem) => format!("{stem}+0000"),
        None => gmt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Mon, 01 Jan 2024 00:00:00 +0000";

    #[test]
    fn reference_vectors_of_wire_md() {
        let cases = [
            (
                SigningRule::Current,
                "GET",
                "",
                "",
                "EHDKaY+UtMFmQpZ/PA3qCbwx35A=",
            ),
            (
                SigningRule::Current,
                "GET",
                "application/json",
                "",
                "TYfLae6j4FUfJWjId9zgWc/kwpc=",
            ),
            (
                SigningRule::Current,
                "POST",
                "application/json",
                "",
                "oZgQOIZ85nHeAkiYKG/JNI2FLqM=",
            ),
            (
                SigningRule::Legacy,
                "GET",
                "",
                "/api/project.json?max=0&offset=0",
                "8MqL2ei7e6QOKi+AKk7vceS1Lfo=",
            ),
            (
                SigningRule::Legacy,
                "GET",
                "",
                "/api/user/current.json",
                "RqHNi8odKG8YTtLPrlpOzlvrup0=",
            ),
        ];
        for (rule, method, ct, path, expected) in cases {
            let canonical = canonical_string(rule, method, ct, DATE, path);
            assert_eq!(sign("privateKey", &canonical), expected, "{canonical:?}");
        }
    }

    #[test]
    fn header_has_public_key_and_signature() {
        let creds = Credentials::new("pub", "privateKey");
        let h = authorization_header(&creds, SigningRule::Current, "get", "", DATE, "/x");
        assert_eq!(h, "CYTOMINE pub:EHDKaY+UtMFmQpZ/PA3qCbwx35A=");
    }

    #[test]
    fn date_uses_plus_zero() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_704_067_200);
        assert_eq!(http_date(t), DATE);
    }
}
