//! User annotations (WKT geometries on an image, labelled with terms) and their links to terms.

use serde::{Deserialize, Serialize};

/// The centroid of an annotation, in image pixels.
///
/// ```
/// let c: cytomine_models::Centroid = serde_json::from_str(r#"{"x": 1.5, "y": 2}"#).unwrap();
/// assert_eq!((c.x, c.y), (1.5, 2.0));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Centroid {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

model! {
    /// A user annotation: a WKT geometry on an image, with its terms.
    ///
    /// `GET/PUT/DELETE annotation/{id}.json`, `POST annotation.json` (also in bulk through
    /// [`Collection::save`](cytomine::Collection::save)). The list `annotation.json` needs a
    /// scope (`project`, `image`, `images`, `slice` or `slices`) and takes many modifiers.
    ///
    /// **Columns, and how they differ from the Python client.** The `show_*` modifiers choose
    /// the groups of attributes the server answers; a list that asks for none gets the
    /// server's default groups, `basic`, `meta` (dates, `cropURL`...) and `term`. This crate
    /// sends no `show_*` unless you ask, so by default you get those three groups. The Python
    /// client's `AnnotationCollection` always sends `showBasic=true&showMeta=true`, which makes
    /// the server answer those two groups only: a script ported from Python gets the same
    /// attributes here, and the terms too. Asking for any group replaces the defaults, as on
    /// the server (`show_wkt(true)` alone gives no `cropURL`); [`Annotation::dump`] and
    /// [`dump_crops`](crate::dump_crops) fetch an annotation that lacks its `cropURL`, so they
    /// work from any listing.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::Annotation;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut a = Annotation::new("POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))", 7).with_terms([99]);
    /// a.save(&cm).await?;
    /// let mine = Annotation::list()
    ///     .project(42)
    ///     .users([cm.current_user().id.unwrap_or_default()])
    ///     .show_wkt(true)
    ///     .show_term(true)
    ///     .fetch(&cm)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "annotation",
        class = "be.cytomine.domain.ontology.UserAnnotation",
        envelope = "annotation",
        params(
            show_basic: bool,
            show_meta: bool,
            show_wkt: bool = "showWKT",
            show_gis: bool = "showGIS",
            show_term: bool,
            show_track: bool,
            show_user: bool,
            show_image: bool,
            show_slice: bool,
            show_image_group: bool,
            show_link: bool,
            reviewed: bool,
            no_term: bool,
            multiple_term: bool,
            project: i64,
            user: i64,
            users: Vec<i64>,
            image: i64,
            images: Vec<i64>,
            slice: i64,
            slices: Vec<i64>,
            term: i64,
            terms: Vec<i64>,
            suggested_term: i64,
            track: i64,
            tracks: Vec<i64>,
            group: i64,
            groups: Vec<i64>,
            bbox: String,
            bbox_annotation: i64,
            base_annotation: String,
            max_distance_base_annotation: f64,
            included: bool,
            annotation: i64
        )
    )]
    pub struct Annotation {
        /// The geometry as WKT, e.g. `POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))`.
        pub location: Option<String>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Id of the slice instance.
        pub slice: Option<i64>,
        /// Id of the project (derived from the image by the server).
        pub project: Option<i64>,
        /// Id of the author.
        pub user: Option<i64>,
        /// Ids of the terms.
        pub term: Option<Vec<i64>>,
        /// Ids of the tracks.
        pub track: Option<Vec<i64>>,
        /// Id of the annotation group to link the annotation to.
        pub group: Option<i64>,
        /// Simplification tolerance used by the server.
        pub geometry_compression: Option<f64>,
        /// Centroid of the geometry.
        pub centroid: Option<Centroid>,
        /// Area, in `area_unit`.
        #[serde(default, deserialize_with = "crate::model::lenient_f64")]
        pub area: Option<f64>,
        /// `pixels²` or `micron²`.
        pub area_unit: Option<String>,
        /// Perimeter, in `perimeter_unit`.
        #[serde(default, deserialize_with = "crate::model::lenient_f64")]
        pub perimeter: Option<f64>,
        /// `pixels` or `mm`.
        pub perimeter_unit: Option<String>,
        /// Number of comments.
        pub nb_comments: Option<i64>,
        /// Number of reviewed copies.
        pub count_reviewed_annotations: Option<i64>,
        /// Whether the annotation was reviewed.
        pub reviewed: Option<bool>,
        /// URL of the crop image.
        #[serde(rename = "cropURL")]
        pub crop_url: Option<String>,
        /// URL of a small crop image.
        #[serde(rename = "smallCropURL")]
        pub small_crop_url: Option<String>,
        /// URL of the annotation (the crop).
        pub url: Option<String>,
        /// URL of the annotation in the web interface.
        #[serde(rename = "imageURL")]
        pub image_url: Option<String>,
        /// Author's username (listing column `user`).
        pub creator: Option<String>,
        /// Author's name (listing column `user`).
        pub name: Option<String>,
        /// Key/value properties to attach on creation.
        pub properties: Option<serde_json::Map<String, serde_json::Value>>,
    }
}

impl Annotation {
    /// A new annotation of `location` (WKT) on image `image_id`, as `Annotation(location,
    /// id_image)` in the Python client.
    ///
    /// ```
    /// let a = cytomine_models::Annotation::new("POINT (10 10)", 7).with_terms([1, 2]);
    /// assert_eq!(serde_json::to_value(&a).unwrap(),
    ///            serde_json::json!({"location": "POINT (10 10)", "image": 7, "term": [1, 2]}));
    /// ```
    pub fn new(location: impl Into<String>, image_id: i64) -> Self {
        Annotation {
            location: Some(location.into()),
            image: Some(image_id),
            ..Default::default()
        }
    }

    /// Sets the terms (`id_terms`).
    ///
    /// ```
    /// let a = cytomine_models::Annotation::new("POINT (1 1)", 7).with_terms([3]);
    /// assert_eq!(a.term, Some(vec![3]));
    /// ```
    pub fn with_terms(mut self, term_ids: impl IntoIterator<Item = i64>) -> Self {
        self.term = Some(term_ids.into_iter().collect());
        self
    }

    /// Sets the slice (`id_slice`), for images with several slices.
    ///
    /// ```
    /// let a = cytomine_models::Annotation::new("POINT (1 1)", 7).with_slice(70);
    /// assert_eq!(a.slice, Some(70));
    /// ```
    pub fn with_slice(mut self, slice_id: i64) -> Self {
        self.slice = Some(slice_id);
        self
    }

    /// Sets the tracks (`id_tracks`).
    ///
    /// ```
    /// let a = cytomine_models::Annotation::new("POINT (1 1)", 7).with_tracks([4]);
    /// assert_eq!(a.track, Some(vec![4]));
    /// ```
    pub fn with_tracks(mut self, track_ids: impl IntoIterator<Item = i64>) -> Self {
        self.track = Some(track_ids.into_iter().collect());
        self
    }
}

model! {
    /// The link between an annotation and one of its terms, made by a user.
    ///
    /// Created, fetched and deleted at `annotation/{userannotation}/term/{term}.json`; never
    /// updated. Listed per annotation with `annotation/{id}/term.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AnnotationTerm;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut link = AnnotationTerm::new(5, 99);
    /// link.save(&cm).await?;
    /// let same = AnnotationTerm::fetch(&cm, (5, 99)).await?;
    /// AnnotationTerm::delete_by_id(&cm, (5, 99)).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "annotationterm",
        class = "be.cytomine.domain.ontology.AnnotationTerm",
        create = "annotation/{userannotation}/term/{term}.json",
        item = "annotation/{userannotation}/term/{term}.json",
        filters(annotation = "annotation/{}/term.json"),
        filter_required,
        params(id_user: i64),
        refuse(update)
    )]
    pub struct AnnotationTerm {
        /// Id of the annotation.
        pub userannotation: Option<i64>,
        /// Id of the term.
        pub term: Option<i64>,
        /// Id of the user who made the link.
        pub user: Option<i64>,
    }
}

impl AnnotationTerm {
    /// A new link, as `AnnotationTerm(id_annotation, id_term)` in the Python client.
    ///
    /// ```
    /// let t = cytomine_models::AnnotationTerm::new(5, 99);
    /// assert_eq!(serde_json::to_value(&t).unwrap(),
    ///            serde_json::json!({"userannotation": 5, "term": 99}));
    /// ```
    pub fn new(annotation_id: i64, term_id: i64) -> Self {
        AnnotationTerm {
            userannotation: Some(annotation_id),
            term: Some(term_id),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use cytomine::{Query, Resource};

    use super::*;

    #[test]
    fn annotation_modifiers_use_the_wire_names() {
        let q = Annotation::list()
            .show_basic(true)
            .show_meta(true)
            .show_wkt(true)
            .show_gis(true)
            .show_term(true)
            .show_track(true)
            .show_user(true)
            .show_image(true)
            .show_slice(true)
            .show_image_group(true)
            .show_link(true)
            .reviewed(false)
            .no_term(true)
            .multiple_term(false)
            .project(1)
            .user(2)
            .users([3, 4])
            .image(5)
            .images([6, 7])
            .slice(8)
            .slices([9])
            .term(10)
            .terms([11, 12])
            .suggested_term(13)
            .track(14)
            .tracks([15])
            .group(16)
            .groups([17, 18])
            .bbox("0,0,1,1")
            .bbox_annotation(19)
            .base_annotation("POINT (1 1)")
            .max_distance_base_annotation(2.5)
            .included(true)
            .annotation(20);
        let pairs = q.as_query().query_pairs();
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "showBasic",
                "showMeta",
                "showWKT",
                "showGIS",
                "showTerm",
                "showTrack",
                "showUser",
                "showImage",
                "showSlice",
                "showImageGroup",
                "showLink",
                "reviewed",
                "noTerm",
                "multipleTerm",
                "project",
                "user",
                "users",
                "image",
                "images",
                "slice",
                "slices",
                "term",
                "terms",
                "suggestedTerm",
                "track",
                "tracks",
                "group",
                "groups",
                "bbox",
                "bboxAnnotation",
                "baseAnnotation",
                "maxDistanceBaseAnnotation",
                "included",
                "annotation",
            ]
        );
        let value = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value("users"), Some("3,4"));
        assert_eq!(value("maxDistanceBaseAnnotation"), Some("2.5"));
        assert_eq!(value("baseAnnotation"), Some("POINT (1 1)"));
        assert_eq!(q.as_query().path().unwrap(), "annotation.json");
    }

    #[test]
    fn gis_numbers_are_read_from_numbers_and_strings() {
        let a: Annotation =
            serde_json::from_str(r#"{"area": "12.5", "perimeter": 14, "areaUnit": "pixels²"}"#)
                .unwrap();
        assert_eq!((a.area, a.perimeter), (Some(12.5), Some(14.0)));
        let none: Annotation = serde_json::from_str(r#"{"area": null}"#).unwrap();
        assert_eq!(none.area, None);
        assert!(serde_json::from_str::<Annotation>(r#"{"area": "wide"}"#).is_err());
        assert!(serde_json::from_str::<Annotation>(r#"{"area": [1]}"#).is_err());
    }
}
