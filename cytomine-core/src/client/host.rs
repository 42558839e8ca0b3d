//! Host parsing: `cytomine.example`, `https://cytomine.example/`, `localhost:8080`. Pure.

use crate::error::{Error, Result};

/// The base URL (`scheme://host[:port]`, no trailing slash) for a host as users write it.
/// Without a scheme, `https` is used: plain HTTP must be asked for explicitly, by writing
/// `http://`.
pub(crate) fn base_url(host: &str) -> Result<String> {
    let host = host.trim();
    let (scheme, rest) = match host.split_once("://") {
        Some((s, rest)) if s.eq_ignore_ascii_case("http") => ("http", rest),
        Some((s, rest)) if s.eq_ignore_ascii_case("https") => ("https", rest),
        Some((s, _)) => {
            return Err(Error::usage(format!(
                "host `{host}`: unsupported scheme `{s}`, expected http or https"
            )))
        }
        None => ("https", host),
    };
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix("/api").unwrap_or(rest);
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
        return Err(Error::usage(format!(
            "host `{host}` is not a host name, expected e.g. `cytomine.example` or `http://127.0.0.1:8080`"
        )));
    }
    let candidate = format!("{scheme}://{rest}");
    url::Url::parse(&candidate)
        .map_err(|e| Error::usage(format!("host `{host}` is not valid: {e}")))?;
    Ok(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_table() {
        let ok = [
            ("cytomine.example", "https://cytomine.example"),
            ("cytomine.example/", "https://cytomine.example"),
            ("HTTPS://cytomine.example", "https://cytomine.example"),
            ("http://localhost:8080/", "http://localhost:8080"),
            ("http://localhost:8080/api/", "http://localhost:8080"),
            ("  research.cytomine.be  ", "https://research.cytomine.be"),
        ];
        for (input, expected) in ok {
            assert_eq!(base_url(input).unwrap(), expected, "{input}");
        }
        for bad in ["", "http://", "a b", "host/path/x", "gopher://h", "h?x=1"] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }
}
