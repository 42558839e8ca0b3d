//! The client against the emulator's 2026 repository profile (docs/protocol.md §2.7): CRUD of every
//! migrated model, ISO timestamps, lists longer than the server's 20-item pages, classic domains
//! in the same session, and the user guide's flow.

mod common;
#[path = "../examples/guide/mod.rs"]
mod guide;

use cytomine::models::{
    Ontology, Project, RelationTerm, Role, Storage, Tag, TagDomainAssociation, Term, UploadedFile,
    User, UserRole,
};
use cytomine::prelude::*;
use cytomine::Timestamp;
use cytomine_emulator::{Emulator, Profile};
use futures::TryStreamExt;

async fn start(demo: bool) -> (Emulator, Cytomine) {
    let builder = Emulator::builder().profile(Profile::Repository).demo(demo);
    let env = common::start_custom(builder, |client| client).await;
    (env.emu, env.cm)
}

/// A 404 whose message is the ProblemDetail's `detail`.
fn assert_unable(err: &cytomine::Error, noun: &str, id: i64) {
    assert!(err.is_not_found(), "{err}");
    match err {
        cytomine::Error::Status { message, .. } => assert_eq!(
            message.as_deref(),
            Some(format!("Unable to find {noun} with id: {id}").as_str())
        ),
        other => panic!("not a status error: {other}"),
    }
}

/// `created` is an ISO time the client reads, within a minute of now.
fn assert_recent(created: &Option<Timestamp>) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let ms = created.as_ref().and_then(Timestamp::epoch_millis);
    assert!(ms.is_some_and(|t| (now - t).abs() < 60_000), "{created:?}");
    assert!(
        matches!(created, Some(Timestamp::Text(t)) if t.len() == 19 && t.as_bytes()[10] == b'T'),
        "{created:?}"
    );
}

#[tokio::test]
async fn ontology_and_term_crud() {
    let (_emu, cm) = start(false).await;
    let mut ontology = Ontology::new("repo ontology");
    ontology.save(&cm).await.unwrap();
    let oid = ontology.id.expect("save fills the id from `data`");
    let fetched = Ontology::fetch(&cm, oid).await.unwrap();
    assert_eq!(fetched.class_name, None);
    assert_eq!(fetched.extra["dataType"], "ONTOLOGY");
    assert_recent(&fetched.created);
    ontology.name = Some("renamed ontology".into());
    ontology.update(&cm).await.unwrap();
    assert_eq!(
        Ontology::fetch(&cm, oid).await.unwrap().name.as_deref(),
        Some("renamed ontology")
    );

    let mut term = Term::new("tumour", oid, "#FF0000");
    term.save(&cm).await.unwrap();
    let tid = term.id.unwrap();
    term.color = Some("#00FF00".into());
    term.update(&cm).await.unwrap();
    let fetched = Term::fetch(&cm, tid).await.unwrap();
    assert_eq!(fetched.color.as_deref(), Some("#00FF00"));
    assert_eq!(
        fetched.ontology,
        Some(oid),
        "the repository's `ontologyId` lands in `ontology`"
    );
    assert_recent(&fetched.updated);

    term.delete(&cm).await.unwrap();
    assert_unable(&Term::fetch(&cm, tid).await.unwrap_err(), "term", tid);
    Ontology::delete_by_id(&cm, oid).await.unwrap();
    assert_unable(
        &Ontology::fetch(&cm, oid).await.unwrap_err(),
        "ontology",
        oid,
    );
}

#[tokio::test]
async fn relation_terms_are_saved_and_deleted_by_their_pair() {
    let (_emu, cm) = start(false).await;
    let mut ontology = Ontology::new("relations");
    ontology.save(&cm).await.unwrap();
    let oid = ontology.id.unwrap();
    let mut parent = Term::new("parent", oid, "#111111");
    parent.save(&cm).await.unwrap();
    let mut child = Term::new("child", oid, "#222222");
    child.save(&cm).await.unwrap();
    let (p, c) = (parent.id.unwrap(), child.id.unwrap());
    let mut link = RelationTerm::new(p, c);
    link.save(&cm).await.unwrap();
    assert!(link.id.is_some());
    let of_parent = Term::fetch(&cm, p).await.unwrap();
    assert_eq!(of_parent.extra["children"][0]["id"], c);
    // The repository's `ontologyId`, `term1Id`... land in the model's own fields.
    assert_eq!(of_parent.ontology, Some(oid), "{of_parent:?}");
    assert_eq!((link.term1, link.term2), (Some(p), Some(c)), "{link:?}");
    // The repository has no GET by term pair (docs/protocol.md §3.4): the server answers 405.
    let err = RelationTerm::fetch(&cm, (p, c)).await.unwrap_err();
    assert_eq!(err.status(), Some(405), "{err}");
    RelationTerm::delete_by_id(&cm, (p, c)).await.unwrap();
    assert!(Term::fetch(&cm, p).await.unwrap().extra["children"]
        .as_array()
        .is_some_and(Vec::is_empty));
}

#[tokio::test]
async fn storage_and_uploaded_file_crud() {
    let (emu, cm) = start(false).await;
    let admin = emu.admin().id;
    let mut storage = Storage::new("repo storage", admin);
    storage.save(&cm).await.unwrap();
    let sid = storage.id.unwrap();
    storage.name = Some("renamed storage".into());
    storage.update(&cm).await.unwrap();
    let fetched = Storage::fetch(&cm, sid).await.unwrap();
    assert_eq!(
        (fetched.name.as_deref(), fetched.user_id),
        (Some("renamed storage"), Some(admin))
    );
    assert_recent(&fetched.created);

    let mut file = UploadedFile::new("slide.tif", "slide.tif", sid, admin);
    file.save(&cm).await.unwrap();
    let fid = file.id.unwrap();
    file.status = Some(100);
    file.update(&cm).await.unwrap();
    let fetched = UploadedFile::fetch(&cm, fid).await.unwrap();
    assert_eq!((fetched.status, fetched.storage), (Some(100), Some(sid)));
    assert_eq!(fetched.thumbnail_url, None);
    file.delete(&cm).await.unwrap();
    assert_unable(
        &UploadedFile::fetch(&cm, fid).await.unwrap_err(),
        "uploaded file",
        fid,
    );
    storage.delete(&cm).await.unwrap();
    assert_unable(&Storage::fetch(&cm, sid).await.unwrap_err(), "storage", sid);
}

#[tokio::test]
async fn tag_and_association_crud_beside_a_classic_project() {
    let (_emu, cm) = start(false).await;
    let mut project = Project::new("classic in a repository session");
    project.save(&cm).await.unwrap();
    let fetched_project = Project::fetch(&cm, project.id.unwrap()).await.unwrap();
    assert_eq!(
        fetched_project.class_name.as_deref(),
        Some("be.cytomine.domain.project.Project")
    );
    let mut tag = Tag::new("urgent");
    tag.save(&cm).await.unwrap();
    let tag_id = tag.id.unwrap();
    tag.name = Some("very urgent".into());
    tag.update(&cm).await.unwrap();
    let fetched = Tag::fetch(&cm, tag_id).await.unwrap();
    assert_eq!(fetched.name.as_deref(), Some("very urgent"));
    assert_eq!(fetched.creator_name.as_deref(), Some("admin"));

    let mut link = TagDomainAssociation::of(&fetched_project, tag_id).unwrap();
    link.save(&cm).await.unwrap();
    let link_id = link.id.unwrap();
    let fetched = TagDomainAssociation::fetch(&cm, link_id).await.unwrap();
    assert_eq!(fetched.tag, Some(tag_id), "`tagId` lands in `tag`");
    assert_recent(&fetched.created);
    link.delete(&cm).await.unwrap();
    let err = TagDomainAssociation::fetch(&cm, link_id).await.unwrap_err();
    assert_unable(&err, "tag domain association", link_id);
    tag.delete(&cm).await.unwrap();
    assert_unable(&Tag::fetch(&cm, tag_id).await.unwrap_err(), "tag", tag_id);
    project.delete(&cm).await.unwrap();
    assert!(Project::fetch(&cm, project.id.unwrap())
        .await
        .unwrap_err()
        .is_not_found());
}

#[tokio::test]
async fn user_role_and_user_role_crud() {
    let (_emu, cm) = start(false).await;
    cm.open_admin_session().await.unwrap();
    let mut user = User::new("carol", "Carol", "Smith", "carol@example.org", "secret");
    user.save(&cm).await.unwrap();
    let uid = user.id.unwrap();
    user.lastname = Some("Jones".into());
    user.update(&cm).await.unwrap();
    let fetched = User::fetch(&cm, uid).await.unwrap();
    assert_eq!(fetched.lastname.as_deref(), Some("Jones"));
    assert_eq!(fetched.extra["dataType"], "USER");
    assert_recent(&fetched.created);

    let roles = Role::list().fetch(&cm).await.unwrap();
    assert_eq!(roles.len(), 4);
    let admin_role = roles
        .iter()
        .find(|r| r.authority.as_deref() == Some("ROLE_ADMIN"))
        .and_then(|r| r.id)
        .unwrap();
    assert_eq!(
        Role::fetch(&cm, admin_role)
            .await
            .unwrap()
            .authority
            .as_deref(),
        Some("ROLE_ADMIN")
    );
    let mut grant = UserRole::new(uid, admin_role);
    grant.save(&cm).await.unwrap();
    let grant_id = grant.id.unwrap();
    let fetched = UserRole::fetch(&cm, (uid, admin_role)).await.unwrap();
    assert_eq!(
        (fetched.id, fetched.role),
        (Some(grant_id), Some(admin_role))
    );
    assert_eq!(
        UserRole::list().user(uid).fetch(&cm).await.unwrap().len(),
        2
    );
    UserRole::delete_by_id(&cm, (uid, admin_role))
        .await
        .unwrap();
    let err = UserRole::fetch(&cm, (uid, admin_role)).await.unwrap_err();
    assert_unable(&err, "user role", admin_role);

    user.delete(&cm).await.unwrap();
    assert_unable(&User::fetch(&cm, uid).await.unwrap_err(), "user", uid);
    assert_eq!(
        cm.current_user().username,
        "admin",
        "user/current.json stays classic"
    );
}

#[tokio::test]
async fn lists_longer_than_a_server_page_are_read_in_full() {
    let (_emu, cm) = start(false).await;
    let mut ontology = Ontology::new("many terms");
    ontology.save(&cm).await.unwrap();
    let oid = ontology.id.unwrap();
    for i in 0..45 {
        Tag::new(format!("tag {i:02}")).save(&cm).await.unwrap();
        Term::new(format!("term {i:02}"), oid, "#123456")
            .save(&cm)
            .await
            .unwrap();
    }
    let tags = Tag::list().fetch(&cm).await.unwrap();
    assert_eq!((tags.len(), tags.total()), (45, Some(45)));
    let streamed: Vec<Tag> = Tag::list().stream(&cm).try_collect().await.unwrap();
    assert_eq!(streamed.len(), 45);
    let mut ids: Vec<i64> = streamed.iter().filter_map(|t| t.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 45, "every page once, none twice");
    let paged: Vec<Term> = Term::list()
        .ontology(oid)
        .page_size(7)
        .stream(&cm)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(paged.len(), 45);
    let terms = Term::list().ontology(oid).fetch(&cm).await.unwrap();
    assert_eq!(terms.len(), 45);
}

#[tokio::test]
async fn the_user_guide_runs_against_the_repository_profile() {
    let (_emu, cm) = start(true).await;
    let fetched = guide::fetch_project_and_image(&cm)
        .await
        .unwrap()
        .expect("demo project");
    assert_eq!(fetched.project.name.as_deref(), Some("Demo project"));
    let image = fetched.image.clone().expect("demo image");

    let life = guide::add_update_delete(&cm, "repository lifecycle")
        .await
        .unwrap();
    assert_eq!(
        life.renamed_to.as_deref(),
        Some("repository lifecycle (renamed)")
    );
    assert!(life.ontology_after_update_with.is_some());
    assert!(life.fetch_after_delete.is_not_found());
    assert!(
        life.ontology_fetch_after_delete_by_id.is_not_found(),
        "{}",
        life.ontology_fetch_after_delete_by_id
    );

    let dir = tempfile::tempdir().unwrap();
    let files = guide::download_and_thumbnail(&cm, &image, dir.path(), 128)
        .await
        .unwrap();
    assert!(files.original_bytes > 0 && files.thumbnail.exists());

    let lists = guide::listings(&cm, &fetched.project).await.unwrap();
    assert_eq!(lists.projects.len(), 1);
    assert!(
        lists.search_term.is_some(),
        "project terms list in the repository format"
    );
    assert!(!lists.found.is_empty());

    let image_id = image.id.unwrap();
    let (batch, report) = guide::bulk_add(&cm, image_id, 30).await.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert!(batch.iter().all(|a| a.id.is_some()));
}
