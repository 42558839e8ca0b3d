//! Tracks (an object followed across the slices of an image) and their annotations
//! (docs/protocol.md §3.18).

model! {
    /// A track: a named, coloured object followed through the slices of one image.
    ///
    /// `GET/PUT/DELETE track/{id}.json`, `POST track.json`. Lists (a filter is required):
    /// `project/{id}/track.json`, `imageinstance/{id}/track.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::Track;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut track = Track::new("nucleus 1", 7, "#FF0000");
    /// track.save(&cm).await?;
    /// let tracks = Track::list().imageinstance(7).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "track",
        class = "be.cytomine.domain.ontology.Track",
        filters(project, imageinstance),
        filter_required
    )]
    pub struct Track {
        /// Track name (unique per image).
        pub name: Option<String>,
        /// Display colour, e.g. `#FF0000`.
        pub color: Option<String>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Id of the project (derived from the image).
        pub project: Option<i64>,
    }
}

impl Track {
    /// A new track, as `Track(name, id_image, color)` in the Python client.
    ///
    /// ```
    /// let t = cytomine_models::Track::new("t", 7, "#000000");
    /// assert_eq!(serde_json::to_value(&t).unwrap(),
    ///            serde_json::json!({"name": "t", "image": 7, "color": "#000000"}));
    /// ```
    pub fn new(name: impl Into<String>, image_id: i64, color: impl Into<String>) -> Self {
        Track {
            name: Some(name.into()),
            image: Some(image_id),
            color: Some(color.into()),
            ..Default::default()
        }
    }
}

model! {
    /// The membership of an annotation in a track.
    ///
    /// Created with `POST annotationtrack.json` (the server's route; the Python client posts to
    /// the composite path instead, which core does not serve); fetched and deleted at
    /// `annotationtrack/{annotationIdent}/{track}.json`; never updated. Lists (a filter is
    /// required): `track/{id}/annotationtrack.json`, `annotation/{id}/annotationtrack.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AnnotationTrack;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut link = AnnotationTrack::new(5, 9);
    /// link.save(&cm).await?;
    /// let same = AnnotationTrack::fetch(&cm, (5, 9)).await?;
    /// AnnotationTrack::delete_by_id(&cm, (5, 9)).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "annotationtrack",
        class = "be.cytomine.domain.ontology.AnnotationTrack",
        create = "annotationtrack.json",
        item = "annotationtrack/{annotation_ident}/{track}.json",
        filters(
            track = "track/{}/annotationtrack.json",
            annotation = "annotation/{}/annotationtrack.json"
        ),
        filter_required,
        refuse(update)
    )]
    pub struct AnnotationTrack {
        /// Class name of the annotation (derived by the server).
        pub annotation_class_name: Option<String>,
        /// Id of the annotation.
        pub annotation_ident: Option<i64>,
        /// Id of the track.
        pub track: Option<i64>,
        /// Id of the annotation's slice (derived by the server).
        pub slice: Option<i64>,
    }
}

impl AnnotationTrack {
    /// Puts annotation `annotation_id` in track `track_id`, as `AnnotationTrack(None,
    /// id_annotation, id_track)` in the Python client.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let t = cytomine_models::AnnotationTrack::new(5, 9);
    /// assert_eq!((t.annotation_ident, t.track), (Some(5), Some(9)));
    /// assert_eq!(cytomine_models::AnnotationTrack::KEY_NAMES, &["annotation_ident", "track"]);
    /// ```
    pub fn new(annotation_id: i64, track_id: i64) -> Self {
        AnnotationTrack {
            annotation_ident: Some(annotation_id),
            track: Some(track_id),
            ..Default::default()
        }
    }
}
