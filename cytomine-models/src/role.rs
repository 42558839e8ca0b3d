//! Security roles (`ROLE_USER`, `ROLE_ADMIN`...) and the roles given to users (docs/protocol.md §3.13).

model! {
    /// A security role. Read-only: `GET role/{id}.json`, list `role.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::Role;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let roles = Role::list().fetch(&cm).await?;
    /// let admin = roles.find(|r| r.authority.as_deref() == Some("ROLE_ADMIN"));
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "role",
        class = "be.cytomine.domain.security.SecRole",
        refuse(create, update, delete)
    )]
    pub struct Role {
        /// The role's name, e.g. `ROLE_USER`.
        pub authority: Option<String>,
    }
}

model! {
    /// A role given to a user.
    ///
    /// Created with `POST user/{user}/role.json`; fetched and deleted at
    /// `user/{user}/role/{role}.json`; never updated. Listed per user (`user/{id}/role.json`,
    /// modifier `highest`). The envelope key is `secusersecrole`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::UserRole;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut grant = UserRole::new(7, 2);
    /// grant.save(&cm).await?;
    /// let roles = UserRole::list().user(7).fetch(&cm).await?;
    /// UserRole::delete_by_id(&cm, (7, 2)).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "secusersecrole",
        class = "be.cytomine.domain.security.SecUserSecRole",
        create = "user/{user}/role.json",
        item = "user/{user}/role/{role}.json",
        filters(user = "user/{}/role.json"),
        filter_required,
        params(highest: bool),
        no_batch,
        refuse(update)
    )]
    pub struct UserRole {
        /// Id of the user.
        #[serde(alias = "userId")]
        pub user: Option<i64>,
        /// Id of the role.
        #[serde(alias = "roleId")]
        pub role: Option<i64>,
        /// The role's name (sent by the server).
        pub authority: Option<String>,
    }
}

impl UserRole {
    /// Gives role `role_id` to user `user_id`, as `UserRole(id_user, id_role)`.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let r = cytomine_models::UserRole::new(7, 2);
    /// assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::json!({"user": 7, "role": 2}));
    /// assert_eq!(cytomine_models::UserRole::ENVELOPE_KEY, "secusersecrole");
    /// assert!(!cytomine_models::UserRole::BATCH_CREATE);
    /// ```
    pub fn new(user_id: i64, role_id: i64) -> Self {
        UserRole {
            user: Some(user_id),
            role: Some(role_id),
            ..Default::default()
        }
    }
}

model! {
    /// A saved annotation filter (a named set of users and terms). Not exported by the Python
    /// client and absent from current servers; kept for older ones.
    ///
    /// `GET/PUT/DELETE annotationfilter/{id}.json`, `POST annotationfilter.json`, list
    /// `annotationfilter.json?project=`.
    ///
    /// ```
    /// let f = cytomine_models::AnnotationFilter::new("mine", [3], [10, 11]);
    /// assert_eq!(serde_json::to_value(&f).unwrap(),
    ///            serde_json::json!({"name": "mine", "users": [3], "terms": [10, 11]}));
    /// ```
    #[resource(
        path = "annotationfilter",
        class = "be.cytomine.domain.ontology.AnnotationFilter",
        params(project: i64)
    )]
    pub struct AnnotationFilter {
        /// Filter name.
        pub name: Option<String>,
        /// Id of the project.
        pub project: Option<i64>,
        /// Ids of the users.
        pub users: Option<Vec<i64>>,
        /// Ids of the terms.
        pub terms: Option<Vec<i64>>,
    }
}

impl AnnotationFilter {
    /// A new filter, as `AnnotationFilter(name, users, terms)`.
    pub fn new(
        name: impl Into<String>,
        users: impl IntoIterator<Item = i64>,
        terms: impl IntoIterator<Item = i64>,
    ) -> Self {
        AnnotationFilter {
            name: Some(name.into()),
            users: Some(users.into_iter().collect()),
            terms: Some(terms.into_iter().collect()),
            ..Default::default()
        }
    }
}
