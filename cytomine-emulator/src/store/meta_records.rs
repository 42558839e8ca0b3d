//! Records attached to any domain object: properties, attached files, descriptions, tags.

use bytes::Bytes;

use super::Meta;

/// The domain object a record is attached to (`domainClassName` + `domainIdent`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DomainRef {
    /// Fully qualified class name, e.g. `be.cytomine.domain.project.Project`.
    pub class: String,
    /// The object's id.
    pub ident: i64,
}

/// A key/value property (values are always strings).
#[derive(Debug, Clone)]
pub struct Property {
    /// Id and times.
    pub meta: Meta,
    /// The owner.
    pub owner: DomainRef,
    /// Key.
    pub key: String,
    /// Value, as text.
    pub value: String,
}

/// A file attached to a domain object.
#[derive(Debug, Clone)]
pub struct AttachedFile {
    /// Id and times.
    pub meta: Meta,
    /// The owner.
    pub owner: DomainRef,
    /// File name (the last path segment of the uploaded name, unless given).
    pub filename: String,
    /// Optional key.
    pub key: Option<String>,
    /// The file content.
    pub bytes: Bytes,
}

/// The one description (HTML text) of a domain object.
#[derive(Debug, Clone)]
pub struct Description {
    /// Id and times.
    pub meta: Meta,
    /// The owner.
    pub owner: DomainRef,
    /// The text.
    pub data: String,
}

/// A tag.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Id and times.
    pub meta: Meta,
    /// Unique name.
    pub name: String,
    /// Creator id.
    pub user: i64,
}

/// A tag put on a domain object.
#[derive(Debug, Clone)]
pub struct TagDomainAssociation {
    /// Id and times.
    pub meta: Meta,
    /// The tagged object.
    pub owner: DomainRef,
    /// Tag id.
    pub tag: i64,
}
