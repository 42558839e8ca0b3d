//! Tags, and their associations with domain objects (docs/protocol.md §3.17).

use cytomine::Result;

use crate::domain::{owner_parts, DomainObject};

model! {
    /// A tag: a global label that domain objects can be associated with.
    ///
    /// `GET/PUT/DELETE tag/{id}.json`, `POST tag.json`, list `tag.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::Tag;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut tag = Tag::new("to-review");
    /// tag.save(&cm).await?;
    /// let tags = Tag::list().fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(path = "tag", class = "be.cytomine.domain.meta.Tag")]
    pub struct Tag {
        /// Tag name (unique).
        pub name: Option<String>,
        /// Id of the creator.
        pub user: Option<i64>,
        /// Creator's username.
        pub creator_name: Option<String>,
    }
}

impl Tag {
    /// A new tag, as `Tag(name)` in the Python client.
    ///
    /// ```
    /// assert_eq!(cytomine_models::Tag::new("x").name.as_deref(), Some("x"));
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Tag {
            name: Some(name.into()),
            ..Default::default()
        }
    }
}

model! {
    /// The association of a tag with a domain object.
    ///
    /// `POST domain/{cls}/{id}/tag_domain_association.json`; `GET/PUT/DELETE
    /// tag_domain_association/{id}.json` (core has no PUT route: updates fail there). Lists:
    /// `tag_domain_association.json`, `domain/{cls}/{id}/tag_domain_association.json`
    /// ([`TagDomainAssociation::list_of`]).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::{Project, TagDomainAssociation};
    /// # async fn demo(cm: Cytomine, project: Project) -> cytomine::Result<()> {
    /// let mut link = TagDomainAssociation::of(&project, 5)?;
    /// link.save(&cm).await?;
    /// let links = TagDomainAssociation::list_of(&project)?.fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "tag_domain_association",
        class = "be.cytomine.domain.meta.TagDomainAssociation",
        envelope = "tagdomainassociation",
        create = "domain/{domain_class_name}/{domain_ident}/tag_domain_association.json",
        filters(domain = "domain/{}/{}/tag_domain_association.json"),
        no_batch
    )]
    pub struct TagDomainAssociation {
        /// Class name of the tagged object.
        pub domain_class_name: Option<String>,
        /// Id of the tagged object.
        #[serde(alias = "domainId")]
        pub domain_ident: Option<i64>,
        /// Id of the tag.
        #[serde(alias = "tagId")]
        pub tag: Option<i64>,
        /// Name of the tag (sent by the server).
        pub tag_name: Option<String>,
    }
}

impl TagDomainAssociation {
    /// A new association of tag `tag_id` with `owner`, as `TagDomainAssociation(owner, tag)`.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let mut image = cytomine_models::ImageInstance::default();
    /// image.id = Some(9);
    /// let t = cytomine_models::TagDomainAssociation::of(&image, 5).unwrap();
    /// assert_eq!((t.domain_ident, t.tag), (Some(9), Some(5)));
    /// assert_eq!(cytomine_models::TagDomainAssociation::ITEM_PATH, "tag_domain_association/{id}.json");
    /// ```
    pub fn of(owner: &impl DomainObject, tag_id: i64) -> Result<Self> {
        let (class, id) = owner_parts(owner, "tag association")?;
        Ok(TagDomainAssociation {
            domain_class_name: Some(class),
            domain_ident: Some(id),
            tag: Some(tag_id),
            ..Default::default()
        })
    }

    /// The list of `owner`'s tag associations.
    pub fn list_of(owner: &impl DomainObject) -> Result<TagDomainAssociationList> {
        let (class, id) = owner_parts(owner, "tag association list")?;
        Ok(<TagDomainAssociation as cytomine::Resource>::list().domain(class, id))
    }
}
