//! The whole server state: one id sequence, users and sessions, and a table per domain.

mod link_records;
mod meta_records;
mod records;
mod review_records;
mod social_records;
mod stored_file;
mod table;

use std::collections::HashMap;
use std::sync::Mutex;

pub(crate) use link_records::*;
pub(crate) use meta_records::*;
pub(crate) use records::*;
pub(crate) use review_records::*;
pub(crate) use social_records::*;
pub(crate) use stored_file::{FileWriter, StoredFile};
pub(crate) use table::Table;

use crate::keys::{random_uuid, Role, UserKeys};

/// How long an opened admin session lasts (docs/protocol.md §1.6).
pub(crate) const ADMIN_SESSION_MS: i64 = 120 * 60 * 1000;
/// A user is "online" after a request in the last five minutes.
pub(crate) const ONLINE_MS: i64 = 5 * 60 * 1000;

/// Everything the server knows, behind one lock.
#[derive(Debug, Default)]
pub(crate) struct State {
    next_id: i64,
    /// The four roles with their ids (allocated on first use of [`State::roles`]).
    pub(crate) role_ids: Vec<(i64, Role)>,
    /// Users.
    pub(crate) users: Table<User>,
    /// Open admin sessions: username → opening time (ms).
    pub(crate) admin_sessions: HashMap<String, i64>,
    /// Last request time per user id (ms); behind its own lock so reads can record it.
    pub(crate) last_seen: Mutex<HashMap<i64, i64>>,
    /// Projects.
    pub(crate) projects: Table<Project>,
    /// Ontologies.
    pub(crate) ontologies: Table<Ontology>,
    /// Terms.
    pub(crate) terms: Table<Term>,
    /// Storages.
    pub(crate) storages: Table<Storage>,
    /// Uploaded files.
    pub(crate) uploaded_files: Table<UploadedFile>,
    /// Abstract images.
    pub(crate) abstract_images: Table<AbstractImage>,
    /// Abstract slices.
    pub(crate) abstract_slices: Table<AbstractSlice>,
    /// Image instances.
    pub(crate) image_instances: Table<ImageInstance>,
    /// Slice instances.
    pub(crate) slice_instances: Table<SliceInstance>,
    /// User annotations.
    pub(crate) annotations: Table<Annotation>,
    /// Annotation-term links.
    pub(crate) annotation_terms: Table<AnnotationTerm>,
    /// Annotation id → its annotation-term ids.
    pub(crate) terms_of_annotation: HashMap<i64, Vec<i64>>,
    /// The id of the built-in "parent" relation (allocated with the roles).
    pub(crate) parent_relation: i64,
    /// Relations between terms.
    pub(crate) relation_terms: Table<RelationTerm>,
    /// Roles granted to users.
    pub(crate) user_roles: Table<UserRole>,
    /// Properties of any domain object.
    pub(crate) properties: Table<Property>,
    /// Attached files.
    pub(crate) attached_files: Table<AttachedFile>,
    /// Descriptions.
    pub(crate) descriptions: Table<Description>,
    /// Tags.
    pub(crate) tags: Table<Tag>,
    /// Tags put on domain objects.
    pub(crate) tag_associations: Table<TagDomainAssociation>,
    /// Tracks.
    pub(crate) tracks: Table<Track>,
    /// Annotations on tracks.
    pub(crate) annotation_tracks: Table<AnnotationTrack>,
    /// Image groups.
    pub(crate) image_groups: Table<ImageGroup>,
    /// Image group memberships.
    pub(crate) image_group_images: Table<ImageGroupImageInstance>,
    /// Annotation groups.
    pub(crate) annotation_groups: Table<AnnotationGroup>,
    /// Annotation group memberships.
    pub(crate) annotation_links: Table<AnnotationLink>,
    /// Reviewed annotations.
    pub(crate) reviewed_annotations: Table<ReviewedAnnotation>,
    /// Image instance id → its review state.
    pub(crate) image_reviews: HashMap<i64, ImageReview>,
    /// Viewer positions.
    pub(crate) positions: Table<Position>,
    /// Annotation actions.
    pub(crate) annotation_actions: Table<AnnotationAction>,
    /// Project connections.
    pub(crate) project_connections: Table<ProjectConnection>,
    /// Image consultations.
    pub(crate) image_consultations: Table<ImageConsultation>,
}

impl State {
    /// The next id of the global sequence.
    pub(crate) fn next_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// A fresh `Meta` stamped `now`.
    pub(crate) fn meta(&mut self, now: i64) -> Meta {
        Meta {
            id: self.next_id(),
            created: now,
            updated: now,
        }
    }

    /// Allocate the role ids and the "parent" relation id (idempotent); they share the global
    /// sequence as in Cytomine.
    pub(crate) fn init_roles(&mut self) {
        if self.role_ids.is_empty() {
            for role in [Role::SuperAdmin, Role::Admin, Role::User, Role::Guest] {
                let id = self.next_id();
                self.role_ids.push((id, role));
            }
            self.parent_relation = self.next_id();
        }
    }

    /// Grant `user` the roles that come with `role` (an admin is also a user).
    pub(crate) fn grant_roles(&mut self, user: i64, role: Role, now: i64) {
        let implied: &[Role] = match role {
            Role::SuperAdmin => &[Role::User, Role::Admin, Role::SuperAdmin],
            Role::Admin => &[Role::User, Role::Admin],
            Role::User => &[Role::User],
            Role::Guest => &[Role::Guest],
        };
        for r in implied {
            let meta = self.meta(now);
            self.user_roles.insert(
                meta.id,
                UserRole {
                    meta,
                    user,
                    role: *r,
                },
            );
        }
    }

    /// Recompute a user's highest role from the roles granted (a guest when none is left).
    pub(crate) fn refresh_role(&mut self, user: i64) {
        let highest = self
            .user_roles
            .iter()
            .filter(|r| r.user == user)
            .map(|r| r.role)
            .min()
            .unwrap_or(Role::Guest);
        if let Some(u) = self.users.get_mut(user) {
            u.role = highest;
        }
    }

    /// Create a user with its own storage; keys are random unless given.
    pub(crate) fn add_user(
        &mut self,
        username: &str,
        role: Role,
        keys: Option<(String, String)>,
        now: i64,
    ) -> UserKeys {
        let (public_key, private_key) = keys.unwrap_or_else(|| (random_uuid(), random_uuid()));
        let meta = self.meta(now);
        let user = User {
            meta,
            username: username.to_owned(),
            firstname: username.to_owned(),
            lastname: username.to_owned(),
            email: format!("{username}@example.org"),
            role,
            enabled: true,
            public_key: public_key.clone(),
            private_key: private_key.clone(),
            language: "ENGLISH".to_owned(),
            is_developer: false,
        };
        self.users.insert(meta.id, user);
        self.add_storage(meta.id, &format!("{username} storage"), now);
        self.grant_roles(meta.id, role, now);
        UserKeys {
            id: meta.id,
            username: username.to_owned(),
            public_key,
            private_key,
        }
    }

    /// Create a storage owned by `user`.
    pub(crate) fn add_storage(&mut self, user: i64, name: &str, now: i64) -> i64 {
        let meta = self.meta(now);
        self.storages.insert(
            meta.id,
            Storage {
                meta,
                name: name.to_owned(),
                user,
            },
        );
        meta.id
    }

    /// An enabled user by public key.
    pub(crate) fn user_by_public_key(&self, public_key: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.enabled && u.public_key == public_key)
    }

    /// A user by username.
    pub(crate) fn user_by_name(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username == username)
    }

    /// Record a request by `user` at `now`.
    pub(crate) fn touch(&self, user: i64, now: i64) {
        let mut seen = self.last_seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.insert(user, now);
    }

    /// Whether `user` made a request in the last five minutes.
    pub(crate) fn is_online(&self, user: i64, now: i64) -> bool {
        let seen = self.last_seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.get(&user).is_some_and(|t| now - t < ONLINE_MS)
    }

    /// Whether the user has an open admin session at `now`.
    pub(crate) fn admin_session_open(&self, username: &str, now: i64) -> bool {
        self.admin_sessions
            .get(username)
            .is_some_and(|t| now - t < ADMIN_SESSION_MS)
    }
}
