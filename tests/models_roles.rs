//! Role and UserRole models against the emulator.

mod common;

use common::*;
use cytomine::models::{Role, UserRole};
use cytomine::prelude::*;

#[tokio::test]
async fn roles_are_listed_and_fetched() {
    let env = start().await;
    let cm = &env.cm;
    let roles = Role::list().fetch(cm).await.unwrap();
    let authorities: Vec<&str> = roles
        .iter()
        .filter_map(|r| r.authority.as_deref())
        .collect();
    for expected in ["ROLE_USER", "ROLE_ADMIN"] {
        assert!(authorities.contains(&expected), "{authorities:?}");
    }
    let first = roles.first().unwrap();
    let id = first.id.unwrap();
    let fetched = assert_round_trip::<Role>(cm, &format!("role/{id}.json"), id).await;
    assert_eq!(fetched.authority, first.authority);
}

#[tokio::test]
async fn user_role_grant_fetch_list_revoke() {
    let env = start().await;
    let cm = &env.cm;
    let (user_id, _) = env.user(&unique("grantee")).await;
    // Granting roles is an admin right, effective only in an admin session.
    let _ = cm.open_admin_session().await.unwrap();
    let roles = Role::list().fetch(cm).await.unwrap();
    let admin = roles
        .find(|r| r.authority.as_deref() == Some("ROLE_ADMIN"))
        .and_then(|r| r.id)
        .unwrap();

    let mut grant = UserRole::new(user_id, admin);
    grant.save(cm).await.unwrap();
    assert!(grant.id.is_some());
    assert_eq!(grant.user, Some(user_id));
    let fetched = UserRole::fetch(cm, (user_id, admin)).await.unwrap();
    assert_eq!(fetched.authority.as_deref(), Some("ROLE_ADMIN"));
    let listed = UserRole::list().user(user_id).fetch(cm).await.unwrap();
    assert!(listed.iter().any(|r| r.role == Some(admin)));

    UserRole::delete_by_id(cm, (user_id, admin)).await.unwrap();
    assert_not_found(&UserRole::fetch(cm, (user_id, admin)).await.unwrap_err());
}
