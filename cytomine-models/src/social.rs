//! Social data the server records about its users: viewer positions, annotation actions,
//! project connections and image consultations (docs/protocol.md §3.20). Read-only through the API
//! (the web viewer writes them).

model! {
    /// A user's viewport on an image at one moment.
    ///
    /// Never created, updated or deleted by clients. Lists (a filter is required):
    /// `imageinstance/{id}/positions.json`, `sliceinstance/{id}/positions.json`, with the
    /// modifiers `user`, `afterThan`, `beforeThan` (epoch ms) and `showDetails` (`true` by
    /// default, for full positions, as the Python client always sends; `false` gives a summary).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::Position;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let seen = Position::list().imageinstance(7).user(3).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "position",
        class = "be.cytomine.domain.social.PersistentUserPosition",
        filters(
            imageinstance = "imageinstance/{}/positions.json",
            sliceinstance = "sliceinstance/{}/positions.json"
        ),
        filter_required,
        params(user: i64, after_than: i64, before_than: i64, show_details: bool default true),
        refuse(create, update, delete)
    )]
    pub struct Position {
        /// Id of the user.
        pub user: Option<i64>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Id of the slice instance.
        pub slice: Option<i64>,
        /// Id of the project.
        pub project: Option<i64>,
        /// Whether the user broadcast the view.
        pub broadcast: Option<bool>,
        /// The viewport as WKT.
        pub location: Option<String>,
        /// Zoom level.
        pub zoom: Option<f64>,
        /// Rotation in degrees.
        pub rotation: Option<f64>,
        /// Horizontal centre.
        pub x: Option<f64>,
        /// Vertical centre.
        pub y: Option<f64>,
    }
}

model! {
    /// Something a user did to an annotation in the viewer (select, add, delete...).
    ///
    /// Never created, updated or deleted by clients. Lists (a filter is required):
    /// `imageinstance/{id}/annotation_action.json`, `sliceinstance/{id}/annotation_action.json`,
    /// with `user`, `afterThan`, `beforeThan`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AnnotationAction;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let actions = AnnotationAction::list().imageinstance(7).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "annotation_action",
        class = "be.cytomine.domain.social.AnnotationAction",
        filters(
            imageinstance = "imageinstance/{}/annotation_action.json",
            sliceinstance = "sliceinstance/{}/annotation_action.json"
        ),
        filter_required,
        params(user: i64, after_than: i64, before_than: i64),
        refuse(create, update, delete)
    )]
    pub struct AnnotationAction {
        /// Id of the user.
        pub user: Option<i64>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Id of the slice instance.
        pub slice: Option<i64>,
        /// Id of the project.
        pub project: Option<i64>,
        /// Class name of the annotation.
        pub annotation_class_name: Option<String>,
        /// Id of the annotation.
        pub annotation_ident: Option<i64>,
        /// Id of the annotation's author.
        pub annotation_creator: Option<i64>,
        /// What was done, e.g. `select`.
        pub action: Option<String>,
    }
}

model! {
    /// A user's session in a project.
    ///
    /// Read-only and never fetched one by one. Listed per project and user with
    /// `ProjectConnection::list().project_user(project, user)`
    /// (`project/{project}/userconnection/{user}.json?project={project}&user={user}`: the
    /// values are repeated in the query, as the Python client sends them).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::ProjectConnection;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let sessions = ProjectConnection::list().project_user(42, 3).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "projectconnection",
        class = "be.cytomine.domain.social.PersistentProjectConnection",
        filters(project_user(
            path = "project/{}/userconnection/{}.json",
            query(project, user)
        )),
        filter_required,
        refuse(fetch, create, update, delete)
    )]
    pub struct ProjectConnection {
        /// Id of the user.
        pub user: Option<i64>,
        /// Id of the project.
        pub project: Option<i64>,
        /// Duration of the session (ms).
        pub time: Option<i64>,
        /// Operating system.
        pub os: Option<String>,
        /// Browser name.
        pub browser: Option<String>,
        /// Browser version.
        pub browser_version: Option<String>,
        /// Images viewed during the session.
        pub count_viewed_images: Option<i64>,
        /// Annotations created during the session.
        pub count_created_annotations: Option<i64>,
    }
}

model! {
    /// A user's visit of an image.
    ///
    /// Read-only and never fetched one by one. Listed per project and user with
    /// `ImageConsultation::list().project_user(project, user)`
    /// (`project/{project}/user/{user}/imageconsultation.json?project={project}&user={user}`),
    /// optionally `distinctImages`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::ImageConsultation;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let visits = ImageConsultation::list().project_user(42, 3).distinct_images(true).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "imageconsultation",
        class = "be.cytomine.domain.social.PersistentImageConsultation",
        filters(project_user(
            path = "project/{}/user/{}/imageconsultation.json",
            query(project, user)
        )),
        filter_required,
        params(distinct_images: bool),
        refuse(fetch, create, update, delete)
    )]
    pub struct ImageConsultation {
        /// Id of the user.
        pub user: Option<i64>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Id of the project.
        pub project: Option<i64>,
        /// Name of the image.
        pub image_name: Option<String>,
        /// Thumbnail URL of the image.
        pub image_thumb: Option<String>,
        /// Viewer mode.
        pub mode: Option<String>,
        /// Id of the project connection.
        pub project_connection: Option<i64>,
        /// Duration of the visit (ms).
        pub time: Option<i64>,
        /// Annotations created during the visit.
        pub count_created_annotations: Option<i64>,
    }
}

#[cfg(test)]
mod tests {
    use cytomine::{Query, Resource};

    use super::*;

    #[test]
    fn list_paths_and_modifiers() {
        let q = Position::list()
            .sliceinstance(8)
            .user(3)
            .after_than(10)
            .before_than(20);
        assert_eq!(
            q.as_query().path().unwrap(),
            "sliceinstance/8/positions.json"
        );
        let keys: Vec<String> = q
            .as_query()
            .query_pairs()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(keys, ["showDetails", "user", "afterThan", "beforeThan"]);
        assert_eq!(
            q.as_query().query_pairs()[0].1,
            "true",
            "showDetails by default"
        );
        let summary = Position::list().imageinstance(7).show_details(false);
        assert_eq!(
            summary.as_query().query_pairs(),
            [("showDetails".to_string(), "false".to_string())]
        );
        assert!(
            Position::list().as_query().path().is_err(),
            "a filter is required"
        );
        let q = ProjectConnection::list().project_user(42, 3);
        assert_eq!(
            q.as_query().path().unwrap(),
            "project/42/userconnection/3.json"
        );
        let repeated = [
            ("project".to_string(), "42".to_string()),
            ("user".to_string(), "3".to_string()),
        ];
        assert_eq!(q.as_query().query_pairs(), repeated);
        let q = ImageConsultation::list().project_user(42, 3);
        assert_eq!(
            q.as_query().path().unwrap(),
            "project/42/user/3/imageconsultation.json"
        );
        assert_eq!(q.as_query().query_pairs(), repeated);
        let q = AnnotationAction::list().imageinstance(7);
        assert_eq!(
            q.as_query().path().unwrap(),
            "imageinstance/7/annotation_action.json"
        );
        for ops in [ProjectConnection::OPERATIONS, ImageConsultation::OPERATIONS] {
            assert!(!ops.fetch && !ops.create && !ops.update && !ops.delete);
        }
        let ops = Position::OPERATIONS;
        assert!(ops.fetch && !ops.create && !ops.update && !ops.delete);
    }
}
