//! Feature `geo` against the emulator: WKT locations as `geo_types` geometries, GeoJSON export
//! and import of annotation collections with their terms and properties, and errors that name
//! the item at fault.
#![cfg(feature = "geo")]

use cytomine::models::geo::geo_types::{polygon, Geometry};
use cytomine::models::geo::{annotations_from_geojson, to_feature_collection};
use cytomine::models::{Annotation, ImageInstance, Project};
use cytomine::prelude::*;
use cytomine::Collection;
use cytomine_emulator::Emulator;
use serde_json::Value;

struct Demo {
    _emulator: Emulator,
    cm: Cytomine,
    images: Vec<i64>,
}

async fn demo() -> Demo {
    let emulator = Emulator::builder().demo(true).start().await.unwrap();
    let admin = emulator.admin();
    let cm = Cytomine::connect(&emulator.base_url(), admin.public_key, admin.private_key)
        .await
        .unwrap();
    let projects = Project::list().fetch(&cm).await.unwrap();
    let project = projects
        .find(|p| p.name.as_deref() == Some("Demo project"))
        .and_then(|p| p.id)
        .unwrap();
    let images = ImageInstance::list()
        .project(project)
        .fetch(&cm)
        .await
        .unwrap();
    let images = images.iter().filter_map(|i| i.id).collect();
    Demo {
        _emulator: emulator,
        cm,
        images,
    }
}

async fn annotations_on(cm: &Cytomine, image: i64) -> Vec<Annotation> {
    Annotation::list()
        .image(image)
        .show_wkt(true)
        .show_term(true)
        .fetch(cm)
        .await
        .unwrap()
        .into_vec()
}

/// The sorted `(x, y)` coordinates of a geometry's polygon, for comparing geometries whose WKT
/// the server may have written differently.
fn exterior(geometry: &Geometry<f64>) -> Vec<(i64, i64)> {
    let Geometry::Polygon(p) = geometry else {
        panic!("not a polygon: {geometry:?}")
    };
    let mut points: Vec<(i64, i64)> = p
        .exterior()
        .coords()
        .map(|c| ((c.x * 100.0).round() as i64, (c.y * 100.0).round() as i64))
        .collect();
    points.sort();
    points
}

#[tokio::test]
async fn server_locations_parse_and_geometries_are_accepted() {
    let d = demo().await;
    let listed = annotations_on(&d.cm, d.images[0]).await;
    assert_eq!(listed.len(), 6);
    for a in &listed {
        assert!(
            matches!(a.geometry().unwrap(), Geometry::Polygon(_)),
            "{a:?}"
        );
    }
    let square: Geometry<f64> =
        polygon![(x: 10.0, y: 10.0), (x: 10.0, y: 60.0), (x: 60.0, y: 60.0), (x: 60.0, y: 10.0)]
            .into();
    let mut created = Annotation::from_geometry(&square, d.images[0]);
    created.save(&d.cm).await.unwrap();
    let fetched = Annotation::fetch(&d.cm, created.id.unwrap()).await.unwrap();
    assert_eq!(exterior(&fetched.geometry().unwrap()), exterior(&square));
}

#[tokio::test]
async fn a_geojson_round_trip_keeps_geometries_terms_and_properties() {
    let d = demo().await;
    let (source, target) = (d.images[0], d.images[1]);
    let mut exported = annotations_on(&d.cm, source).await;
    let mut stain = serde_json::Map::new();
    stain.insert("stain".into(), Value::String("HE".into()));
    exported[0].properties = Some(stain);
    let text = to_feature_collection(&exported).unwrap().to_string();

    let mut imported = annotations_from_geojson(&text).unwrap();
    assert_eq!(imported.len(), exported.len());
    for a in &mut imported {
        a.image = Some(target);
        a.slice = None;
    }
    let mut batch = Collection::from(imported);
    let report = batch.save(&d.cm).await.unwrap();
    assert!(report.is_complete(), "{report:?}");

    let on_target = annotations_on(&d.cm, target).await;
    for (original, new) in exported.iter().zip(batch.iter()) {
        let stored = on_target.iter().find(|a| a.id == new.id).unwrap();
        assert_eq!(stored.term, original.term);
        assert_eq!(
            exterior(&stored.geometry().unwrap()),
            exterior(&original.geometry().unwrap())
        );
    }
    let first = batch[0].id.unwrap();
    let properties: Value =
        d.cm.get_json(&format!("annotation/{first}/property.json"), &[])
            .await
            .unwrap();
    let pairs = properties["collection"].as_array().unwrap();
    assert!(
        pairs
            .iter()
            .any(|p| p["key"] == "stain" && p["value"] == "HE"),
        "{properties}"
    );
}

#[tokio::test]
async fn invalid_wkt_and_geojson_name_the_item() {
    let d = demo().await;
    let mut listed = annotations_on(&d.cm, d.images[0]).await;
    let id = listed[2].id.unwrap();
    listed[2].location = Some("POLYGON ((1 2, 3".into());
    let err = to_feature_collection(&listed).unwrap_err();
    assert_eq!(err.item, format!("annotation {id}"));
    assert!(err.to_string().contains("invalid WKT"), "{err}");

    let cases = [
        ("[1, 2", "GeoJSON", "not valid JSON"),
        (
            r#"{"type": "Point", "coordinates": [1, 2]}"#,
            "GeoJSON",
            "`Point` is not supported",
        ),
        (
            r#"{"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {}},
                {"type": "Feature", "id": 7, "geometry": {"type": "LineString", "coordinates": 3}, "properties": {}}]}"#,
            "features[1] (id 7)",
            "not a GeoJSON feature",
        ),
        (
            r#"{"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"image": "seven"}}]}"#,
            "features[0]",
            "property `image`",
        ),
    ];
    for (text, item, reason) in cases {
        let err = annotations_from_geojson(text).unwrap_err();
        assert_eq!(err.item, item, "{err}");
        assert!(err.reason.contains(reason), "{err}");
    }
}
