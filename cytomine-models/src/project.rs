//! Projects (`be.cytomine.domain.project.Project`) and their membership actions.

use cytomine::{Cytomine, Result};

use crate::model::require_id;
use serde_json::Value;

model! {
    /// A project: images, annotations and members around one ontology.
    ///
    /// `GET/PUT/DELETE project/{id}.json`, `POST project.json`. Lists: `project.json`,
    /// `user/{id}/project.json`, `ontology/{id}/project.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::*;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut project = Project::new("My awesome project").with_ontology(100);
    /// project.save(&cm).await?;
    /// project.is_restricted = Some(true);
    /// project.update(&cm).await?;
    /// let of_ontology = Project::list().ontology(100).fetch(&cm).await?;
    /// project.delete(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "project",
        class = "be.cytomine.domain.project.Project",
        filters(user, ontology),
        no_batch,
        params(
            with_last_activity: bool,
            with_members_count: bool,
            with_description: bool,
            with_current_user_roles: bool
        )
    )]
    pub struct Project {
        /// Project name (unique on the server).
        pub name: Option<String>,
        /// Id of the project's ontology.
        pub ontology: Option<i64>,
        /// Name of the project's ontology.
        pub ontology_name: Option<String>,
        /// Image names are hidden from non-managers.
        pub blind_mode: Option<bool>,
        /// Members may download the original images.
        pub are_images_downloadable: Option<bool>,
        /// Always 0 on current servers.
        pub number_of_slides: Option<i64>,
        /// Number of image instances.
        pub number_of_images: Option<i64>,
        /// Number of user annotations.
        pub number_of_annotations: Option<i64>,
        /// Number of job annotations.
        pub number_of_job_annotations: Option<i64>,
        /// Number of reviewed annotations.
        pub number_of_reviewed_annotations: Option<i64>,
        /// Ids of the projects used for retrieval.
        pub retrieval_projects: Option<Vec<i64>>,
        /// Retrieval is disabled.
        pub retrieval_disable: Option<bool>,
        /// Retrieval uses every project with the same ontology.
        pub retrieval_all_ontology: Option<bool>,
        /// The project is closed.
        pub is_closed: Option<bool>,
        /// Only managers may edit (mode `READ_ONLY`).
        pub is_read_only: Option<bool>,
        /// Contributors see only their own data (mode `RESTRICTED`).
        pub is_restricted: Option<bool>,
        /// Members do not see each other's layers.
        pub hide_users_layers: Option<bool>,
        /// Members do not see the managers' layers.
        pub hide_admins_layers: Option<bool>,
        /// `CLASSIC`, `RESTRICTED` or `READ_ONLY`.
        pub mode: Option<String>,
        /// Member ids, on create and update (the server replaces the membership).
        pub users: Option<Vec<i64>>,
        /// Manager ids, on create and update.
        pub admins: Option<Vec<i64>>,
    }
}

impl Project {
    /// A new project with this name, as `Project(name)` in the Python client.
    ///
    /// ```
    /// let p = cytomine_models::Project::new("p");
    /// assert_eq!(p.name.as_deref(), Some("p"));
    /// assert!(p.id.is_none());
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Project {
            name: Some(name.into()),
            ..Default::default()
        }
    }

    /// Sets the ontology, as `Project(name, id_ontology)`.
    ///
    /// ```
    /// let p = cytomine_models::Project::new("p").with_ontology(4);
    /// assert_eq!(p.ontology, Some(4));
    /// ```
    pub fn with_ontology(mut self, ontology_id: i64) -> Self {
        self.ontology = Some(ontology_id);
        self
    }

    /// Makes a user a member (`admin = false`: `POST project/{id}/user/{user}.json`) or a
    /// manager (`admin = true`: `POST project/{id}/user/{user}/admin.json`).
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, project: cytomine_models::Project) -> cytomine_core::Result<()> {
    /// project.add_user(&cm, 7, false).await?;
    /// project.add_user(&cm, 8, true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_user(&self, cm: &Cytomine, user_id: i64, admin: bool) -> Result<Value> {
        cm.post_json(&self.member_path(user_id, admin)?, &Value::Null)
            .await
    }

    /// Removes a user from the members (`admin = false`) or only from the managers
    /// (`admin = true`): `DELETE` of the same paths as [`Project::add_user`].
    ///
    /// ```no_run
    /// # async fn demo(cm: cytomine_core::Cytomine, project: cytomine_models::Project) -> cytomine_core::Result<()> {
    /// project.remove_user(&cm, 8, true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_user(&self, cm: &Cytomine, user_id: i64, admin: bool) -> Result<Value> {
        cm.delete_path(&self.member_path(user_id, admin)?).await
    }

    fn member_path(&self, user_id: i64, admin: bool) -> Result<String> {
        let id = require_id(self.id, "project members")?;
        let suffix = if admin { "/admin" } else { "" };
        Ok(format!("project/{id}/user/{user_id}{suffix}.json"))
    }
}
