//! The search and sort of `GET project.json` (docs/protocol.md §3.1 "Listing"): `field[op]=value`
//! filters on the project's name, counters, ontology, tags and member count, and `sort`/`order`,
//! as the server's `ProjectService.list` applies them.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::{Project, State};

const PROJECT_CLASS: &str = "be.cytomine.domain.project.Project";

/// A value a project is searched or sorted on.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Field {
    Number(Option<i64>),
    Text(String),
}

/// One `field[op]=value` filter.
struct Search {
    field: String,
    op: String,
    value: String,
}

/// The filters and order of one listing request.
pub(super) struct ProjectSearch {
    searches: Vec<Search>,
    sort: String,
    descending: bool,
    members_count: bool,
}

/// The searchable and sortable fields (others are ignored, as the server ignores fields that are
/// not project columns).
const FIELDS: [&str; 8] = [
    "name",
    "numberOfImages",
    "numberOfAnnotations",
    "numberOfJobAnnotations",
    "numberOfReviewedAnnotations",
    "ontology",
    "tag",
    "membersCount",
];

/// The columns `sort` maps to a project value (`ProjectService.list`, 475-510).
const SORTABLE: [&str; 6] = [
    "name",
    "numberOfImages",
    "numberOfAnnotations",
    "numberOfJobAnnotations",
    "numberOfReviewedAnnotations",
    "membersCount",
];

/// The operators of `SearchOperation` (others are ignored).
const OPERATORS: [&str; 7] = ["equals", "nequals", "like", "ilike", "lte", "gte", "in"];

impl ProjectSearch {
    /// Read the filters, `sort` (default `created`) and `order` (default `desc`, anything else is
    /// ascending); the 400s of a search or sort on data the request did not ask for.
    pub(super) fn from_call(call: &Call) -> Result<ProjectSearch, Fail> {
        let members_count = call.flag_or("withMembersCount", false);
        let searches: Vec<Search> = call
            .query
            .iter()
            .filter_map(|(key, value)| {
                let (field, rest) = key.split_once('[')?;
                let op = rest.strip_suffix(']')?;
                (FIELDS.contains(&field) && OPERATORS.contains(&op)).then(|| Search {
                    field: field.to_owned(),
                    op: op.to_owned(),
                    value: value.clone(),
                })
            })
            .collect();
        if !members_count && searches.iter().any(|s| s.field == "membersCount") {
            return Err(Fail::bad(
                "Cannot search on members attributes without argument withMembersCount",
            ));
        }
        let sort = call.param("sort").unwrap_or("created").to_owned();
        if sort == "lastActivity" && !call.flag_or("withLastActivity", false) {
            return Err(Fail::bad(
                "Cannot sort on lastActivity without argument withLastActivity",
            ));
        }
        if sort == "membersCount" && !members_count {
            return Err(Fail::bad(
                "Cannot sort on membersCount without argument withMembersCount",
            ));
        }
        Ok(ProjectSearch {
            searches,
            sort,
            descending: call.param("order").unwrap_or("desc") == "desc",
            members_count,
        })
    }

    /// Whether `project` passes every filter.
    pub(super) fn keep(&self, state: &State, project: &Project) -> bool {
        self.searches.iter().all(|s| s.matches(state, project))
    }

    /// Order `projects` (newest first already, the server's default order) by `sort`:
    /// `DESC NULLS LAST` or `ASC NULLS FIRST`. Other columns (`created`, `id`) keep the creation
    /// order.
    pub(super) fn order(&self, state: &State, projects: &mut [&Project]) {
        if !SORTABLE.contains(&self.sort.as_str()) {
            if !self.descending {
                projects.reverse();
            }
            return;
        }
        let key = |p: &Project| {
            value_of(state, p, &self.sort)
                .into_iter()
                .next()
                .filter(defined)
        };
        projects.sort_by(|a, b| {
            let ascending = match (key(a), key(b)) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            };
            if self.descending {
                ascending.reverse()
            } else {
                ascending
            }
        });
    }

    /// Whether the answer carries `membersCount`.
    pub(super) fn members_count(&self) -> bool {
        self.members_count
    }
}

/// The values of `field` for `project` (several for `tag`; none when it has no tag).
fn value_of(state: &State, project: &Project, field: &str) -> Vec<Field> {
    let count = |n: i64| vec![Field::Number(Some(n))];
    match field {
        "name" => vec![Field::Text(project.name.clone())],
        "numberOfImages" => count(project.number_of_images),
        "numberOfAnnotations" => count(project.number_of_annotations),
        "numberOfJobAnnotations" => count(0),
        "numberOfReviewedAnnotations" => {
            count(super::review::project_count(state, project.meta.id) as i64)
        }
        "ontology" => vec![Field::Number(project.ontology)],
        "membersCount" => count(project.members.len() as i64),
        "tag" => {
            let tags: BTreeSet<i64> = state
                .tag_associations
                .iter()
                .filter(|t| t.owner.class == PROJECT_CLASS && t.owner.ident == project.meta.id)
                .map(|t| t.tag)
                .collect();
            tags.into_iter().map(|t| Field::Number(Some(t))).collect()
        }
        _ => Vec::new(),
    }
}

impl Search {
    /// The server's SQL for one filter (`SQLSearchParameter`): `lte`/`gte` compare, `like`/`ilike`
    /// look for a substring (`*` is a wildcard), `in` takes a comma-separated list where `null`
    /// matches a missing value.
    fn matches(&self, state: &State, project: &Project) -> bool {
        let values = value_of(state, project, &self.field);
        let wanted = |text: &str| -> Field {
            match values.first() {
                Some(Field::Text(_)) => Field::Text(text.to_owned()),
                _ if text == "null" => Field::Number(None),
                _ => Field::Number(text.trim().parse().ok()),
            }
        };
        let any = |pred: &dyn Fn(&Field) -> bool| values.iter().any(pred);
        match self.op.as_str() {
            "in" => {
                let list: Vec<Field> = self.value.split(',').map(wanted).collect();
                let no_value = values.is_empty() || values == [Field::Number(None)];
                (no_value && list.contains(&Field::Number(None)))
                    || any(&|v| *v != Field::Number(None) && list.contains(v))
            }
            "equals" => any(&|v| *v == wanted(&self.value)),
            "nequals" => !any(&|v| *v == wanted(&self.value)),
            "lte" => any(&|v| defined(v) && *v <= wanted(&self.value)),
            "gte" => any(&|v| defined(v) && *v >= wanted(&self.value)),
            op => {
                let needle = self.value.replace(['*', '%'], "");
                let case_blind = op == "ilike";
                any(&|v| match v {
                    Field::Text(t) if case_blind => {
                        t.to_lowercase().contains(&needle.to_lowercase())
                    }
                    Field::Text(t) => t.contains(&needle),
                    Field::Number(_) => false,
                })
            }
        }
    }
}

/// Whether a value is set (SQL comparisons with NULL are never true).
fn defined(value: &Field) -> bool {
    *value != Field::Number(None)
}
