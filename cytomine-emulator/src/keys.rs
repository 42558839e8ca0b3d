//! Users' key pairs and roles as the library exposes them.

use std::fmt;

/// A user's roles, highest first (Cytomine's `ROLE_*` authorities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// `ROLE_SUPER_ADMIN`: admin at all times.
    SuperAdmin,
    /// `ROLE_ADMIN`: admin once an admin session is open.
    Admin,
    /// `ROLE_USER`.
    User,
    /// `ROLE_GUEST`: read-only.
    Guest,
}

impl Role {
    /// The authority string, e.g. `ROLE_USER`.
    pub fn authority(self) -> &'static str {
        match self {
            Role::SuperAdmin => "ROLE_SUPER_ADMIN",
            Role::Admin => "ROLE_ADMIN",
            Role::User => "ROLE_USER",
            Role::Guest => "ROLE_GUEST",
        }
    }
    /// Parse an authority string (`ROLE_ADMIN`...).
    pub fn from_authority(text: &str) -> Option<Role> {
        [Role::SuperAdmin, Role::Admin, Role::User, Role::Guest]
            .into_iter()
            .find(|r| r.authority() == text)
    }
}

/// A user's id, name and API keys.
#[derive(Clone, PartialEq, Eq)]
pub struct UserKeys {
    /// User id.
    pub id: i64,
    /// Username.
    pub username: String,
    /// Public API key.
    pub public_key: String,
    /// Private API key (never printed by `Debug`).
    pub private_key: String,
}

impl fmt::Debug for UserKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserKeys")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("public_key", &self.public_key)
            .field("private_key", &"<redacted>")
            .finish()
    }
}

/// A random UUID (version 4) string, used for keys.
pub(crate) fn random_uuid() -> String {
    let b: [u8; 16] = rand::random();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    let variant = ['8', '9', 'a', 'b'][(b[8] & 3) as usize];
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        variant,
        &h[17..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_private_key() {
        let k = UserKeys {
            id: 1,
            username: "a".into(),
            public_key: "pub".into(),
            private_key: "s3cr3t".into(),
        };
        assert!(!format!("{k:?}").contains("s3cr3t"));
        let u = random_uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
