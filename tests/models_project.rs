//! Project model against the emulator: CRUD, filters, modifiers, round trip, members, errors.

mod common;

use common::*;
use cytomine::models::{Ontology, Project, User};
use cytomine::prelude::*;

#[tokio::test]
async fn project_crud_and_not_found_after_delete() {
    let env = start().await;
    let cm = &env.cm;
    let name = unique("crud");
    let mut project = Project::new(&name);
    project.save(cm).await.unwrap();
    let id = project.id.expect("id filled in by save");
    assert_eq!(
        project.class_name.as_deref(),
        Some("be.cytomine.domain.project.Project")
    );
    assert!(project.created.is_some());

    let fetched = Project::fetch(cm, id).await.unwrap();
    assert_eq!(fetched.name.as_deref(), Some(name.as_str()));

    let mut renamed = fetched.clone();
    renamed.name = Some(unique("renamed"));
    renamed.blind_mode = Some(true);
    renamed.update(cm).await.unwrap();
    let again = Project::fetch(cm, id).await.unwrap();
    assert_eq!(again.name, renamed.name);
    assert_eq!(again.blind_mode, Some(true));

    let all = Project::list().fetch(cm).await.unwrap();
    assert!(all.iter().any(|p| p.id == Some(id)));

    again.delete(cm).await.unwrap();
    let err = Project::fetch(cm, id).await.unwrap_err();
    assert_not_found(&err);
    let err = Project::delete_by_id(cm, id).await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
}

#[tokio::test]
async fn project_save_of_a_fetched_project_updates_it() {
    let env = start().await;
    let mut project = Project::new(unique("save-twice"));
    project.save(&env.cm).await.unwrap();
    let id = project.id;
    project.is_closed = Some(true);
    project.save(&env.cm).await.unwrap();
    assert_eq!(project.id, id, "a second save updates, it does not create");
    let fetched = Project::fetch(&env.cm, id.unwrap()).await.unwrap();
    assert_eq!(fetched.is_closed, Some(true));
}

#[tokio::test]
async fn project_filters_by_ontology_and_by_user() {
    let env = start().await;
    let cm = &env.cm;
    let mut ontology = Ontology::new(unique("onto"));
    ontology.save(cm).await.unwrap();
    let ontology_id = ontology.id.unwrap();
    let mut with = Project::new(unique("with-ontology")).with_ontology(ontology_id);
    with.save(cm).await.unwrap();
    let mut without = Project::new(unique("without-ontology"));
    without.save(cm).await.unwrap();

    let of_ontology = Project::list()
        .ontology(ontology_id)
        .fetch(cm)
        .await
        .unwrap();
    let ids: Vec<_> = of_ontology.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![with.id]);

    let (bob, bob_cm) = env.user(&unique("bob")).await;
    let mut bobs = Project::new(unique("bobs"));
    bobs.save(&bob_cm).await.unwrap();
    cm.open_admin_session().await.unwrap();
    let of_bob = Project::list().user(bob).fetch(cm).await.unwrap();
    let ids: Vec<_> = of_bob.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![bobs.id]);
}

#[tokio::test]
async fn project_list_modifier_adds_members_count() {
    let env = start().await;
    let mut project = Project::new(unique("counted"));
    project.save(&env.cm).await.unwrap();
    let listed = Project::list()
        .with_members_count(true)
        .fetch(&env.cm)
        .await
        .unwrap();
    let mine = listed.find(|p| p.id == project.id).expect("listed");
    assert_eq!(
        mine.extra.get("membersCount").and_then(|v| v.as_i64()),
        Some(1)
    );
    let plain = Project::list().fetch(&env.cm).await.unwrap();
    let mine = plain.find(|p| p.id == project.id).expect("listed");
    assert!(!mine.extra.contains_key("membersCount"));
}

#[tokio::test]
async fn project_round_trip_keeps_every_attribute() {
    let env = start().await;
    let mut project = Project::new(unique("round-trip"));
    project.save(&env.cm).await.unwrap();
    let id = project.id.unwrap();
    let mut fetched =
        assert_round_trip::<Project>(&env.cm, &format!("project/{id}.json"), id).await;
    fetched
        .extra
        .insert("clientOnly".into(), serde_json::json!("kept"));
    fetched.update(&env.cm).await.unwrap();
    assert_eq!(
        fetched.extra.get("clientOnly"),
        Some(&serde_json::json!("kept"))
    );
}

#[tokio::test]
async fn project_members_are_added_and_removed() {
    let env = start().await;
    let cm = &env.cm;
    let mut project = Project::new(unique("members"));
    project.save(cm).await.unwrap();
    let pid = project.id.unwrap();
    let (bob, _) = env.user(&unique("bob")).await;
    let member_ids = |users: cytomine::Collection<User>| {
        let mut ids: Vec<i64> = users.iter().filter_map(|u| u.id).collect();
        ids.sort();
        ids
    };

    project.add_user(cm, bob, false).await.unwrap();
    let members = member_ids(User::list().project(pid).fetch(cm).await.unwrap());
    assert!(members.contains(&bob), "{members:?}");
    let admins = member_ids(User::list().admin(pid).fetch(cm).await.unwrap());
    assert!(!admins.contains(&bob));

    project.add_user(cm, bob, true).await.unwrap();
    let admins = member_ids(User::list().admin(pid).fetch(cm).await.unwrap());
    assert!(admins.contains(&bob));

    project.remove_user(cm, bob, true).await.unwrap();
    let admins = member_ids(User::list().admin(pid).fetch(cm).await.unwrap());
    assert!(!admins.contains(&bob));
    project.remove_user(cm, bob, false).await.unwrap();
    let members = member_ids(User::list().project(pid).fetch(cm).await.unwrap());
    assert!(!members.contains(&bob));

    let err = Project::new("never saved")
        .add_user(cm, bob, false)
        .await
        .unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
}

#[tokio::test]
async fn project_allows_every_operation() {
    let ops = Project::OPERATIONS;
    assert!(ops.fetch && ops.create && ops.update && ops.delete);
    assert_eq!(Project::ITEM_PATH, "project/{id}.json");
}

/// The server's project search and sort (`core/src/main/java/be/cytomine/service/project/ProjectService.java:246-580`
/// in cytomine/cytomine at 0165ef76) reach it as plain query parameters of the list.
#[tokio::test]
async fn project_list_takes_the_server_s_searches_and_sort() {
    let env = start().await;
    let cm = &env.cm;
    let prefix = unique("searched");
    let mut ontology = Ontology::new(unique("onto"));
    ontology.save(cm).await.unwrap();
    let mut saved = Vec::new();
    for (name, with_ontology) in [("b", true), ("a", false), ("c", true)] {
        let mut project = Project::new(format!("{prefix}-{name}"));
        if with_ontology {
            project = project.with_ontology(ontology.id.unwrap());
        }
        project.save(cm).await.unwrap();
        saved.push(project.id);
    }
    let (b, a, c) = (saved[0], saved[1], saved[2]);
    let by_name = Project::list()
        .param("name[ilike]", prefix.clone())
        .param("sort", "name")
        .param("order", "asc")
        .fetch(cm)
        .await
        .unwrap();
    let ids: Vec<_> = by_name.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![a, b, c]);
    let of_ontology = Project::list()
        .param("name[ilike]", prefix.clone())
        .param("ontology[in]", ontology.id.unwrap())
        .param("sort", "name")
        .param("order", "desc")
        .fetch(cm)
        .await
        .unwrap();
    let ids: Vec<_> = of_ontology.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![c, b]);
}
