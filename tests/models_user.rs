//! User model against the emulator: CRUD, filters, modifiers, keys, secrets never printed.

mod common;

use common::*;
use cytomine::models::{Ontology, Project, User};
use cytomine::prelude::*;

fn ids(users: &cytomine::Collection<User>) -> Vec<i64> {
    users.iter().filter_map(|u| u.id).collect()
}

#[tokio::test]
async fn user_crud_as_admin() {
    let env = start().await;
    let cm = &env.cm;
    cm.open_admin_session().await.unwrap();
    let username = unique("jdoe");
    let mut user = User::new(&username, "Jane", "Doe", "jane@example.org", "pa55word!");
    user.save(cm).await.unwrap();
    let id = user.id.expect("id filled in");

    let mut fetched = assert_round_trip::<User>(cm, &format!("user/{id}.json"), id).await;
    assert_eq!(fetched.username.as_deref(), Some(username.as_str()));
    assert_eq!(fetched.firstname.as_deref(), Some("Jane"));

    fetched.lastname = Some("Smith".into());
    fetched.update(cm).await.unwrap();
    assert_eq!(
        User::fetch(cm, id).await.unwrap().lastname.as_deref(),
        Some("Smith")
    );

    fetched.delete(cm).await.unwrap();
    assert_not_found(&User::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn user_creation_is_refused_to_plain_users() {
    let env = start().await;
    let (_, bob) = env.user(&unique("bob")).await;
    let mut user = User::new(unique("eve"), "Eve", "E", "eve@example.org", "pw");
    let err = user.save(&bob).await.unwrap_err();
    assert_eq!(err.status(), Some(403), "{err}");
    assert!(user.id.is_none());
}

#[tokio::test]
async fn user_filters_project_ontology_and_admin() {
    let env = start().await;
    let cm = &env.cm;
    let (bob, _) = env.user(&unique("bob")).await;
    let mut ontology = Ontology::new(unique("onto"));
    ontology.save(cm).await.unwrap();
    let mut project = Project::new(unique("team")).with_ontology(ontology.id.unwrap());
    project.save(cm).await.unwrap();
    let pid = project.id.unwrap();
    project.add_user(cm, bob, false).await.unwrap();

    let mut members = ids(&User::list().project(pid).fetch(cm).await.unwrap());
    members.sort();
    let mut expected = vec![env.admin_id(), bob];
    expected.sort();
    assert_eq!(members, expected);

    let admins = ids(&User::list().admin(pid).fetch(cm).await.unwrap());
    assert_eq!(admins, vec![env.admin_id()]);

    let of_ontology = ids(&User::list()
        .ontology(ontology.id.unwrap())
        .fetch(cm)
        .await
        .unwrap());
    assert!(of_ontology.contains(&bob), "{of_ontology:?}");
}

#[tokio::test]
async fn user_list_online_modifier() {
    let env = start().await;
    let (online_user, _connected) = env.user(&unique("online")).await;
    let offline = env
        .emu
        .add_user(&unique("offline"), cytomine_emulator::Role::User);
    let all = ids(&User::list().fetch(&env.cm).await.unwrap());
    assert!(all.contains(&offline.id) && all.contains(&online_user));
    let online = ids(&User::list().online(true).fetch(&env.cm).await.unwrap());
    assert!(online.contains(&online_user), "{online:?}");
    assert!(online.contains(&env.admin_id()));
    assert!(!online.contains(&offline.id), "{online:?}");
}

#[tokio::test]
async fn user_list_public_key_modifier() {
    let env = start().await;
    let bob = env
        .emu
        .add_user(&unique("bob"), cytomine_emulator::Role::User);
    let found = User::list()
        .public_key(bob.public_key.clone())
        .fetch(&env.cm)
        .await
        .unwrap();
    assert_eq!(ids(&found), vec![bob.id]);
}

#[tokio::test]
async fn user_keys_and_secrets_are_never_printed() {
    let env = start().await;
    let cm = &env.cm;
    cm.open_admin_session().await.unwrap();
    let bob = env
        .emu
        .add_user(&unique("bob"), cytomine_emulator::Role::User);
    let user = User::fetch(cm, bob.id).await.unwrap();
    let keys = user.keys(cm).await.unwrap();
    assert_eq!(keys.public_key.as_deref(), Some(bob.public_key.as_str()));
    assert_eq!(
        keys.private_key.as_ref().map(|k| k.expose()),
        Some(bob.private_key.as_str())
    );
    assert!(!format!("{keys:?}").contains(&bob.private_key));
    assert!(!format!("{user:?}").contains(&bob.private_key));

    let new = User::new("x", "X", "Y", "x@example.org", "very-secret-pw");
    assert!(!format!("{new:?}").contains("very-secret-pw"));
    let body = serde_json::to_value(&new).unwrap();
    assert_eq!(
        body["password"], "very-secret-pw",
        "the password is still sent"
    );

    let err = User::default().keys(cm).await.unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
}

#[tokio::test]
async fn current_user_is_the_runtime_type() {
    let env = start().await;
    let me: &cytomine::CurrentUser = env.cm.current_user();
    assert_eq!(me.id, Some(env.admin_id()));
    assert_eq!(me.username, "admin");
}

/// `user/current.json` carries no keys (docs/protocol.md §3.13); `CurrentUser::keys` reads them
/// from `user/current/keys` (`RestUserController.java:189-197` in cytomine/cytomine at 0165ef76).
#[tokio::test]
async fn current_user_keys_come_from_their_own_endpoint() {
    let env = start().await;
    let me = env.cm.current_user();
    let admin = env.emu.admin();
    let shown = serde_json::to_string(me).unwrap();
    assert!(!shown.contains("privateKey") && !shown.contains(&admin.private_key));
    let keys = cytomine::CurrentUser::keys(&env.cm).await.unwrap();
    assert_eq!(keys.public_key, admin.public_key);
    assert_eq!(keys.private_key.expose(), admin.private_key);
    assert!(!format!("{keys:?}").contains(&admin.private_key));
}
