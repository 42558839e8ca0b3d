//! The signing rule: detected at connection time against servers of either generation, or forced.

use cytomine::prelude::*;
use cytomine::SigningRule;
use cytomine_emulator::{Emulator, SignatureForms};

async fn server(forms: SignatureForms) -> Emulator {
    Emulator::builder()
        .signature_forms(forms)
        .start()
        .await
        .expect("emulator starts")
}

/// The current server accepts only the four-line string
/// (`core/src/main/java/be/cytomine/config/security/ApiKeyFilter.java:48` in cytomine/cytomine at
/// 0165ef76), the classic core only the one with the path (cytomine/Cytomine-core at 1d6f19ed,
/// `src/main/java/be/cytomine/config/security/ApiKeyFilter.java:57-75`): the client connects to
/// either, falling back to the legacy rule on the first 401.
#[tokio::test]
async fn detects_the_rule_of_each_server_generation() {
    assert_eq!(SignatureForms::default(), SignatureForms::CurrentOnly);
    for (forms, expected) in [
        (SignatureForms::CurrentOnly, SigningRule::Current),
        (SignatureForms::LegacyOnly, SigningRule::Legacy),
        (SignatureForms::Both, SigningRule::Current),
    ] {
        let emu = server(forms).await;
        let admin = emu.admin();
        let cm = Cytomine::connect(&emu.base_url(), admin.public_key, admin.private_key)
            .await
            .unwrap();
        assert_eq!(cm.signing_rule(), expected, "{forms:?}");
        // The legacy rule signs path and query: a filtered, paged list proves both.
        let mut p = Project::new(format!("signed {forms:?}"));
        p.save(&cm).await.unwrap();
        let user = cm.current_user().id.unwrap();
        let listed = Project::list()
            .user(user)
            .max(5)
            .offset(0)
            .fetch(&cm)
            .await
            .unwrap();
        assert_eq!(listed.len(), 1, "{forms:?}");
        p.delete(&cm).await.unwrap();
    }
}

#[tokio::test]
async fn a_forced_rule_the_server_refuses_fails_with_401() {
    let emu = server(SignatureForms::CurrentOnly).await;
    let admin = emu.admin();
    let err = Cytomine::builder(emu.base_url())
        .credentials(admin.public_key, admin.private_key)
        .signing_rule(SigningRule::Legacy)
        .connect()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
}

#[tokio::test]
async fn a_wrong_private_key_fails_with_401_saying_what_to_check() {
    let emu = server(SignatureForms::Both).await;
    let admin = emu.admin();
    let wrong = "00000000-wrong-private-key-0000";
    let err = Cytomine::connect(&emu.base_url(), admin.public_key.clone(), wrong)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    let text = err.to_string();
    for what in [
        "public and private keys are the pair of one enabled user",
        "issued by this host",
        "signing rule fits the server's generation",
        "`Date` header",
    ] {
        assert!(text.contains(what), "the hint misses {what:?}: {text}");
    }
    assert_eq!(text.matches("hint:").count(), 1, "{text}");
    assert!(
        !text.contains(wrong) && !text.contains(admin.private_key.as_str()),
        "{text}"
    );
}
