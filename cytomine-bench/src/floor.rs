//! The floor: a signed GET with a bare `reqwest::Client`, the signature computed inline.
//!
//! It shares no code with `cytomine-core`, so that the gap between the two is the per-request
//! overhead of our client. The canonical string is the current server's rule (docs/protocol.md §1.1):
//! `METHOD\n\ncontentType\ndate`, which the official Python client signs as well.

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// `Authorization` header value for `method` with `content_type` at `date`.
///
/// ```
/// let h = cytomine_bench::floor::authorization("pub", "privateKey", "GET", "",
///     "Mon, 01 Jan 2024 00:00:00 +0000");
/// assert_eq!(h, "CYTOMINE pub:EHDKaY+UtMFmQpZ/PA3qCbwx35A=");
/// ```
pub fn authorization(
    public_key: &str,
    private_key: &str,
    method: &str,
    content_type: &str,
    date: &str,
) -> String {
    let canonical = format!("{method}\n\n{content_type}\n{date}");
    // HMAC accepts keys of any length: `new_from_slice` cannot fail for it.
    let signature = match Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(canonical.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    };
    format!("CYTOMINE {public_key}:{signature}")
}

/// A signed `GET {base}{path}` on `client`, with the headers the Python client sends.
pub fn signed_get(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    public_key: &str,
    private_key: &str,
) -> reqwest::RequestBuilder {
    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
    let date = date.replace("GMT", "+0000");
    client
        .get(format!("{base}{path}"))
        .header("date", &date)
        .header("accept", "application/json, */*")
        .header(
            "authorization",
            authorization(public_key, private_key, "GET", "", &date),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Mon, 01 Jan 2024 00:00:00 +0000";

    #[test]
    fn signs_the_wire_reference_vectors() {
        let cases = [
            ("GET", "", "EHDKaY+UtMFmQpZ/PA3qCbwx35A="),
            ("GET", "application/json", "TYfLae6j4FUfJWjId9zgWc/kwpc="),
            ("POST", "application/json", "oZgQOIZ85nHeAkiYKG/JNI2FLqM="),
        ];
        for (method, ct, expected) in cases {
            let header = authorization("k", "privateKey", method, ct, DATE);
            assert_eq!(header, format!("CYTOMINE k:{expected}"));
        }
    }
}
