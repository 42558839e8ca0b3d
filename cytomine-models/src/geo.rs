//! Geometries (feature `geo`): an annotation's WKT `location` as a [`geo_types::Geometry`], and
//! collections of annotations as GeoJSON, with their terms and properties.
//!
//! A GeoJSON feature stands for one annotation: its `geometry` is the annotation's location, its
//! `id` the annotation's id, and its `properties` carry the keys listed in [`EXPORTED_KEYS`]
//! (`term` is the array of term ids; `properties` is the object of the annotation's key/value
//! properties). Coordinates are image pixels, as Cytomine stores them.
//!
//! ```
//! use cytomine_models::Annotation;
//! use cytomine_models::geo::{annotations_from_geojson, to_feature_collection};
//!
//! let a = Annotation::new("POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))", 7).with_terms([99]);
//! let text = to_feature_collection([&a]).unwrap().to_string();
//! let back = annotations_from_geojson(&text).unwrap();
//! assert_eq!(back[0].image, Some(7));
//! assert_eq!(back[0].term, Some(vec![99]));
//! assert_eq!(back[0].geometry().unwrap(), a.geometry().unwrap());
//! ```
//!
//! Invalid input is an error that names the item:
//! ```
//! let err = cytomine_models::geo::annotations_from_geojson(
//!     r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {}}]}"#,
//! ).unwrap_err();
//! assert_eq!(err.item, "features[0]");
//! ```

use std::fmt;

use geo_types::Geometry;
use geojson::{Feature, FeatureCollection, JsonObject};
use serde_json::{Map, Value};
use wkt::{ToWkt, TryFromWkt};

use crate::Annotation;

pub use geo_types;
pub use geojson;

/// The annotation attributes written into a feature's `properties` on export.
pub const EXPORTED_KEYS: &[&str] = &[
    "image",
    "slice",
    "project",
    "user",
    "term",
    "track",
    "properties",
];

/// The feature `properties` read back on import: the author and the project are left to the
/// server (the caller and the image's project).
pub const IMPORTED_KEYS: &[&str] = &["image", "slice", "term", "track", "properties"];

/// A geometry or GeoJSON that cannot be converted, naming the item at fault: `annotation 17`,
/// `features[3]`, `features[3] (id "cell-9")`, or `GeoJSON` for the document as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeoError {
    /// Which item: an annotation, a feature (by index, and id when it has one), or the document.
    pub item: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

impl std::error::Error for GeoError {}

fn fail<T>(item: &str, reason: impl Into<String>) -> Result<T, GeoError> {
    Err(GeoError {
        item: item.to_string(),
        reason: reason.into(),
    })
}

impl Annotation {
    /// How errors name this annotation: `annotation 17`, or `annotation (unsaved)`.
    fn item_name(&self) -> String {
        match self.id {
            Some(id) => format!("annotation {id}"),
            None => "annotation (unsaved)".to_string(),
        }
    }

    /// The location parsed from WKT.
    ///
    /// ```
    /// use cytomine_models::Annotation;
    /// use cytomine_models::geo::geo_types::{Geometry, Point};
    /// let a = Annotation::new("POINT (10 20)", 7);
    /// assert_eq!(a.geometry().unwrap(), Geometry::Point(Point::new(10.0, 20.0)));
    /// let err = Annotation::new("POLYGON ((0 0, 1", 7).geometry().unwrap_err();
    /// assert!(err.to_string().starts_with("annotation (unsaved): invalid WKT"));
    /// ```
    pub fn geometry(&self) -> Result<Geometry<f64>, GeoError> {
        let item = self.item_name();
        let Some(location) = self.location.as_deref() else {
            return fail(&item, "has no location (list annotations with show_wkt)");
        };
        Geometry::try_from_wkt_str(location).or_else(|e| fail(&item, format!("invalid WKT: {e}")))
    }

    /// Sets the location to the WKT of `geometry`.
    ///
    /// ```
    /// use cytomine_models::Annotation;
    /// use cytomine_models::geo::geo_types::{Geometry, Point};
    /// let mut a = Annotation::default();
    /// a.set_geometry(&Geometry::Point(Point::new(1.0, 2.0)));
    /// assert_eq!(a.location.as_deref(), Some("POINT(1 2)"));
    /// ```
    pub fn set_geometry(&mut self, geometry: &Geometry<f64>) {
        self.location = Some(geometry.wkt_string());
    }

    /// A new annotation of `geometry` on image `image_id`.
    ///
    /// ```
    /// use cytomine_models::Annotation;
    /// use cytomine_models::geo::geo_types::{Geometry, Point};
    /// let a = Annotation::from_geometry(&Geometry::Point(Point::new(3.0, 4.0)), 7);
    /// assert_eq!((a.location.as_deref(), a.image), (Some("POINT(3 4)"), Some(7)));
    /// ```
    pub fn from_geometry(geometry: &Geometry<f64>, image_id: i64) -> Self {
        Annotation::new(geometry.wkt_string(), image_id)
    }

    /// This annotation as a GeoJSON feature: geometry, id, and the [`EXPORTED_KEYS`] that are set.
    ///
    /// ```
    /// let mut a = cytomine_models::Annotation::new("POINT (1 2)", 7).with_terms([5]);
    /// a.id = Some(11);
    /// let f = a.to_feature().unwrap();
    /// assert_eq!(f.property("term"), Some(&serde_json::json!([5])));
    /// assert_eq!(f.id, Some(cytomine_models::geo::geojson::feature::Id::Number(11.into())));
    /// ```
    pub fn to_feature(&self) -> Result<Feature, GeoError> {
        let geometry = self.geometry()?;
        let item = self.item_name();
        let Value::Object(all) =
            serde_json::to_value(self).or_else(|e| fail(&item, e.to_string()))?
        else {
            return fail(&item, "does not serialize to an object");
        };
        let properties: JsonObject = all
            .into_iter()
            .filter(|(k, v)| EXPORTED_KEYS.contains(&k.as_str()) && !v.is_null())
            .collect();
        Ok(Feature {
            geometry: Some(geojson::Geometry::new((&geometry).into())),
            id: self
                .id
                .map(|id| geojson::feature::Id::Number(serde_json::Number::from(id))),
            properties: Some(properties),
            ..Default::default()
        })
    }

    /// An annotation from a GeoJSON feature: its geometry as location and the [`IMPORTED_KEYS`]
    /// of its properties (others are ignored). `item` names the feature in errors.
    ///
    /// ```
    /// use cytomine_models::Annotation;
    /// let f: cytomine_models::geo::geojson::Feature = serde_json::from_value(serde_json::json!({
    ///     "type": "Feature",
    ///     "geometry": {"type": "Point", "coordinates": [1.0, 2.0]},
    ///     "properties": {"image": 7, "term": [5], "properties": {"stain": "HE"}, "colour": "red"}
    /// })).unwrap();
    /// let a = Annotation::from_feature(&f, "features[0]").unwrap();
    /// assert_eq!((a.image, a.term.clone()), (Some(7), Some(vec![5])));
    /// assert_eq!(a.properties.unwrap()["stain"], "HE");
    /// ```
    pub fn from_feature(feature: &Feature, item: &str) -> Result<Annotation, GeoError> {
        let Some(geojson_geometry) = &feature.geometry else {
            return fail(item, "has no geometry");
        };
        let geometry = Geometry::<f64>::try_from(geojson_geometry)
            .or_else(|e| fail(item, format!("invalid geometry: {e}")))?;
        let mut fields: Map<String, Value> = feature
            .properties
            .iter()
            .flatten()
            .filter(|(k, v)| IMPORTED_KEYS.contains(&k.as_str()) && !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        fields.insert("location".into(), Value::String(geometry.wkt_string()));
        serde_path_to_error::deserialize(Value::Object(fields))
            .or_else(|e| fail(item, format!("property `{}`: {}", e.path(), e.inner())))
    }
}

/// Annotations as a GeoJSON feature collection (see [`Annotation::to_feature`]).
pub fn to_feature_collection<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Result<FeatureCollection, GeoError> {
    let features = annotations
        .into_iter()
        .map(Annotation::to_feature)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FeatureCollection::new(features))
}

/// Annotations from the features of a collection, in order; the first bad feature is the error.
pub fn annotations_from_collection(
    collection: &FeatureCollection,
) -> Result<Vec<Annotation>, GeoError> {
    collection
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| Annotation::from_feature(f, &feature_name(i, f.id.as_ref())))
        .collect()
}

/// Annotations from GeoJSON text: a `FeatureCollection` or a single `Feature`. Every feature is
/// checked on its own, so an error names the feature (`features[3]`, with its id if it has one).
pub fn annotations_from_geojson(text: &str) -> Result<Vec<Annotation>, GeoError> {
    let document: Value =
        serde_json::from_str(text).or_else(|e| fail("GeoJSON", format!("not valid JSON: {e}")))?;
    match document.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            let Some(features) = document.get("features").and_then(Value::as_array) else {
                return fail("GeoJSON", "a FeatureCollection needs a `features` array");
            };
            features
                .iter()
                .enumerate()
                .map(|(i, raw)| {
                    let name = feature_name(i, raw.get("id").and_then(to_id).as_ref());
                    let feature = serde_json::from_value::<Feature>(raw.clone())
                        .or_else(|e| fail(&name, format!("not a GeoJSON feature: {e}")))?;
                    Annotation::from_feature(&feature, &name)
                })
                .collect()
        }
        Some("Feature") => {
            let feature = serde_json::from_value::<Feature>(document)
                .or_else(|e| fail("feature", format!("not a GeoJSON feature: {e}")))?;
            Ok(vec![Annotation::from_feature(&feature, "feature")?])
        }
        Some(other) => fail(
            "GeoJSON",
            format!("type `{other}` is not supported, expected FeatureCollection or Feature"),
        ),
        None => fail(
            "GeoJSON",
            "no `type`: expected a FeatureCollection or a Feature",
        ),
    }
}

fn to_id(value: &Value) -> Option<geojson::feature::Id> {
    match value {
        Value::String(s) => Some(geojson::feature::Id::String(s.clone())),
        Value::Number(n) => Some(geojson::feature::Id::Number(n.clone())),
        _ => None,
    }
}

/// `features[3]`, or `features[3] (id 17)` / `features[3] (id "cell-9")`.
fn feature_name(index: usize, id: Option<&geojson::feature::Id>) -> String {
    match id {
        Some(geojson::feature::Id::Number(n)) => format!("features[{index}] (id {n})"),
        Some(geojson::feature::Id::String(s)) => format!("features[{index}] (id \"{s}\")"),
        None => format!("features[{index}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_carry_the_id() {
        let n = geojson::feature::Id::Number(17.into());
        let s = geojson::feature::Id::String("c".into());
        assert_eq!(feature_name(3, Some(&n)), "features[3] (id 17)");
        assert_eq!(feature_name(3, Some(&s)), "features[3] (id \"c\")");
        assert_eq!(feature_name(0, None), "features[0]");
    }

    #[test]
    fn a_bad_property_is_named() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"image":7}},
            {"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"term":5}}]}"#;
        let err = annotations_from_geojson(text).unwrap_err();
        assert_eq!(err.item, "features[1] (id \"x\")");
        assert!(err.reason.contains("`term`"), "{err}");
    }
}
