//! Roles and user roles: listing, fetch, grant (key `secusersecrole`), revoke, define.

use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn roles_and_grants() {
    let (_emu, admin, bob) = setup().await;
    let (_, roles) = admin.get("/api/role.json").await;
    let roles = items(&roles).clone();
    let authorities: Vec<&str> = roles
        .iter()
        .map(|r| r["authority"].as_str().unwrap())
        .collect();
    assert_eq!(
        authorities,
        ["ROLE_SUPER_ADMIN", "ROLE_ADMIN", "ROLE_USER", "ROLE_GUEST"]
    );
    let guest = roles[3]["id"].as_i64().unwrap();
    let admin_role = roles[1]["id"].as_i64().unwrap();
    let (status, one) = admin.get(&format!("/api/role/{guest}.json")).await;
    assert_eq!((status, one["id"].as_i64()), (200, Some(guest)));
    assert_eq!(admin.get("/api/role/999999.json").await.0, 404);

    let bob_id = bob.keys.id;
    let (_, mine) = admin.get(&format!("/api/user/{bob_id}/role.json")).await;
    assert_eq!(items(&mine).len(), 1);
    assert_eq!(items(&mine)[0]["authority"], "ROLE_USER");

    let (status, _) = bob
        .post(
            &format!("/api/user/{bob_id}/role.json"),
            &json!({"user": bob_id, "role": admin_role}),
        )
        .await;
    assert_eq!(status, 403, "only admins grant roles");
    let (status, granted) = admin
        .post(
            &format!("/api/user/{bob_id}/role.json"),
            &json!({"user": bob_id, "role": guest}),
        )
        .await;
    assert_eq!(status, 200, "{granted}");
    let link = &granted["secusersecrole"];
    assert_eq!(
        (link["user"].as_i64(), link["role"].as_i64()),
        (Some(bob_id), Some(guest))
    );
    assert_eq!(link["authority"], "ROLE_GUEST");
    let one = format!("/api/user/{bob_id}/role/{guest}.json");
    let (status, fetched) = admin.get(&one).await;
    assert_eq!((status, fetched["id"].clone()), (200, link["id"].clone()));
    let (status, _) = admin
        .post(
            &format!("/api/user/{bob_id}/role.json"),
            &json!({"user": bob_id, "role": guest}),
        )
        .await;
    assert_eq!(status, 409);
    let (_, highest) = admin
        .get(&format!("/api/user/{bob_id}/role.json?highest=true"))
        .await;
    assert_eq!(items(&highest)[0]["authority"], "ROLE_USER");
    let (status, _) = admin.delete(&one).await;
    assert_eq!(status, 200);
    assert_eq!(admin.get(&one).await.0, 404);

    let (status, _) = admin
        .put(
            &format!("/api/user/{bob_id}/role/{admin_role}/define.json"),
            &json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, now) = admin.get(&format!("/api/user/{bob_id}/role.json")).await;
    let mut got: Vec<&str> = items(&now)
        .iter()
        .map(|r| r["authority"].as_str().unwrap())
        .collect();
    got.sort_unstable();
    assert_eq!(got, ["ROLE_ADMIN", "ROLE_USER"]);
    let (status, _) = bob.get("/session/admin/open.json").await;
    assert_eq!(status, 200, "bob is an admin now");
}
