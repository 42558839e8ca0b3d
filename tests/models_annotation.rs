//! Annotation and AnnotationTerm models against the emulator: CRUD, bulk save, every listing
//! modifier, and the annotation-term links.

mod common;

use common::*;
use cytomine::models::{Annotation, AnnotationTerm, ImageInstance, Project, Term};
use cytomine::prelude::*;
use cytomine::Collection;

/// A project with an ontology of two terms and one 200 x 200 image.
struct Scene {
    env: Env,
    project: i64,
    image: ImageInstance,
    terms: [i64; 2],
    _dir: tempfile::TempDir,
}

async fn scene() -> Scene {
    let env = start().await;
    let cm = &env.cm;
    let dir = tempfile::tempdir().unwrap();
    let (project, image, terms) = project_with_terms_and_image(cm, dir.path(), 200, 200).await;
    Scene {
        project: project.id.unwrap(),
        env,
        image,
        terms,
        _dir: dir,
    }
}

fn square(x: i64, y: i64, side: i64) -> String {
    let (x2, y2) = (x + side, y + side);
    format!("POLYGON (({x} {y}, {x} {y2}, {x2} {y2}, {x2} {y}, {x} {y}))")
}

fn ids(list: &cytomine::Collection<Annotation>) -> Vec<i64> {
    let mut ids: Vec<i64> = list.iter().filter_map(|a| a.id).collect();
    ids.sort();
    ids
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort();
    v
}

#[tokio::test]
async fn annotation_crud_round_trip_and_not_found() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let mut a = Annotation::new(square(10, 10, 20), image).with_terms([s.terms[0]]);
    a.save(cm).await.unwrap();
    let id = a.id.unwrap();
    assert_eq!(
        a.class_name.as_deref(),
        Some("be.cytomine.domain.ontology.UserAnnotation")
    );
    assert_eq!(a.project, Some(s.project));
    assert_eq!(a.term, Some(vec![s.terms[0]]));

    let mut fetched =
        assert_round_trip::<Annotation>(cm, &format!("annotation/{id}.json"), id).await;
    assert_eq!(fetched.area, Some(400.0));
    assert!(fetched.centroid.is_some());
    assert!(fetched.crop_url.is_some());

    fetched.location = Some(square(0, 0, 50));
    fetched.update(cm).await.unwrap();
    let again = Annotation::fetch(cm, id).await.unwrap();
    assert_eq!(again.area, Some(2500.0));

    again.delete(cm).await.unwrap();
    assert_not_found(&Annotation::fetch(cm, id).await.unwrap_err());

    let mut invalid = Annotation::new("NOT WKT", image);
    let err = invalid.save(cm).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
    assert!(invalid.id.is_none());
}

#[tokio::test]
async fn annotations_are_saved_in_bulk() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let new: Vec<Annotation> = (0..20)
        .map(|i| Annotation::new(square(i * 5, i * 5, 4), image).with_terms([s.terms[1]]))
        .collect();
    let mut batch = Collection::from(new);
    let report = batch.save(cm).await.unwrap();
    assert_eq!(report.created().count(), 20);
    assert_eq!(report.failed().count(), 0);
    let listed = Annotation::list().image(image).fetch(cm).await.unwrap();
    assert_eq!(listed.len(), 20);
}

#[tokio::test]
async fn annotation_listing_filters() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let [t0, t1] = s.terms;
    let (bob, bob_cm) = s.env.user(&unique("bob")).await;
    let mut project = Project::fetch(cm, s.project).await.unwrap();
    project.add_user(cm, bob, false).await.unwrap();
    project.refresh(cm).await.unwrap();

    let make = |cm: Cytomine, location: String, terms: Vec<i64>| async move {
        let mut a = Annotation::new(location, image).with_terms(terms);
        a.save(&cm).await.unwrap();
        a.id.unwrap()
    };
    let a_t0 = make(cm.clone(), square(0, 0, 10), vec![t0]).await;
    let a_both = make(cm.clone(), square(100, 100, 10), vec![t0, t1]).await;
    let a_none = make(cm.clone(), square(150, 150, 10), vec![]).await;
    let b_t1 = make(bob_cm.clone(), square(50, 50, 10), vec![t1]).await;
    let all = sorted(vec![a_t0, a_both, a_none, b_t1]);
    let admin = s.env.admin_id();
    let slice = s.image.reference_slice(cm).await.unwrap().id.unwrap();

    let q = || Annotation::list();
    assert_eq!(ids(&q().project(s.project).fetch(cm).await.unwrap()), all);
    assert_eq!(ids(&q().image(image).fetch(cm).await.unwrap()), all);
    assert_eq!(ids(&q().images([image]).fetch(cm).await.unwrap()), all);
    assert_eq!(ids(&q().slice(slice).fetch(cm).await.unwrap()), all);
    assert_eq!(ids(&q().slices([slice]).fetch(cm).await.unwrap()), all);
    let by = |u: i64| q().project(s.project).user(u);
    assert_eq!(ids(&by(bob).fetch(cm).await.unwrap()), vec![b_t1]);
    let users = q().project(s.project).users([admin, bob]);
    assert_eq!(ids(&users.fetch(cm).await.unwrap()), all);
    let term = q().project(s.project).term(t1);
    assert_eq!(
        ids(&term.fetch(cm).await.unwrap()),
        sorted(vec![a_both, b_t1])
    );
    let terms = q().project(s.project).terms([t0, t1]);
    assert_eq!(
        ids(&terms.fetch(cm).await.unwrap()),
        sorted(vec![a_t0, a_both, b_t1])
    );
    let no_term = q().project(s.project).no_term(true);
    assert_eq!(ids(&no_term.fetch(cm).await.unwrap()), vec![a_none]);
    let multiple = q().project(s.project).multiple_term(true);
    assert_eq!(ids(&multiple.fetch(cm).await.unwrap()), vec![a_both]);
    let bbox = q().project(s.project).bbox("95,95,200,200");
    assert_eq!(
        ids(&bbox.fetch(cm).await.unwrap()),
        sorted(vec![a_both, a_none])
    );
    let bbox_wkt = q().project(s.project).bbox(square(40, 40, 30));
    assert_eq!(ids(&bbox_wkt.fetch(cm).await.unwrap()), vec![b_t1]);

    let err = q().fetch(cm).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "a scope is required: {err}");
}

#[tokio::test]
async fn annotation_listing_columns() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let mut a = Annotation::new(square(10, 10, 10), image).with_terms([s.terms[0]]);
    a.save(cm).await.unwrap();
    let first = |list: cytomine::Collection<Annotation>| list.into_vec().remove(0);
    let base = || Annotation::list().project(s.project);

    // No `show*` unless asked (the Python client always sends showBasic and showMeta): the
    // server's default groups, basic + meta + term (cytomine/cytomine 0165ef76,
    // core/src/main/java/be/cytomine/service/utils/ParamsService.java getPropertyGroupToShow,
    // core/src/main/java/be/cytomine/repository/AnnotationListing.java availableColumnsDefault).
    assert_eq!(base().as_query().query_pairs().len(), 1, "project only");
    let plain = first(base().fetch(cm).await.unwrap());
    assert!(plain.term.is_some(), "the default columns include terms");
    assert!(plain.crop_url.is_some(), "and the meta columns");
    assert!(plain.location.is_none());

    let basic = first(
        base()
            .show_basic(true)
            .show_meta(true)
            .fetch(cm)
            .await
            .unwrap(),
    );
    assert_eq!(basic.image, Some(image));
    assert!(basic.term.is_none(), "basic + meta has no term column");

    let wkt = first(base().show_wkt(true).fetch(cm).await.unwrap());
    assert!(wkt
        .location
        .as_deref()
        .is_some_and(|l| l.starts_with("POLYGON")));
    let gis = first(base().show_gis(true).fetch(cm).await.unwrap());
    assert_eq!(gis.area, Some(100.0));
    assert_eq!(gis.centroid.map(|c| (c.x, c.y)), Some((15.0, 15.0)));
    let term = first(base().show_term(true).fetch(cm).await.unwrap());
    assert_eq!(term.term, Some(vec![s.terms[0]]));
    let user = first(base().show_user(true).fetch(cm).await.unwrap());
    assert_eq!(user.creator.as_deref(), Some("admin"));
    let img = first(base().show_image(true).fetch(cm).await.unwrap());
    assert!(
        img.extra.contains_key("originalFilename"),
        "{:?}",
        img.extra
    );
    let slice = first(base().show_slice(true).fetch(cm).await.unwrap());
    assert!(slice.extra.contains_key("zStack"), "{:?}", slice.extra);
    let track = first(base().show_track(true).fetch(cm).await.unwrap());
    assert_eq!(track.track, Some(vec![]));
}

#[tokio::test]
async fn annotation_listing_by_other_annotations() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let mut near = Annotation::new(square(0, 0, 10), image);
    near.save(cm).await.unwrap();
    let mut far = Annotation::new(square(150, 150, 10), image);
    far.save(cm).await.unwrap();
    let mut probe = Annotation::new(square(5, 5, 10), image);
    probe.save(cm).await.unwrap();
    let base = || Annotation::list().project(s.project);
    let overlapping = base()
        .bbox_annotation(probe.id.unwrap())
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(
        ids(&overlapping),
        sorted(vec![near.id.unwrap(), probe.id.unwrap()])
    );
    let close = base()
        .base_annotation(probe.id.unwrap().to_string())
        .max_distance_base_annotation(1.0)
        .fetch(cm)
        .await
        .unwrap();
    assert!(!ids(&close).contains(&far.id.unwrap()));
}

#[tokio::test]
async fn annotation_term_links() {
    let s = scene().await;
    let cm = &s.env.cm;
    let image = s.image.id.unwrap();
    let [t0, t1] = s.terms;
    let mut a = Annotation::new(square(10, 10, 10), image).with_terms([t0]);
    a.save(cm).await.unwrap();
    let aid = a.id.unwrap();

    let mut link = AnnotationTerm::new(aid, t1);
    link.save(cm).await.unwrap();
    assert_eq!(link.user, Some(s.env.admin_id()));
    let fetched = AnnotationTerm::fetch(cm, (aid, t1)).await.unwrap();
    assert_eq!(
        (fetched.userannotation, fetched.term),
        (Some(aid), Some(t1))
    );
    assert_eq!(
        Annotation::fetch(cm, aid).await.unwrap().term.map(sorted),
        Some(sorted(vec![t0, t1]))
    );

    let links = AnnotationTerm::list()
        .annotation(aid)
        .fetch(cm)
        .await
        .unwrap();
    let mut linked: Vec<i64> = links.iter().filter_map(|l| l.term).collect();
    linked.sort();
    assert_eq!(linked, sorted(vec![t0, t1]));
    let by_user = AnnotationTerm::list()
        .annotation(aid)
        .id_user(s.env.admin_id())
        .fetch(cm)
        .await
        .unwrap();
    assert_eq!(by_user.len(), 2);

    let via_terms = Term::list().annotation(aid).fetch(cm).await.unwrap();
    assert_eq!(
        via_terms.len(),
        2,
        "Term's `annotation` filter lists the links"
    );

    let err = AnnotationTerm::new(aid, t1).save(cm).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "a duplicate link: {err}");

    AnnotationTerm::delete_by_id(cm, (aid, t1)).await.unwrap();
    let err = AnnotationTerm::fetch(cm, (aid, t1)).await.unwrap_err();
    assert_not_found(&err);
    assert_eq!(
        Annotation::fetch(cm, aid).await.unwrap().term,
        Some(vec![t0])
    );
}

#[test]
fn annotation_term_refuses_update_and_uses_the_composite_path() {
    let ops = AnnotationTerm::OPERATIONS;
    assert!(ops.fetch && ops.create && ops.delete);
    assert!(!ops.update);
    let path = "annotation/{userannotation}/term/{term}.json";
    assert_eq!(AnnotationTerm::CREATE_PATH, path);
    assert_eq!(AnnotationTerm::ITEM_PATH, path);
    assert_eq!(AnnotationTerm::KEY_NAMES, &["userannotation", "term"]);
    assert_eq!(AnnotationTerm::ENVELOPE_KEY, "annotationterm");
    assert_eq!(Annotation::ENVELOPE_KEY, "annotation");
    let all = Annotation::OPERATIONS;
    assert!(all.fetch && all.create && all.update && all.delete);
}

#[tokio::test]
async fn demo_data_is_typed_end_to_end() {
    let env = start_demo().await;
    let cm = &env.cm;
    let projects = Project::list().fetch(cm).await.unwrap();
    let demo = projects
        .find(|p| p.name.as_deref() == Some("Demo project"))
        .expect("the demo project");
    let pid = demo.id.unwrap();
    let ontology = demo.ontology.expect("the demo project has an ontology");
    let images = ImageInstance::list().project(pid).fetch(cm).await.unwrap();
    assert_eq!(images.len(), 2);
    let terms = Term::list().ontology(ontology).fetch(cm).await.unwrap();
    assert_eq!(terms.len(), 2);
    let annotations = Annotation::list()
        .project(pid)
        .show_meta(true)
        .show_term(true)
        .show_wkt(true)
        .fetch(cm)
        .await
        .unwrap();
    assert!(!annotations.is_empty());
    assert_eq!(annotations.total(), Some(annotations.len() as u64));
    for a in annotations.iter() {
        assert!(a.location.is_some() && a.term.is_some() && a.created.is_some());
        let on_demo_image = images.iter().any(|i| i.id == a.image);
        assert!(on_demo_image, "{a:?}");
    }
}
