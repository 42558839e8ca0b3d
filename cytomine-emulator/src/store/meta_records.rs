//! Records attached to any domain object: properties, attached files, descriptions, tags.

use bytes::Bytes;

use super::Meta;

/// The domain object a record is attached to (`domainClassName` + `domainIdent`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct DomainRef {
    /// Fully qualified class name, e.g. `be.cytomine.domain.project.Project`.
    pub(crate) class: String,
    /// The object's id.
    pub(crate) ident: i64,
}

/// A key/value property (values are always strings).
#[derive(Debug, Clone)]
pub(crate) struct Property {
    /// Id and times.
    pub(crate) meta: Meta,
    /// The owner.
    pub(crate) owner: DomainRef,
    /// Key.
    pub(crate) key: String,
    /// Value, as text.
    pub(crate) value: String,
}

/// A file attached to a domain object.
#[derive(Debug, Clone)]
pub(crate) struct AttachedFile {
    /// Id and times.
    pub(crate) meta: Meta,
    /// The owner.
    pub(crate) owner: DomainRef,
    /// File name (the last path segment of the uploaded name, unless given).
    pub(crate) filename: String,
    /// Optional key.
    pub(crate) key: Option<String>,
    /// The file content.
    pub(crate) bytes: Bytes,
}

/// The one description (HTML text) of a domain object.
#[derive(Debug, Clone)]
pub(crate) struct Description {
    /// Id and times.
    pub(crate) meta: Meta,
    /// The owner.
    pub(crate) owner: DomainRef,
    /// The text.
    pub(crate) data: String,
}

/// A tag.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    /// Id and times.
    pub(crate) meta: Meta,
    /// Unique name.
    pub(crate) name: String,
    /// Creator id.
    pub(crate) user: i64,
}

/// A tag put on a domain object.
#[derive(Debug, Clone)]
pub(crate) struct TagDomainAssociation {
    /// Id and times.
    pub(crate) meta: Meta,
    /// The tagged object.
    pub(crate) owner: DomainRef,
    /// Tag id.
    pub(crate) tag: i64,
}
