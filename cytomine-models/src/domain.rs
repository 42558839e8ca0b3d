//! [`DomainObject`]: an object other objects can be attached to (properties, attached files,
//! descriptions, tags), known on the server by its class name and id.

use cytomine::{Error, Result};

/// An object that properties, attached files, descriptions and tag associations can be attached
/// to: the server knows it as `domain/{domain_class_name}/{domain_ident}`.
///
/// Implemented by every model: the class name is the one the server sent (`class`), or the
/// model's known class name when the object was built locally; the ident is its id.
///
/// ```
/// use cytomine_models::{DomainObject, Project};
/// let mut project = Project::new("p");
/// assert_eq!(project.domain_ident(), None);
/// project.id = Some(42);
/// assert_eq!(project.domain_class_name(), Some("be.cytomine.domain.project.Project"));
/// assert_eq!(project.domain_ident(), Some(42));
/// ```
pub trait DomainObject {
    /// The server's fully qualified class name, e.g. `be.cytomine.domain.project.Project`.
    fn domain_class_name(&self) -> Option<&str>;
    /// The object's id.
    fn domain_ident(&self) -> Option<i64>;
}

/// The owner's class name and id, or a usage error naming `what` (nothing is sent).
pub(crate) fn owner_parts(owner: &impl DomainObject, what: &str) -> Result<(String, i64)> {
    let missing = |part: &str| {
        Error::Usage(format!(
            "{what}: the owner has no {part}; fetch or save it first"
        ))
    };
    let class = owner
        .domain_class_name()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| missing("class name"))?;
    let id = owner.domain_ident().ok_or_else(|| missing("id"))?;
    Ok((class.to_string(), id))
}

/// Implements [`DomainObject`] for a model declared with `model!`.
macro_rules! domain_object {
    ($name:ident) => {
        impl $crate::domain::DomainObject for $name {
            fn domain_class_name(&self) -> Option<&str> {
                self.class_name
                    .as_deref()
                    .or(<Self as ::cytomine::Resource>::CLASS_NAME)
            }
            // The object's own id, even on models that have a `domain_ident` field (the id of
            // *their* owner).
            #[allow(clippy::misnamed_getters)]
            fn domain_ident(&self) -> Option<i64> {
                self.id
            }
        }
    };
}
