//! Annotation groups (annotations of the same object across the images of an image group) and
//! the links that put annotations in them (docs/protocol.md §3.19).

use cytomine::{Cytomine, Result};
use serde_json::Value;

use crate::model::require_id;

model! {
    /// A group of annotations drawn on the images of one image group.
    ///
    /// `GET/PUT/DELETE annotationgroup/{id}.json`, `POST annotationgroup.json`; lists (a filter
    /// is required): `project/{id}/annotationgroup.json`, `imagegroup/{id}/annotationgroup.json`;
    /// [`AnnotationGroup::merge`].
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AnnotationGroup;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut group = AnnotationGroup::new(42, 3);
    /// group.save(&cm).await?;
    /// let groups = AnnotationGroup::list().imagegroup(3).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "annotationgroup",
        class = "be.cytomine.domain.ontology.AnnotationGroup",
        filters(project, imagegroup),
        filter_required
    )]
    pub struct AnnotationGroup {
        /// Id of the project.
        pub project: Option<i64>,
        /// Id of the image group.
        pub image_group: Option<i64>,
        /// Kind of grouping; `SAME_OBJECT` by default.
        #[serde(rename = "type")]
        pub group_type: Option<String>,
    }
}

impl AnnotationGroup {
    /// A new group of type `SAME_OBJECT`, as `AnnotationGroup(id_project, id_image_group)`.
    ///
    /// ```
    /// let g = cytomine_models::AnnotationGroup::new(42, 3);
    /// assert_eq!(serde_json::to_value(&g).unwrap(),
    ///            serde_json::json!({"project": 42, "imageGroup": 3, "type": "SAME_OBJECT"}));
    /// ```
    pub fn new(project_id: i64, image_group_id: i64) -> Self {
        AnnotationGroup {
            project: Some(project_id),
            image_group: Some(image_group_id),
            group_type: Some("SAME_OBJECT".into()),
            ..Default::default()
        }
    }

    /// Moves the links of group `other_id` into this group and deletes `other_id`
    /// (`POST annotationgroup/{id}/annotationgroup/{other}/merge.json`); returns the server's
    /// answer (an edit envelope of this group).
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, group: cytomine_models::AnnotationGroup) -> cytomine_core::Result<()> {
    /// group.merge(&cm, 8).await?;
    /// # Ok(()) }
    /// ```
    pub async fn merge(&self, cm: &Cytomine, other_id: i64) -> Result<Value> {
        let id = require_id(self.id, "annotation group merge")?;
        let path = format!("annotationgroup/{id}/annotationgroup/{other_id}/merge.json");
        cm.post_json(&path, &Value::Null).await
    }
}

model! {
    /// The link of an annotation to an annotation group.
    ///
    /// Created with `POST annotationlink.json`; fetched (classic servers only) and deleted at
    /// `annotationgroup/{group}/annotation/{annotationIdent}.json`; never updated. Lists (a
    /// filter is required): `annotationgroup/{id}/annotationlink.json`,
    /// `annotation/{id}/annotationlink.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AnnotationLink;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut link = AnnotationLink::new(5, 8, 7);
    /// link.save(&cm).await?;
    /// AnnotationLink::delete_by_id(&cm, (8, 5)).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "annotationlink",
        class = "be.cytomine.domain.ontology.AnnotationLink",
        create = "annotationlink.json",
        item = "annotationgroup/{group}/annotation/{annotation_ident}.json",
        filters(
            annotationgroup = "annotationgroup/{}/annotationlink.json",
            annotation = "annotation/{}/annotationlink.json"
        ),
        filter_required,
        no_batch,
        refuse(update)
    )]
    pub struct AnnotationLink {
        /// Class name of the annotation.
        pub annotation_class_name: Option<String>,
        /// Id of the annotation.
        pub annotation_ident: Option<i64>,
        /// Id of the annotation group.
        pub group: Option<i64>,
        /// Id of the annotation's image.
        pub image: Option<i64>,
    }
}

impl AnnotationLink {
    /// Links user annotation `annotation_id` (on image `image_id`) to group `group_id`. The
    /// class name is the user-annotation class, which the server requires.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let l = cytomine_models::AnnotationLink::new(5, 8, 7);
    /// assert_eq!(l.annotation_class_name.as_deref(), Some("be.cytomine.domain.ontology.UserAnnotation"));
    /// assert_eq!(cytomine_models::AnnotationLink::KEY_NAMES, &["group", "annotation_ident"]);
    /// ```
    pub fn new(annotation_id: i64, group_id: i64, image_id: i64) -> Self {
        AnnotationLink {
            annotation_class_name: Some("be.cytomine.domain.ontology.UserAnnotation".into()),
            annotation_ident: Some(annotation_id),
            group: Some(group_id),
            image: Some(image_id),
            ..Default::default()
        }
    }
}
