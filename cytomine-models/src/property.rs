//! Key/value properties and HTML descriptions attached to any domain object
//! (`domain/{class}/{id}/...`, docs/protocol.md §3.14 and §3.16).

use std::collections::BTreeMap;

use cytomine::Result;

use crate::domain::{owner_parts, DomainObject};

model! {
    /// A key/value property of a domain object (a project, an image, an annotation...). The
    /// value is always text on the server.
    ///
    /// `POST domain/{cls}/{id}/property.json`; `GET/PUT/DELETE
    /// domain/{cls}/{id}/property/{pid}.json`; by key with `Property::fetch_by_key(cm, class,
    /// id, key)` (`GET domain/{cls}/{id}/key/{key}/property.json`). Lists:
    /// `domain/{cls}/{id}/property.json` ([`Property::list_of`]) and the shortcuts
    /// `project/{id}/property.json`, `imageinstance/{id}/property.json`,
    /// `annotation/{id}/property.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::{DomainObject, Project, Property, PropertyMap};
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let project = Project::fetch(&cm, 42).await?;
    /// let mut stain = Property::of(&project, "stain", "H&E")?;
    /// stain.save(&cm).await?;
    /// let class = project.domain_class_name().unwrap_or_default();
    /// let same = Property::fetch_by_key(&cm, class, 42, "stain").await?;
    /// let all = Property::list_of(&project)?.fetch(&cm).await?;
    /// assert_eq!(all.as_map()["stain"].value.as_deref(), Some("H&E"));
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "property",
        class = "be.cytomine.domain.meta.Property",
        create = "domain/{domain_class_name}/{domain_ident}/property.json",
        item = "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
        filters(
            domain = "domain/{}/{}/property.json",
            project = "project/{}/property.json",
            imageinstance = "imageinstance/{}/property.json",
            annotation = "annotation/{}/property.json"
        ),
        filter_required,
        fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/property.json")
    )]
    pub struct Property {
        /// Class name of the owner.
        pub domain_class_name: Option<String>,
        /// Id of the owner.
        pub domain_ident: Option<i64>,
        /// The key (unique per owner).
        pub key: Option<String>,
        /// The value (text).
        pub value: Option<String>,
    }
}

impl Property {
    /// A new property `key = value` of `owner`, as `Property(owner, key, value)` in the Python
    /// client. The owner must have an id and a class name (fetched or saved).
    ///
    /// ```
    /// use cytomine_models::{Project, Property};
    /// let mut project = Project::new("p");
    /// assert!(Property::of(&project, "k", "v").is_err());
    /// project.id = Some(42);
    /// let p = Property::of(&project, "k", "v").unwrap();
    /// assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::json!({
    ///     "domainClassName": "be.cytomine.domain.project.Project", "domainIdent": 42,
    ///     "key": "k", "value": "v"}));
    /// ```
    pub fn of(
        owner: &impl DomainObject,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<Self> {
        let (class, id) = owner_parts(owner, "property")?;
        Ok(Property {
            domain_class_name: Some(class),
            domain_ident: Some(id),
            key: Some(key.into()),
            value: Some(value.into()),
            ..Default::default()
        })
    }

    /// The list of `owner`'s properties (`domain/{cls}/{id}/property.json`).
    ///
    /// ```
    /// use cytomine_core::Query;
    /// let mut image = cytomine_models::ImageInstance::default();
    /// image.id = Some(7);
    /// let q = cytomine_models::Property::list_of(&image).unwrap();
    /// assert_eq!(q.as_query().path().unwrap(),
    ///            "domain/be.cytomine.domain.image.ImageInstance/7/property.json");
    /// ```
    pub fn list_of(owner: &impl DomainObject) -> Result<PropertyList> {
        let (class, id) = owner_parts(owner, "property list")?;
        Ok(<Property as cytomine::Resource>::list().domain(class, id))
    }
}

/// `as_map()` on a list of properties: key → property, as `PropertyCollection.as_dict()`.
///
/// ```
/// use cytomine_models::{Property, PropertyMap};
/// let props = vec![Property { key: Some("a".into()), value: Some("1".into()), ..Default::default() }];
/// assert_eq!(props.as_map()["a"].value.as_deref(), Some("1"));
/// ```
pub trait PropertyMap {
    /// The properties by key; properties without a key are left out, and a repeated key keeps
    /// its last property.
    fn as_map(&self) -> BTreeMap<&str, &Property>;
}

impl PropertyMap for [Property] {
    fn as_map(&self) -> BTreeMap<&str, &Property> {
        self.iter()
            .filter_map(|p| p.key.as_deref().map(|k| (k, p)))
            .collect()
    }
}

model! {
    /// The description (HTML text) of a domain object; at most one per object.
    ///
    /// Created, fetched, updated and deleted at `domain/{cls}/{id}/description.json` (the
    /// description's own id never appears in the path). There is no collection:
    /// `Description::list()` does not compile.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::{Description, Project};
    /// # async fn demo(cm: Cytomine, project: Project) -> cytomine::Result<()> {
    /// let mut d = Description::of(&project, "<p>Cohort A</p>")?;
    /// d.save(&cm).await?;
    /// let same = Description::fetch(&cm, ("be.cytomine.domain.project.Project".into(), 42)).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "description",
        class = "be.cytomine.domain.meta.Description",
        create = "domain/{domain_class_name}/{domain_ident}/description.json",
        item = "domain/{domain_class_name}/{domain_ident}/description.json",
        no_batch,
        refuse(list)
    )]
    pub struct Description {
        /// Class name of the owner.
        pub domain_class_name: Option<String>,
        /// Id of the owner.
        pub domain_ident: Option<i64>,
        /// The text (HTML).
        pub data: Option<String>,
    }
}

impl Description {
    /// A new description of `owner`, as `Description(owner, data)` in the Python client.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let mut project = cytomine_models::Project::new("p");
    /// project.id = Some(3);
    /// let d = cytomine_models::Description::of(&project, "<b>x</b>").unwrap();
    /// assert_eq!(d.domain_ident, Some(3));
    /// assert!(!cytomine_models::Description::BATCH_CREATE);
    /// ```
    pub fn of(owner: &impl DomainObject, data: impl Into<String>) -> Result<Self> {
        let (class, id) = owner_parts(owner, "description")?;
        Ok(Description {
            domain_class_name: Some(class),
            domain_ident: Some(id),
            data: Some(data.into()),
            ..Default::default()
        })
    }
}
