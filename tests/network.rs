//! Network settings against real loopback servers: HTTPS with a private certificate authority
//! (made here with rcgen), root certificate files, a proxy, the user agent.

use std::time::Duration;

use cytomine::{ClientBuilder, Cytomine, Error, RetryPolicy, TransportKind};
use cytomine_emulator::Emulator;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A private certificate authority and a server certificate it issued for 127.0.0.1 and
/// localhost, as PEM.
struct PrivateCa {
    ca_pem: String,
    server_chain_pem: String,
    server_key_pem: String,
}

fn private_ca() -> PrivateCa {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Lab test CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server_params =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    let server = server_params.signed_by(&server_key, &ca).unwrap();
    PrivateCa {
        ca_pem: ca.pem(),
        server_chain_pem: server.pem(),
        server_key_pem: server_key.serialize_pem(),
    }
}

async fn https_emulator(ca: &PrivateCa) -> Emulator {
    Emulator::builder()
        .tls(ca.server_chain_pem.clone(), ca.server_key_pem.clone())
        .start()
        .await
        .expect("an HTTPS emulator")
}

/// A builder for the emulator's admin that tries each request once.
fn admin_of(emu: &Emulator) -> ClientBuilder {
    let admin = emu.admin();
    Cytomine::builder(emu.base_url())
        .credentials(admin.public_key, admin.private_key)
        .retry(RetryPolicy::none())
        .connect_timeout(Duration::from_secs(5))
}

/// Why connecting as the emulator's admin, with the settings of `configure`, fails.
async fn connect_error(
    emu: &Emulator,
    configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> Error {
    configure(admin_of(emu)).connect().await.unwrap_err()
}

#[tokio::test]
async fn https_with_the_private_ca_added_connects_and_fetches_the_current_user() {
    let ca = private_ca();
    let emu = https_emulator(&ca).await;
    assert!(emu.base_url().starts_with("https://127.0.0.1:"));
    let cm = admin_of(&emu)
        .root_certificates_pem(&ca.ca_pem)
        .connect()
        .await
        .expect("connected over HTTPS");
    assert_eq!(cm.current_user().username, "admin");
    let user: serde_json::Value = cm.get_json("user/current.json", &[]).await.unwrap();
    assert_eq!(user["username"], "admin");
}

#[tokio::test]
async fn https_without_the_private_ca_is_refused_for_its_certificate() {
    let ca = private_ca();
    let emu = https_emulator(&ca).await;
    let err = connect_error(&emu, |b| b).await;
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("certificate"), "{text}");
    assert_eq!(emu.request_count(), 0, "no request got through");
}

#[tokio::test]
async fn a_ca_bundle_file_with_several_certificates_is_trusted() {
    let ca = private_ca();
    let other = private_ca();
    let emu = https_emulator(&ca).await;
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle.pem");
    std::fs::write(&bundle, format!("{}{}", other.ca_pem, ca.ca_pem)).unwrap();
    let cm = admin_of(&emu)
        .root_certificates_file(&bundle)
        .connect()
        .await
        .expect("connected with the bundle");
    assert_eq!(cm.current_user().username, "admin");
}

#[tokio::test]
async fn a_root_certificates_file_that_is_not_pem_is_an_error_naming_it() {
    let emu = Emulator::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("lab-ca.der");
    std::fs::write(&junk, [0x30, 0x82, 0x01, 0x0a, 0x02]).unwrap();
    let err = connect_error(&emu, |b| b.root_certificates_file(&junk)).await;
    assert!(matches!(err, Error::HttpClient { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("lab-ca.der") && text.contains("no PEM certificate"),
        "{text}"
    );
    let missing = dir.path().join("missing.pem");
    let err = connect_error(&emu, |b| b.root_certificates_file(&missing)).await;
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("missing.pem"), "{err}");
    // A broken block inside PEM armour is refused too, with the HTTP stack's words as source.
    let broken = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
    let err = connect_error(&emu, |b| b.root_certificates_pem(broken)).await;
    assert!(matches!(err, Error::HttpClient { .. }), "{err:?}");
    assert!(std::error::Error::source(&err).is_some(), "{err:?}");
    assert_eq!(emu.request_count(), 0, "nothing was sent");
}

#[tokio::test]
async fn requests_go_through_the_proxy() {
    // The emulator answers requests in proxy form (`GET http://host/path`) as any other, so it
    // stands in for a proxy in front of a host that does not resolve.
    let emu = Emulator::start().await.unwrap();
    let admin = emu.admin();
    let cm = Cytomine::builder("http://cytomine.invalid")
        .credentials(admin.public_key, admin.private_key)
        .retry(RetryPolicy::none())
        .proxy(emu.base_url())
        .connect()
        .await
        .expect("connected through the proxy");
    assert_eq!(cm.current_user().username, "admin");
    assert!(emu.request_count() >= 2, "{}", emu.request_count());
}

#[tokio::test]
async fn a_bad_proxy_url_is_an_error_that_hides_its_password() {
    let emu = Emulator::start().await.unwrap();
    let err = connect_error(&emu, |b| b.proxy("http://me:s3cret@[not-a-host")).await;
    assert!(matches!(err, Error::HttpClient { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("proxy URL") && !text.contains("s3cret"),
        "{text}"
    );
}

/// The `User-Agent` of the first request sent to a server that reads it and hangs up.
async fn user_agent_seen(configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let host = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            assert!(n > 0, "the request head ended early");
            head.extend_from_slice(&buf[..n]);
        }
        let _ = socket
            .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .await;
        String::from_utf8_lossy(&head).into_owned()
    });
    let builder = Cytomine::builder(host)
        .credentials("public-key", "private-key")
        .retry(RetryPolicy::none());
    let _ = configure(builder).connect().await;
    let head = server.await.unwrap();
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("user-agent")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn the_user_agent_reaches_the_server() {
    let default = user_agent_seen(|b| b).await;
    assert!(default.starts_with("cytomine-rs/"), "{default}");
    let own = user_agent_seen(|b| b.user_agent("slide-qc/2.1 (lab@example.org)")).await;
    assert_eq!(own, "slide-qc/2.1 (lab@example.org)");
}

#[tokio::test]
async fn a_client_handed_over_is_used_as_it_is() {
    let configured = cytomine::reqwest::Client::builder()
        .user_agent("handed-over/1.0")
        .build()
        .unwrap();
    // Its settings apply, the builder's do not.
    let seen = user_agent_seen(|b| b.user_agent("ignored/0").http_client(configured)).await;
    assert_eq!(seen, "handed-over/1.0");
}

#[tokio::test]
async fn an_emulator_with_a_bad_certificate_or_key_does_not_start() {
    let ca = private_ca();
    let bad_chain = Emulator::builder().tls("not PEM", ca.server_key_pem.clone());
    let err = bad_chain.start().await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("certificate chain"), "{err}");
    let bad_key = Emulator::builder().tls(ca.server_chain_pem.clone(), "not PEM");
    assert!(
        !format!("{bad_key:?}").contains("PRIVATE KEY"),
        "{bad_key:?}"
    );
    let err = bad_key.start().await.unwrap_err();
    assert!(err.to_string().contains("private key"), "{err}");
    // A key that is not the certificate's.
    let other = private_ca();
    let mismatch = Emulator::builder().tls(ca.server_chain_pem, other.server_key_pem);
    let err = mismatch.start().await.unwrap_err();
    assert!(err.to_string().contains("certificate and key"), "{err}");
}
