//! Image groups (images shown together, e.g. the stains of one slide) and their members
//! (docs/protocol.md §3.19).

model! {
    /// A group of image instances of one project.
    ///
    /// `GET/PUT/DELETE imagegroup/{id}.json`, `POST imagegroup.json`, list
    /// `project/{id}/imagegroup.json` (a filter is required). Its images:
    /// `ImageInstance::list().imagegroup(id)`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::ImageGroup;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut group = ImageGroup::new("slide 12", 42);
    /// group.save(&cm).await?;
    /// let groups = ImageGroup::list().project(42).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "imagegroup",
        class = "be.cytomine.domain.image.group.ImageGroup",
        filters(project),
        filter_required
    )]
    pub struct ImageGroup {
        /// Group name.
        pub name: Option<String>,
        /// Id of the project.
        pub project: Option<i64>,
        /// The images (only in a single fetch).
        pub image_instances: Option<Vec<serde_json::Value>>,
        /// Number of images.
        pub number_of_images: Option<i64>,
    }
}

impl ImageGroup {
    /// A new image group, as `ImageGroup(name, id_project)` in the Python client.
    ///
    /// ```
    /// let g = cytomine_models::ImageGroup::new("g", 42);
    /// assert_eq!((g.name.as_deref(), g.project), (Some("g"), Some(42)));
    /// ```
    pub fn new(name: impl Into<String>, project_id: i64) -> Self {
        ImageGroup {
            name: Some(name.into()),
            project: Some(project_id),
            ..Default::default()
        }
    }
}

model! {
    /// The membership of an image instance in an image group.
    ///
    /// Created, fetched and deleted at `imagegroup/{group}/imageinstance/{image}.json` (core
    /// has no GET there: fetches fail on a real server); never updated. Lists (a filter is
    /// required): `imagegroup/{id}/imagegroupimageinstance.json`,
    /// `imageinstance/{id}/imagegroupimageinstance.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::ImageGroupImageInstance;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut member = ImageGroupImageInstance::new(3, 7);
    /// member.save(&cm).await?;
    /// ImageGroupImageInstance::delete_by_id(&cm, (3, 7)).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "imagegroupimageinstance",
        class = "be.cytomine.domain.image.group.ImageGroupImageInstance",
        create = "imagegroup/{group}/imageinstance/{image}.json",
        item = "imagegroup/{group}/imageinstance/{image}.json",
        filters(
            imagegroup = "imagegroup/{}/imagegroupimageinstance.json",
            imageinstance = "imageinstance/{}/imagegroupimageinstance.json"
        ),
        filter_required,
        refuse(update)
    )]
    pub struct ImageGroupImageInstance {
        /// Id of the image group.
        pub group: Option<i64>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Name of the group (sent by the server).
        pub group_name: Option<String>,
    }
}

impl ImageGroupImageInstance {
    /// Puts image `image_id` in group `group_id`, as `ImageGroupImageInstance(id_image_group,
    /// id_image_instance)` in the Python client.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let m = cytomine_models::ImageGroupImageInstance::new(3, 7);
    /// assert_eq!(serde_json::to_value(&m).unwrap(), serde_json::json!({"group": 3, "image": 7}));
    /// assert_eq!(cytomine_models::ImageGroupImageInstance::KEY_NAMES, &["group", "image"]);
    /// ```
    pub fn new(group_id: i64, image_id: i64) -> Self {
        ImageGroupImageInstance {
            group: Some(group_id),
            image: Some(image_id),
            ..Default::default()
        }
    }
}
