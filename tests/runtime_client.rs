//! The runtime against the emulator, with a resource type defined here the way users define
//! their own: connection, CRUD, errors as values, paging, bulk saves, secrets kept out of logs.

mod common;

use cytomine::{
    Collection, Create, Cytomine, Delete, Error, Fetch, ItemOutcome, Query, Resource, RetryPolicy,
    TransportKind, Update,
};
use cytomine_emulator::Emulator;
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};

/// A project as a user of the library would declare it, with a field of their own choosing.
#[derive(Resource, Serialize, Deserialize, Debug, Clone, Default, PartialEq)]
#[resource(path = "project", filters(user, ontology), params(with_members_count: bool), no_batch)]
#[serde(rename_all = "camelCase")]
struct MyProject {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    ontology: Option<i64>,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

fn project(name: &str) -> MyProject {
    MyProject {
        name: name.into(),
        ..Default::default()
    }
}

async fn start() -> (Emulator, Cytomine) {
    let env = common::start().await;
    (env.emu, env.cm)
}

#[tokio::test]
async fn connect_fetches_the_current_user() {
    let (emu, cm) = start().await;
    assert_eq!(cm.current_user().username, emu.admin().username);
    assert_eq!(cm.current_user().id, Some(emu.admin().id));
    assert!(cm.is_alive().await);
}

#[tokio::test]
async fn a_wrong_key_is_a_401_error_value_without_secrets() {
    let emu = Emulator::builder().start().await.unwrap();
    let admin = emu.admin();
    let err = Cytomine::connect(&emu.base_url(), admin.public_key.clone(), "not-the-key")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("user/current.json"), "{shown}");
    assert!(
        !shown.contains("not-the-key") && !shown.contains("CYTOMINE "),
        "{shown}"
    );
}

/// No server on the port: the error says so in one line, and keeps the underlying errors as its
/// source, down to the refused connection's `io::Error`.
#[tokio::test]
async fn a_refused_connection_keeps_its_cause_as_the_source() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .unwrap()
        .port();
    let err = Cytomine::builder(format!("http://127.0.0.1:{port}"))
        .credentials("public", "private")
        .retry(RetryPolicy::none())
        .connect()
        .await
        .unwrap_err();
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
    let mut causes = Vec::new();
    let mut cause = std::error::Error::source(&err);
    while let Some(e) = cause {
        causes.push(e);
        cause = e.source();
    }
    let refused = causes
        .iter()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
    assert!(refused, "no refused io::Error among the causes of {err:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("cannot connect") && shown.contains(&causes.last().unwrap().to_string()),
        "{shown}"
    );
}

#[tokio::test]
async fn crud_round_trip_keeps_unknown_attributes() {
    let (_emu, cm) = start().await;
    let mut p = project("crud");
    p.save(&cm).await.unwrap();
    let id = p.id.expect("id filled in by save");
    assert!(
        p.extra.contains_key("numberOfImages"),
        "server attributes kept: {:?}",
        p.extra
    );

    let mut fetched = MyProject::fetch(&cm, id).await.unwrap();
    assert_eq!(fetched.name, "crud");
    fetched.name = "renamed".into();
    fetched.update(&cm).await.unwrap();
    assert_eq!(MyProject::fetch(&cm, id).await.unwrap().name, "renamed");
    assert!(
        fetched.extra.contains_key("class"),
        "unknown attributes survive: {:?}",
        fetched.extra
    );

    fetched
        .update_with(&cm, serde_json::json!({"name": "patched"}))
        .await
        .unwrap();
    assert_eq!(MyProject::fetch(&cm, id).await.unwrap().name, "patched");

    fetched.delete(&cm).await.unwrap();
    let err = MyProject::fetch(&cm, id).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(
        matches!(&err, Error::Status { message: Some(m), .. } if m.contains("not found")),
        "{err:?}"
    );
}

#[tokio::test]
async fn delete_by_id_and_save_of_a_duplicate() {
    let (_emu, cm) = start().await;
    let mut p = project("dup");
    p.save(&cm).await.unwrap();
    let err = project("dup").save(&cm).await.unwrap_err();
    assert_eq!(err.status(), Some(409), "{err}");
    MyProject::delete_by_id(&cm, p.id.unwrap()).await.unwrap();
    assert!(MyProject::fetch(&cm, p.id.unwrap())
        .await
        .unwrap_err()
        .is_not_found());
}

#[tokio::test]
async fn lists_filters_and_paging_stream() {
    let (_emu, cm) = start().await;
    for i in 0..25 {
        project(&format!("p{i:02}")).save(&cm).await.unwrap();
    }
    let all = MyProject::list().fetch(&cm).await.unwrap();
    assert_eq!(all.len(), 25);
    assert_eq!(all.total(), Some(25));

    let window = MyProject::list()
        .max(10)
        .offset(20)
        .fetch(&cm)
        .await
        .unwrap();
    assert_eq!((window.len(), window.total()), (5, Some(25)));

    for page_size in [1, 7, 10, 25, 100] {
        let streamed: Vec<MyProject> = MyProject::list()
            .page_size(page_size)
            .stream(&cm)
            .try_collect()
            .await
            .unwrap();
        let mut names: Vec<_> = streamed.iter().map(|p| p.name.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 25, "page size {page_size}");
    }
    let user = cm.current_user().id.unwrap();
    assert_eq!(
        MyProject::list().user(user).fetch(&cm).await.unwrap().len(),
        25
    );
    let q = MyProject::list().ontology(5).with_members_count(true);
    assert_eq!(q.as_query().path().unwrap(), "ontology/5/project.json");
}

#[tokio::test]
async fn a_missing_filter_id_gives_404_not_an_empty_list() {
    let (_emu, cm) = start().await;
    let err = MyProject::list()
        .ontology(999_999)
        .fetch(&cm)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
}

#[tokio::test]
async fn bulk_save_of_a_type_without_batch_accounts_for_every_item() {
    let (_emu, cm) = start().await;
    project("taken").save(&cm).await.unwrap();
    let mut batch: Collection<MyProject> =
        ["a", "b", "taken", "c"].into_iter().map(project).collect();
    let report = batch.save(&cm).await.unwrap();
    assert_eq!(report.outcomes.len(), 4);
    assert_eq!(report.created().count(), 3, "{report:?}");
    assert!(
        matches!(&report.outcomes[2], ItemOutcome::Failed(r) if r.contains("409")),
        "{report:?}"
    );
    for (i, id) in report.created() {
        assert_eq!(batch[i].id, Some(id));
    }
}

#[tokio::test]
async fn wait_until_alive_sees_a_server_come_back() {
    use cytomine_emulator::{Fault, FaultRule};
    use std::time::Duration;
    let (emu, cm) = start().await;
    assert!(
        cm.wait_until_alive(Duration::from_secs(5), Duration::from_millis(10))
            .await
    );
    // Down for the next 3 pings (each retried by the client's policy), then up again.
    emu.faults().inject(
        FaultRule::new(Fault::Status(404))
            .path("/server/ping")
            .times(3),
    );
    assert!(
        cm.wait_until_alive(Duration::from_secs(5), Duration::from_millis(10))
            .await
    );
    assert_eq!(emu.faults().fired(), 3);
    emu.faults().inject(
        FaultRule::new(Fault::Status(404))
            .path("/server/ping")
            .times(1000),
    );
    assert!(
        !cm.wait_until_alive(Duration::from_millis(100), Duration::from_millis(20))
            .await
    );
}
