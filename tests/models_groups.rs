//! ImageGroup, ImageGroupImageInstance, AnnotationGroup (with merge) and AnnotationLink models
//! against the emulator.

mod common;

use common::*;
use cytomine::models::{
    Annotation, AnnotationGroup, AnnotationLink, ImageGroup, ImageGroupImageInstance, ImageInstance,
};
use cytomine::prelude::*;

#[tokio::test]
async fn image_group_crud_and_memberships() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, _) = project_with_image(cm, dir.path(), 32, 32).await;
    let (pid, image_id) = (project.id.unwrap(), image.id.unwrap());

    let mut group = ImageGroup::new("stains", pid);
    group.save(cm).await.unwrap();
    let gid = group.id.unwrap();
    let mut fetched = ImageGroup::fetch(cm, gid).await.unwrap();
    assert_eq!(fetched.name.as_deref(), Some("stains"));
    fetched.name = Some("stains 2".into());
    fetched.update(cm).await.unwrap();
    let listed = ImageGroup::list().project(pid).fetch(cm).await.unwrap();
    assert_eq!(
        listed.first().and_then(|g| g.name.clone()).as_deref(),
        Some("stains 2")
    );

    let mut member = ImageGroupImageInstance::new(gid, image_id);
    member.save(cm).await.unwrap();
    assert!(member.id.is_some());
    let same = ImageGroupImageInstance::fetch(cm, (gid, image_id))
        .await
        .unwrap();
    assert_eq!(same.image, Some(image_id));
    for list in [
        ImageGroupImageInstance::list()
            .imagegroup(gid)
            .fetch(cm)
            .await
            .unwrap(),
        ImageGroupImageInstance::list()
            .imageinstance(image_id)
            .fetch(cm)
            .await
            .unwrap(),
    ] {
        assert_eq!(
            list.iter().map(|m| (m.group, m.image)).collect::<Vec<_>>(),
            [(Some(gid), Some(image_id))]
        );
    }
    let images = ImageInstance::list()
        .imagegroup(gid)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(
        images.iter().filter_map(|i| i.id).collect::<Vec<_>>(),
        [image_id]
    );

    ImageGroupImageInstance::delete_by_id(cm, (gid, image_id))
        .await
        .unwrap();
    assert!(ImageGroupImageInstance::list()
        .imagegroup(gid)
        .fetch(cm)
        .await
        .unwrap()
        .is_empty());
    fetched.delete(cm).await.unwrap();
    assert_not_found(&ImageGroup::fetch(cm, gid).await.unwrap_err());
}

#[tokio::test]
async fn annotation_groups_links_and_merge() {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, _) = project_with_image(cm, dir.path(), 32, 32).await;
    let (pid, image_id) = (project.id.unwrap(), image.id.unwrap());
    let mut image_group = ImageGroup::new("g", pid);
    image_group.save(cm).await.unwrap();
    let igid = image_group.id.unwrap();
    ImageGroupImageInstance::new(igid, image_id)
        .save(cm)
        .await
        .unwrap();

    let mut first = AnnotationGroup::new(pid, igid);
    first.save(cm).await.unwrap();
    let mut second = AnnotationGroup::new(pid, igid);
    second.save(cm).await.unwrap();
    let (g1, g2) = (first.id.unwrap(), second.id.unwrap());
    let fetched = AnnotationGroup::fetch(cm, g1).await.unwrap();
    assert_eq!(fetched.group_type.as_deref(), Some("SAME_OBJECT"));
    assert_eq!(
        AnnotationGroup::list()
            .project(pid)
            .fetch(cm)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        AnnotationGroup::list()
            .imagegroup(igid)
            .fetch(cm)
            .await
            .unwrap()
            .len(),
        2
    );

    let mut annotations = Vec::new();
    for (i, group) in [g1, g2].into_iter().enumerate() {
        let x = 2 + 10 * i as i64;
        let wkt = format!("POLYGON (({x} 2, {x} 8, {} 8, {} 2, {x} 2))", x + 6, x + 6);
        let mut a = Annotation::new(wkt, image_id);
        a.save(cm).await.unwrap();
        let aid = a.id.unwrap();
        let mut link = AnnotationLink::new(aid, group, image_id);
        link.save(cm).await.unwrap();
        assert!(link.id.is_some());
        annotations.push(aid);
    }
    let linked = AnnotationLink::list()
        .annotation(annotations[0])
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(linked.first().and_then(|l| l.group), Some(g1));

    first.merge(cm, g2).await.unwrap();
    let merged = AnnotationLink::list()
        .annotationgroup(g1)
        .fetch(cm)
        .await
        .unwrap();
    let mut merged_ids: Vec<i64> = merged.iter().filter_map(|l| l.annotation_ident).collect();
    merged_ids.sort();
    assert_eq!(merged_ids, annotations);
    assert_not_found(&AnnotationGroup::fetch(cm, g2).await.unwrap_err());

    AnnotationLink::delete_by_id(cm, (g1, annotations[0]))
        .await
        .unwrap();
    let left = AnnotationLink::list()
        .annotationgroup(g1)
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    let mut renamed = fetched;
    renamed.group_type = Some("SAME_OBJECT".into());
    renamed.update(cm).await.unwrap();
    renamed.delete(cm).await.unwrap();
    assert_not_found(&AnnotationGroup::fetch(cm, g1).await.unwrap_err());
}
