//! [`Call`]: one request to make, before signing. Pure: building URLs is tested without IO.

use bytes::Bytes;

/// HTTP methods the client uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether repeating the request cannot change the outcome (GET, PUT, DELETE).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// Where a call goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Relative to `{base}/api/`.
    Api(String),
    /// Relative to `{base}/` (`/server/ping`, `/ims/upload`) when it starts with `/`; an
    /// absolute `http(s)://` URL as it is (an image server on its own host or port).
    Root(String),
}

/// What a call sends.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    None,
    Json(Bytes),
}

/// One request, before signing.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub method: Method,
    pub target: Target,
    pub query: Vec<(String, String)>,
    pub payload: Payload,
    /// Content type to send and sign; `None` sends none.
    pub content_type: Option<&'static str>,
}

pub(crate) const JSON: &str = "application/json";

impl Call {
    pub fn api(method: Method, path: impl Into<String>) -> Self {
        let content_type = (method != Method::Get).then_some(JSON);
        Call {
            method,
            target: Target::Api(path.into()),
            query: Vec::new(),
            payload: Payload::None,
            content_type,
        }
    }

    pub fn root(method: Method, path: impl Into<String>) -> Self {
        Call {
            target: Target::Root(path.into()),
            ..Call::api(method, String::new())
        }
    }

    pub fn json(mut self, body: Bytes) -> Self {
        self.payload = Payload::Json(body);
        self.content_type = Some(JSON);
        self
    }

    pub fn query(mut self, pairs: Vec<(String, String)>) -> Self {
        self.query = pairs;
        self
    }

    /// The full URL for a base like `https://host:8080`.
    pub fn url(&self, base: &str) -> String {
        let mut url = match &self.target {
            Target::Api(path) => format!("{base}/api/{path}"),
            Target::Root(url) if is_absolute(url) => url.clone(),
            Target::Root(path) => format!("{base}{path}"),
        };
        if !self.query.is_empty() {
            let encoded = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(self.query.iter())
                .finish();
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&encoded);
        }
        url
    }
}

/// Whether `url` names its own scheme and host.
pub(crate) fn is_absolute(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absolute_root_target_is_kept() {
        let call = Call::root(Method::Post, "http://pims:5001/ims/upload")
            .query(vec![("sync".into(), "true".into())]);
        assert_eq!(
            call.url("http://core:8080"),
            "http://pims:5001/ims/upload?sync=true"
        );
        let relative = Call::root(Method::Post, "/ims/upload");
        assert_eq!(relative.url("http://core"), "http://core/ims/upload");
    }

    #[test]
    fn urls_for_each_target_shape() {
        let base = "https://cyto.example:8080";
        let cases = [
            (Call::api(Method::Get, "project/42.json"), "https://cyto.example:8080/api/project/42.json"),
            (Call::root(Method::Get, "/server/ping"), "https://cyto.example:8080/server/ping"),
            (
                Call::api(Method::Get, "annotation.json").query(vec![
                    ("project".into(), "42".into()),
                    ("users".into(), "7,8".into()),
                    ("bbox".into(), "POLYGON ((0 0, 1 1))".into()),
                ]),
                "https://cyto.example:8080/api/annotation.json?project=42&users=7%2C8&bbox=POLYGON+%28%280+0%2C+1+1%29%29",
            ),
        ];
        for (call, expected) in cases {
            assert_eq!(call.url(base), expected);
        }
    }

    #[test]
    fn content_type_follows_python_client() {
        assert_eq!(Call::api(Method::Get, "x.json").content_type, None);
        assert_eq!(Call::api(Method::Delete, "x.json").content_type, Some(JSON));
        assert!(Method::Put.is_idempotent() && !Method::Post.is_idempotent());
    }
}
