//! Which wire format the emulator speaks for the ten migrated domains (docs/protocol.md §0.1, §2.7).

use std::fmt;
use std::str::FromStr;

/// The server generation the emulator imitates.
///
/// ```
/// use cytomine_emulator::Profile;
/// assert_eq!("repository".parse::<Profile>(), Ok(Profile::Repository));
/// assert_eq!(Profile::default(), Profile::Classic);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Every domain in the classic format (core C, and M for the domains it did not migrate).
    #[default]
    Classic,
    /// The 2026 "repository" format for ontology, term, relation-term, storage, uploaded file,
    /// tag, tag-domain association, user CRUD, role and user-role: no `class`, ISO timestamps,
    /// `data` command envelopes, `page`/`size` paging, soft deletes. Everything else classic.
    Repository,
}

impl Profile {
    /// The flag value: `classic` or `repository`.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Classic => "classic",
            Profile::Repository => "repository",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "classic" => Ok(Profile::Classic),
            "repository" => Ok(Profile::Repository),
            other => Err(format!(
                "unknown profile {other:?}, expected classic or repository"
            )),
        }
    }
}
