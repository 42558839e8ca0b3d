//! Annotation geometries the server refuses, clips or simplifies, through the client: single
//! saves and a bulk `Collection::save` whose refused items are reported with the server's reason.
//! Server behaviour from `core/src/main/java/be/cytomine/service/ontology/UserAnnotationService.java`
//! (add, update) and `core/src/main/java/be/cytomine/service/ModelService.java` (addMultiple) in
//! cytomine/cytomine at 0165ef76; see docs/protocol.md §2.5 and §3.11.

mod common;

use common::*;
use cytomine::models::Annotation;
use cytomine::prelude::*;
use cytomine::{Collection, ItemOutcome};

const VALID: &str = "POLYGON((10 10, 30 10, 30 30, 10 30, 10 10))";
const BOWTIE: &str = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))";
const OVERFLOWING: &str = "POLYGON((90 70, 120 70, 120 100, 90 100, 90 70))";
const OUTSIDE: &str = "POLYGON((200 10, 300 10, 300 20, 200 20, 200 10))";
const TINY: &str = "POLYGON((10 10, 10.5 10, 10.5 20, 10 20, 10 10))";

/// An emulator with one project holding a 100 × 80 image; the image id.
async fn scene() -> (Env, i64, tempfile::TempDir) {
    let env = start().await;
    let dir = tempfile::tempdir().unwrap();
    let (_, image, _) = project_with_image(&env.cm, dir.path(), 100, 80).await;
    (env, image.id.unwrap(), dir)
}

/// A circle of `n` vertices plus the closing point, radius 30, inside the 100 × 80 image.
fn circle(n: usize) -> String {
    let mut points: Vec<String> = (0..n)
        .map(|i| {
            let a = 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            let round = |v: f64| (v * 100.0).round() / 100.0;
            format!(
                "{} {}",
                round(50.0 + 30.0 * a.cos()),
                round(40.0 + 30.0 * a.sin())
            )
        })
        .collect();
    points.push(points[0].clone());
    format!("POLYGON(({}))", points.join(","))
}

fn points_in(location: &str) -> usize {
    location.matches(',').count() + 1
}

#[tokio::test]
async fn single_saves_follow_the_server() {
    let (env, image, _dir) = scene().await;
    let cm = &env.cm;
    for (location, message) in [
        (BOWTIE, "Annotation location is not valid"),
        (OUTSIDE, "Cannot extract boundaries for POLYGON EMPTY"),
        (TINY, "Annotation dimension not valid"),
    ] {
        let mut a = Annotation::new(location, image);
        let err = a.save(cm).await.unwrap_err();
        refusal(&err, 400, message);
        assert!(a.id.is_none());
    }
    let err = Annotation::new(VALID, 999_999).save(cm).await.unwrap_err();
    refusal(&err, 404, "ImageInstance with id 999999");

    let mut clipped = Annotation::new(OVERFLOWING, image);
    clipped.save(cm).await.unwrap();
    assert_eq!(
        clipped.location.as_deref(),
        Some("POLYGON ((90 80, 100 80, 100 70, 90 70, 90 80))")
    );
    let mut kept = Annotation::new(circle(150), image);
    kept.save(cm).await.unwrap();
    assert_eq!(points_in(kept.location.as_deref().unwrap()), 151);
    let mut simplified = Annotation::new(circle(300), image);
    simplified.save(cm).await.unwrap();
    let location = simplified.location.clone().unwrap();
    assert!(location.starts_with("POLYGON (("), "{location}");
    assert!(points_in(&location) < 301, "{location}");

    // An update clips too, and drops collinear vertices (tolerance 0).
    clipped.location = Some("POLYGON((10 10, 15 10, 20 10, 20 20, 10 20, 10 10))".into());
    clipped.update(cm).await.unwrap();
    let again = Annotation::fetch(cm, clipped.id.unwrap()).await.unwrap();
    assert_eq!(
        again.location.as_deref(),
        Some("POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))")
    );
}

#[tokio::test]
async fn a_bulk_save_reports_each_refused_item_with_the_server_reason() {
    let (env, image, _dir) = scene().await;
    let cm = &env.cm;
    let locations = [VALID, BOWTIE, OVERFLOWING, OUTSIDE, TINY, VALID];
    let mut batch: Collection<Annotation> = locations
        .iter()
        .map(|l| Annotation::new(*l, image))
        .collect::<Vec<_>>()
        .into();
    let report = batch.save(cm).await.unwrap();
    let outcomes: Vec<&ItemOutcome> = report.outcomes.iter().collect();
    assert!(
        matches!(outcomes[0], ItemOutcome::Created(_)),
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes[1],
        &ItemOutcome::Failed("Annotation location is not valid".into())
    );
    assert!(
        matches!(outcomes[2], ItemOutcome::Created(_)),
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes[3],
        &ItemOutcome::Failed("Cannot extract boundaries for POLYGON EMPTY".into())
    );
    assert_eq!(
        outcomes[4],
        &ItemOutcome::Failed("Annotation dimension not valid".into())
    );
    assert!(
        matches!(outcomes[5], ItemOutcome::Created(_)),
        "{outcomes:?}"
    );
    // Every created item carries its id, and the server holds exactly those.
    let created: Vec<i64> = report.created().map(|(_, id)| id).collect();
    for (i, id) in report.created() {
        assert_eq!(batch[i].id, Some(id));
    }
    for (i, _) in report.failed() {
        assert_eq!(batch[i].id, None);
    }
    let mut listed: Vec<i64> = Annotation::list()
        .image(image)
        .fetch(cm)
        .await
        .unwrap()
        .iter()
        .filter_map(|a| a.id)
        .collect();
    listed.sort();
    assert_eq!(listed, created);

    // All refused: every item failed, none lost.
    let mut refused: Collection<Annotation> = vec![
        Annotation::new(BOWTIE, image),
        Annotation::new(OUTSIDE, image),
    ]
    .into();
    let report = refused.save(cm).await.unwrap();
    let reasons: Vec<(usize, &str)> = report.failed().collect();
    assert_eq!(
        reasons,
        vec![
            (0, "Annotation location is not valid"),
            (1, "Cannot extract boundaries for POLYGON EMPTY")
        ]
    );
}
