//! Property, Description, AttachedFile, Tag and TagDomainAssociation models against the
//! emulator: CRUD on domain-scoped paths, lookups by key, uploads and downloads.

mod common;

use common::*;
use cytomine::models::{
    AttachedFile, AttachedFileOptions, Description, DomainObject, Project, Property, PropertyMap,
    Tag, TagDomainAssociation,
};
use cytomine::prelude::*;

async fn project(cm: &Cytomine) -> Project {
    let mut project = Project::new(unique("owner"));
    project.save(cm).await.unwrap();
    project
}

#[tokio::test]
async fn property_crud_by_key_and_lists() {
    let env = start().await;
    let cm = &env.cm;
    let project = project(cm).await;
    let class = project.domain_class_name().unwrap().to_string();
    let pid = project.id.unwrap();

    let mut stain = Property::of(&project, "stain", "H&E").unwrap();
    stain.save(cm).await.unwrap();
    let id = stain.id.expect("created property has an id");
    assert_eq!(stain.domain_ident, Some(pid));

    let path = format!("domain/{class}/{pid}/property/{id}.json");
    let mut fetched = assert_round_trip::<Property>(cm, &path, (class.clone(), pid, id)).await;
    assert_eq!(fetched.value.as_deref(), Some("H&E"));
    let by_key = Property::fetch_by_key(cm, &class, pid, "stain")
        .await
        .unwrap();
    assert_eq!(by_key.id, Some(id));

    fetched.value = Some("PAS".into());
    fetched.update(cm).await.unwrap();
    let mut other = Property::of(&project, "scanner", "X1").unwrap();
    other.save(cm).await.unwrap();

    let listed = Property::list_of(&project)
        .unwrap()
        .fetch(cm)
        .await
        .unwrap();
    let map = listed.as_map();
    assert_eq!(map.len(), 2);
    assert_eq!(map["stain"].value.as_deref(), Some("PAS"));
    assert_eq!(map["scanner"].value.as_deref(), Some("X1"));
    let shortcut = Property::list().project(pid).fetch(cm).await.unwrap();
    assert_eq!(shortcut.len(), 2);

    fetched.delete(cm).await.unwrap();
    assert_not_found(
        &Property::fetch(cm, (class.clone(), pid, id))
            .await
            .unwrap_err(),
    );
    assert_not_found(
        &Property::fetch_by_key(cm, &class, pid, "stain")
            .await
            .unwrap_err(),
    );
    let err = Property::fetch_by_key(cm, "", pid, "stain")
        .await
        .unwrap_err();
    assert!(
        matches!(err, cytomine::Error::Usage(_)),
        "nothing sent: {err}"
    );
}

#[tokio::test]
async fn property_of_an_unsaved_owner_is_refused_locally() {
    let unsaved = Project::new("never saved");
    let err = Property::of(&unsaved, "k", "v").unwrap_err();
    assert!(matches!(err, cytomine::Error::Usage(_)), "{err}");
    assert!(Property::list_of(&unsaved).is_err());
    assert!(Description::of(&unsaved, "x").is_err());
    assert!(TagDomainAssociation::of(&unsaved, 1).is_err());
}

#[tokio::test]
async fn description_crud_and_one_per_object() {
    let env = start().await;
    let cm = &env.cm;
    let project = project(cm).await;
    let key = (project.class_name.clone().unwrap(), project.id.unwrap());

    let mut description = Description::of(&project, "<p>cohort A</p>").unwrap();
    description.save(cm).await.unwrap();
    assert!(description.id.is_some());
    let mut fetched = Description::fetch(cm, key.clone()).await.unwrap();
    assert_eq!(fetched.data.as_deref(), Some("<p>cohort A</p>"));

    let mut second = Description::of(&project, "again").unwrap();
    let err = second.save(cm).await.unwrap_err();
    assert_eq!(err.status(), Some(409), "{err}");

    fetched.data = Some("<p>cohort B</p>".into());
    fetched.update(cm).await.unwrap();
    let again = Description::fetch(cm, key.clone()).await.unwrap();
    assert_eq!(again.data.as_deref(), Some("<p>cohort B</p>"));

    again.delete(cm).await.unwrap();
    assert_not_found(&Description::fetch(cm, key).await.unwrap_err());
}

#[tokio::test]
async fn attached_file_upload_fetch_download_list_delete() {
    let env = start().await;
    let cm = &env.cm;
    let project = project(cm).await;
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("attached_file.txt");
    std::fs::write(&local, b"attached file").unwrap();

    let mut file = AttachedFile::of(&project, &AttachedFileOptions::default()).unwrap();
    file.upload(cm, &local).await.unwrap();
    let id = file.id.expect("uploaded file has an id");
    assert_eq!(file.filename.as_deref(), Some("attached_file.txt"));
    assert_eq!(file.domain_ident, project.id);

    let options = AttachedFileOptions {
        filename: Some("renamed.txt".into()),
        key: Some("protocol".into()),
    };
    let mut named = AttachedFile::of(&project, &options).unwrap();
    named.upload(cm, &local).await.unwrap();
    assert_eq!(named.filename.as_deref(), Some("renamed.txt"));
    assert_eq!(named.key.as_deref(), Some("protocol"));

    let fetched = AttachedFile::fetch(cm, id).await.unwrap();
    assert_eq!(fetched.filename.as_deref(), Some("attached_file.txt"));
    let copy = dir.path().join("copy.txt");
    assert_eq!(fetched.download(cm, &copy).await.unwrap(), 13);
    assert_eq!(std::fs::read(&copy).unwrap(), b"attached file");

    let listed = AttachedFile::list_of(&project)
        .unwrap()
        .fetch(cm)
        .await
        .unwrap();
    let mut ids: Vec<i64> = listed.iter().filter_map(|f| f.id).collect();
    ids.sort();
    assert_eq!(ids, [id, named.id.unwrap()]);

    fetched.delete(cm).await.unwrap();
    assert_not_found(&AttachedFile::fetch(cm, id).await.unwrap_err());
    let missing = AttachedFile::of(&project, &options)
        .unwrap()
        .upload(cm, dir.path().join("nope"))
        .await;
    assert!(matches!(missing, Err(cytomine::Error::Io { .. })));
}

#[tokio::test]
async fn tag_crud_and_empty_tag_refused() {
    let env = start().await;
    let cm = &env.cm;
    let mut tag = Tag::new(unique("tag"));
    tag.save(cm).await.unwrap();
    let id = tag.id.unwrap();
    let mut fetched = assert_round_trip::<Tag>(cm, &format!("tag/{id}.json"), id).await;
    assert_eq!(fetched.name, tag.name);
    let renamed = unique("tag-renamed");
    fetched.name = Some(renamed.clone());
    fetched.update(cm).await.unwrap();
    let listed = Tag::list().fetch(cm).await.unwrap();
    let item = listed.find(|t| t.id == Some(id)).expect("listed");
    assert_eq!(item.name.as_deref(), Some(renamed.as_str()));

    fetched.delete(cm).await.unwrap();
    assert_not_found(&Tag::fetch(cm, id).await.unwrap_err());
    let err = Tag::default().save(cm).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
}

#[tokio::test]
async fn tag_domain_association_create_fetch_list_delete() {
    let env = start().await;
    let cm = &env.cm;
    let project = project(cm).await;
    let mut tag = Tag::new(unique("tag"));
    tag.save(cm).await.unwrap();

    let mut link = TagDomainAssociation::of(&project, tag.id.unwrap()).unwrap();
    link.save(cm).await.unwrap();
    let id = link.id.expect("association created");
    assert_eq!(link.tag, tag.id);
    assert_eq!(link.domain_ident, project.id);

    let fetched = TagDomainAssociation::fetch(cm, id).await.unwrap();
    assert_eq!(fetched.tag_name, tag.name);
    let listed = TagDomainAssociation::list_of(&project)
        .unwrap()
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(listed.iter().filter_map(|l| l.id).collect::<Vec<_>>(), [id]);

    TagDomainAssociation::delete_by_id(cm, id).await.unwrap();
    assert_not_found(&TagDomainAssociation::fetch(cm, id).await.unwrap_err());
}

#[tokio::test]
async fn properties_of_images_and_annotations_through_the_shortcuts() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, _) = project_with_image(cm, dir.path(), 32, 32).await;
    let image_id = image.id.unwrap();
    let mut annotation = cytomine::models::Annotation::new("POINT (5 5)", image_id);
    annotation.save(cm).await.unwrap();
    let annotation_id = annotation.id.unwrap();

    let mut on_image = Property::of(&image, "scanner", "X1").unwrap();
    on_image.save(cm).await.unwrap();
    let mut on_annotation = Property::of(&annotation, "grade", "2").unwrap();
    on_annotation.save(cm).await.unwrap();
    assert_eq!(
        on_annotation.domain_class_name.as_deref(),
        Some("be.cytomine.domain.ontology.UserAnnotation")
    );

    let of_image = Property::list()
        .imageinstance(image_id)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(of_image.as_map()["scanner"].id, on_image.id);
    let of_annotation = Property::list()
        .annotation(annotation_id)
        .fetch(cm)
        .await
        .unwrap();
    let keys: Vec<&str> = of_annotation.as_map().into_keys().collect();
    assert_eq!(keys, ["grade"]);
    let class = annotation.domain_class_name().unwrap_or_default();
    let by_key = Property::fetch_by_key(cm, class, annotation_id, "grade")
        .await
        .unwrap();
    assert_eq!(by_key.value.as_deref(), Some("2"));
}
