//! The repository records of the migrated domains (`*Response` in docs/protocol.md §3.2-3.6, 3.13, 3.17).

use serde_json::{Map, Value};

use super::{role_record, soft_delete, stamp, Migrated};
use crate::domains::abstract_image::thumb_url;
use crate::domains::{acl, json};
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{
    Ontology, RelationTerm, State, Storage, Tag, TagDomainAssociation, Term, UploadedFile, User,
    UserRole,
};

/// Deepest `children` nesting shown (parents may form a cycle; a tree view must end).
const MAX_TERM_DEPTH: usize = 16;

fn fields(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// `TermResponse`, with its children down to `depth` more levels.
fn term_tree(term: &Term, state: &State, depth: usize) -> Value {
    let children: Vec<Value> = if depth == 0 {
        Vec::new()
    } else {
        state
            .terms
            .iter()
            .filter(|c| c.parent == Some(term.meta.id))
            .map(|c| term_tree(c, state, depth - 1))
            .collect()
    };
    let m = fields(vec![
        ("id", term.meta.id.into()),
        ("name", term.name.clone().into()),
        ("color", term.color.clone().into()),
        ("ontologyId", term.ontology.into()),
        ("comment", json::opt(term.comment.clone())),
        ("children", children.into()),
    ]);
    stamp(m, &term.meta, None, Term::DATA_TYPE)
}

impl Migrated for Ontology {
    const DATA_TYPE: &'static str = "ONTOLOGY";
    const NOUN: &'static str = "ontology";
    const COMMAND: &'static str = "Ontology";
    fn record(&self, state: &State, _call: &Call) -> Map<String, Value> {
        let terms: Vec<Value> = state
            .terms
            .iter()
            .filter(|t| t.ontology == self.meta.id)
            .map(|t| term_tree(t, state, MAX_TERM_DEPTH))
            .collect();
        fields(vec![
            ("name", self.name.clone().into()),
            ("id", self.meta.id.into()),
            ("terms", terms.into()),
            ("user", self.user.into()),
        ])
    }
    /// The terms are soft-deleted with their ontology; a project may still name it (no refusal,
    /// unlike core C).
    fn soft_remove(
        call: &Call,
        state: &mut State,
        id: i64,
        subs: &mut Vec<Value>,
    ) -> Result<(), Fail> {
        if let Some(o) = state.ontologies.get(id) {
            acl::owner_or_admin(
                call,
                o.user,
                <Self as crate::domains::crud::Domain>::CLASS,
                id,
            )?;
        }
        for t in state.terms.ids_where(|t| t.ontology == id) {
            subs.push(soft_delete::<Term>(call, state, t)?);
        }
        Ok(())
    }
}

impl Migrated for Term {
    const DATA_TYPE: &'static str = "TERM";
    const NOUN: &'static str = "term";
    const COMMAND: &'static str = "Term";
    const ALIASES: &'static [(&'static str, &'static str)] = &[("ontologyId", "ontology")];
    fn record(&self, state: &State, _call: &Call) -> Map<String, Value> {
        match term_tree(self, state, MAX_TERM_DEPTH) {
            Value::Object(mut m) => {
                for k in ["created", "updated", "deleted", "dataType"] {
                    m.remove(k);
                }
                m
            }
            _ => Map::new(),
        }
    }
}

impl Migrated for RelationTerm {
    const DATA_TYPE: &'static str = "TERM_RELATION";
    const NOUN: &'static str = "term relation";
    const COMMAND: &'static str = "TermRelation";
    const ALIASES: &'static [(&'static str, &'static str)] = &[
        ("term1Id", "term1"),
        ("term2Id", "term2"),
        ("relationId", "relation"),
    ];
    fn record(&self, _st: &State, _call: &Call) -> Map<String, Value> {
        fields(vec![
            ("id", self.meta.id.into()),
            ("term1Id", self.term1.into()),
            ("term2Id", self.term2.into()),
            ("relationId", self.relation.into()),
            ("name", "parent".into()),
        ])
    }
}

impl Migrated for Storage {
    const DATA_TYPE: &'static str = "STORAGE";
    const NOUN: &'static str = "storage";
    const COMMAND: &'static str = "Storage";
    const ALIASES: &'static [(&'static str, &'static str)] = &[("userId", "user")];
    fn record(&self, _st: &State, _call: &Call) -> Map<String, Value> {
        fields(vec![
            ("id", self.meta.id.into()),
            ("userId", self.user.into()),
            ("name", self.name.clone().into()),
        ])
    }
}

impl Migrated for UploadedFile {
    const DATA_TYPE: &'static str = "UPLOADED_FILE";
    const NOUN: &'static str = "uploaded file";
    const COMMAND: &'static str = "UploadedFile";
    fn record(&self, state: &State, call: &Call) -> Map<String, Value> {
        let image = state
            .abstract_images
            .iter()
            .find(|a| a.uploaded_file == Some(self.meta.id));
        let thumb = image.map(|a| thumb_url(call, "abstractimage", a.meta.id, None));
        fields(vec![
            ("id", self.meta.id.into()),
            ("user", self.user.into()),
            ("parent", json::opt(self.parent)),
            ("storage", self.storage.into()),
            ("filename", self.filename.clone().into()),
            ("originalFilename", self.original_filename.clone().into()),
            ("ext", self.ext.clone().into()),
            ("contentType", self.content_type.clone().into()),
            ("size", self.size.into()),
            ("path", self.filename.clone().into()),
            ("status", self.status.into()),
            ("projects", self.projects.clone().into()),
            ("thumbnailUrl", json::opt(thumb)),
        ])
    }
}

impl Migrated for Tag {
    const DATA_TYPE: &'static str = "TAG";
    const NOUN: &'static str = "tag";
    const COMMAND: &'static str = "Tag";
    fn record(&self, state: &State, _call: &Call) -> Map<String, Value> {
        let creator = state.users.get(self.user).map(|u| u.username.clone());
        fields(vec![
            ("id", self.meta.id.into()),
            ("name", self.name.clone().into()),
            ("creatorName", json::opt(creator)),
        ])
    }
}

impl Migrated for TagDomainAssociation {
    const DATA_TYPE: &'static str = "TAG_DOMAIN_ASSOCIATION";
    const NOUN: &'static str = "tag domain association";
    const COMMAND: &'static str = "TagDomainAssociation";
    const ALIASES: &'static [(&'static str, &'static str)] =
        &[("tagId", "tag"), ("domainId", "domainIdent")];
    fn record(&self, _st: &State, _call: &Call) -> Map<String, Value> {
        fields(vec![
            ("id", self.meta.id.into()),
            ("tagId", self.tag.into()),
            ("domainClassName", self.owner.class.clone().into()),
            ("domainId", self.owner.ident.into()),
        ])
    }
}

impl Migrated for User {
    const DATA_TYPE: &'static str = "USER";
    const NOUN: &'static str = "user";
    const COMMAND: &'static str = "SecUser";
    const ALIASES: &'static [(&'static str, &'static str)] = &[("developer", "isDeveloper")];
    const CREATE_REQUIRED: &'static [&'static str] = &["role", "language"];
    const UPDATE_REQUIRED: &'static [&'static str] = &["username"];
    /// `UserResponse`. It carries the API keys; they are shown to the user and to admins only.
    fn record(&self, state: &State, call: &Call) -> Map<String, Value> {
        let own = call
            .caller
            .as_ref()
            .is_some_and(|c| c.admin_by_now || c.id == self.meta.id);
        let key = |k: &String| {
            if own {
                Value::from(k.clone())
            } else {
                Value::Null
            }
        };
        let roles: Vec<Value> = state
            .user_roles
            .iter()
            .filter(|r| r.user == self.meta.id)
            .filter_map(|r| role_id(state, r).map(|id| role_record(state, id, r.role)))
            .collect();
        let name = format!("{} {}", self.firstname, self.lastname);
        fields(vec![
            ("id", self.meta.id.into()),
            ("username", self.username.clone().into()),
            ("email", self.email.clone().into()),
            ("name", name.trim().into()),
            ("lastname", self.lastname.clone().into()),
            ("firstname", self.firstname.clone().into()),
            ("language", self.language.clone().into()),
            ("isDeveloper", self.is_developer.into()),
            ("origin", Value::Null),
            ("privateKey", key(&self.private_key)),
            ("publicKey", key(&self.public_key)),
            ("roles", roles.into()),
        ])
    }
    fn undeletable(&self) -> Option<String> {
        matches!(self.username.as_str(), "admin" | "ImageServer1")
            .then(|| format!("The user {} cannot be deleted", self.username))
    }
}

fn role_id(state: &State, user_role: &UserRole) -> Option<i64> {
    state
        .role_ids
        .iter()
        .find(|(_, role)| *role == user_role.role)
        .map(|(id, _)| *id)
}

impl Migrated for UserRole {
    const DATA_TYPE: &'static str = "USER_ROLE";
    const NOUN: &'static str = "user role";
    const COMMAND: &'static str = "SecUserSecRole";
    const ALIASES: &'static [(&'static str, &'static str)] =
        &[("userId", "user"), ("roleId", "role")];
    fn record(&self, state: &State, _call: &Call) -> Map<String, Value> {
        fields(vec![
            ("id", self.meta.id.into()),
            ("userId", self.user.into()),
            ("roleId", json::opt(role_id(state, self))),
        ])
    }
}
