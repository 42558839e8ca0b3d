//! A small test-only signer and HTTP helpers (independent of the server's verifier).

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::Value;
use sha1::Sha1;

pub use cytomine_emulator::{Emulator, Profile, Role, SignatureForms, UserKeys};

/// Base64(HMAC-SHA1(private, canonical)).
pub fn hmac(private: &str, canonical: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(private.as_bytes()).expect("any key length works");
    mac.update(canonical.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

pub const DATE: &str = "Thu, 26 Nov 2026 10:00:00 +0000";

/// Which canonical form a request is signed with.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    /// `METHOD\n\nCT\nDATE` with the content type actually sent (or the .json rewrite).
    Current,
    /// The legacy form with `\n/api/path?query`.
    Legacy,
    /// Current form with an empty content type.
    EmptyType,
}

/// A signed client for one user.
pub struct Client {
    pub base: String,
    pub keys: UserKeys,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(emu: &Emulator, keys: UserKeys) -> Client {
        Client {
            base: emu.base_url(),
            keys,
            http: reqwest::Client::new(),
        }
    }

    /// A request to `path` (with query) whose `canonical` text is signed.
    pub fn authorized(&self, method: Method, path: &str, canonical: &str) -> RequestBuilder {
        let signature = hmac(&self.keys.private_key, canonical);
        let authorization = format!("CYTOMINE {}:{signature}", self.keys.public_key);
        self.http
            .request(method, format!("{}{path}", self.base))
            .header("date", DATE)
            .header("authorization", authorization)
    }

    /// A request to `path` (with query) signed in the current form for `content_type`.
    pub fn signed(&self, method: Method, path: &str, content_type: &str) -> RequestBuilder {
        let canonical = format!("{}\n\n{content_type}\n{DATE}", method.as_str());
        self.authorized(method, path, &canonical)
    }

    /// Send a request to `path` (with query), signed with `form`.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        form: Form,
    ) -> Response {
        let ct = if body.is_some() {
            "application/json"
        } else {
            ""
        };
        let signed_ct = match form {
            Form::EmptyType => "",
            _ if ct.is_empty() && path.contains(".json") => "application/json",
            _ => ct,
        };
        let mut canonical = format!("{}\n\n{}\n{}", method.as_str(), signed_ct, DATE);
        if let Form::Legacy = form {
            canonical.push('\n');
            canonical.push_str(path);
        }
        let mut req = self.authorized(method, path, &canonical);
        if let Some(b) = body {
            req = req.header("content-type", ct).body(b.to_string());
        }
        req.send().await.expect("request reaches the emulator")
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        into_json(self.send(Method::GET, path, None, Form::Current).await).await
    }
    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        into_json(
            self.send(Method::POST, path, Some(body), Form::Current)
                .await,
        )
        .await
    }
    pub async fn put(&self, path: &str, body: &Value) -> (u16, Value) {
        into_json(
            self.send(Method::PUT, path, Some(body), Form::Current)
                .await,
        )
        .await
    }
    pub async fn delete(&self, path: &str) -> (u16, Value) {
        into_json(self.send(Method::DELETE, path, None, Form::Current).await).await
    }
}

pub async fn into_json(res: Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// An emulator, an admin client with an open admin session, and a plain user client.
pub async fn setup() -> (Emulator, Client, Client) {
    setup_with(Profile::Classic).await
}

/// As [`setup`], serving the migrated domains in `profile`.
pub async fn setup_with(profile: Profile) -> (Emulator, Client, Client) {
    let emu = Emulator::builder()
        .profile(profile)
        .start()
        .await
        .expect("emulator starts");
    let admin = Client::new(&emu, emu.admin());
    let (status, _) = admin.get("/session/admin/open.json").await;
    assert_eq!(status, 200);
    let bob = Client::new(&emu, emu.add_user("bob", Role::User));
    (emu, admin, bob)
}

/// A multipart POST of one `files[]` part named `filename`, signed with its full content type.
pub async fn multipart(client: &Client, path: &str, filename: &str, bytes: &[u8]) -> (u16, Value) {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(filename.to_owned());
    let form = reqwest::multipart::Form::new().part("files[]", part);
    let content_type = format!("multipart/form-data; boundary={}", form.boundary());
    let res = client
        .signed(Method::POST, path, &content_type)
        .multipart(form)
        .send()
        .await
        .expect("request reaches the emulator");
    into_json(res).await
}
