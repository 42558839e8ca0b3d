//! Projects (docs/protocol.md §3.1).

use std::collections::BTreeSet;

use serde_json::Value;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::project_filters::ProjectSearch;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::{page_paged, paged};
use crate::http::route::Params;
use crate::store::{Meta, Project, ProjectMode, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("project.json", list);
    routes
        .crud::<Project>("project")
        .post()
        .get()
        .put()
        .delete();
    routes.get("ontology/{id}/project.json", by_ontology);
    routes.get("user/{id}/project.json", by_user);
}

fn list_where(call: &Call, state: &State, pred: impl Fn(&Project) -> bool) -> Outcome {
    let caller = call.user()?;
    let items: Vec<&Project> = state
        .projects
        .iter()
        .rev()
        .filter(|p| acl::can_read(caller, p) && pred(p))
        .collect();
    let members_count = call.flag_or("withMembersCount", false);
    paged(call, items, |p| view_listed(state, call, p, members_count))
}

/// A project as listed, with `membersCount` when asked for.
fn view_listed(state: &State, call: &Call, project: &Project, members_count: bool) -> Value {
    let mut view = project.view(state, call);
    if members_count {
        view["membersCount"] = project.members.len().into();
    }
    view
}

/// `GET project.json`: the searches and sort of `ProjectService.list`, paged as a Spring `Page`.
fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    let caller = call.user()?;
    let search = ProjectSearch::from_call(call)?;
    let mut items: Vec<&Project> = state
        .projects
        .iter()
        .rev()
        .filter(|p| acl::can_read(caller, p) && search.keep(state, p))
        .collect();
    search.order(state, &mut items);
    let members_count = search.members_count();
    page_paged(call, items, |p| view_listed(state, call, p, members_count))
}

fn by_ontology(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = params.id("id").filter(|id| state.ontologies.contains(*id));
    let id =
        id.ok_or_else(|| Fail::not_found_filters("Ontology", &format!("id={}", params.get("id"))))?;
    list_where(call, state, |pr| pr.ontology == Some(id))
}

fn by_user(call: &Call, params: &Params, state: &State) -> Outcome {
    let user = super::user::find_user(state, params.get("id"))?.meta.id;
    list_where(call, state, |pr| pr.members.contains(&user))
}

fn mode_of(body: &Body, old: Option<&Project>) -> ProjectMode {
    match json::text(body, "mode").as_deref() {
        Some("RESTRICTED") => return ProjectMode::Restricted,
        Some("READ_ONLY") => return ProjectMode::ReadOnly,
        Some("CLASSIC") => return ProjectMode::Classic,
        _ => {}
    }
    let old_mode = old.map_or(ProjectMode::Classic, |o| o.mode);
    if json::flag(body, "isReadOnly", old_mode == ProjectMode::ReadOnly) {
        ProjectMode::ReadOnly
    } else if json::flag(body, "isRestricted", old_mode == ProjectMode::Restricted) {
        ProjectMode::Restricted
    } else {
        ProjectMode::Classic
    }
}

impl Domain for Project {
    const CLASS: &'static str = "be.cytomine.domain.project.Project";
    table_access!(projects);
    fn label(&self) -> String {
        self.name.clone()
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let ontology_name = self
            .ontology
            .and_then(|o| state.ontologies.get(o))
            .map(|o| o.name.clone());
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", self.name.clone().into()),
                ("ontology", json::opt(self.ontology)),
                ("ontologyName", json::opt(ontology_name)),
                ("blindMode", self.blind_mode.into()),
                ("areImagesDownloadable", self.are_images_downloadable.into()),
                ("numberOfSlides", 0.into()),
                ("numberOfImages", self.number_of_images.into()),
                ("numberOfAnnotations", self.number_of_annotations.into()),
                ("numberOfJobAnnotations", 0.into()),
                (
                    "numberOfReviewedAnnotations",
                    super::review::project_count(state, self.meta.id).into(),
                ),
                ("isClosed", self.is_closed.into()),
                ("isReadOnly", (self.mode == ProjectMode::ReadOnly).into()),
                (
                    "isRestricted",
                    (self.mode == ProjectMode::Restricted).into(),
                ),
                ("hideUsersLayers", self.hide_users_layers.into()),
                ("hideAdminsLayers", self.hide_admins_layers.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.meta.id).map(|_| ())
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found_filters("Project", &format!("id={id}"))
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let caller = acl::not_guest(call)?;
        if let Some(o) = old {
            acl::manage_project(call, state, o.meta.id)?;
        }
        let name = json::required_text(body, "name")?;
        if crud::taken(state, old, |p: &Self| p.name == name) {
            return Err(Fail::exists(format!("Project {name} already exist!")));
        }
        let ontology =
            json::reference(body, "ontology", false, |id| state.ontologies.contains(id))?;
        let mut users = json::ids(body, "users");
        let mut admins = json::ids(body, "admins");
        if old.is_none() {
            // A new project's unknown members are skipped (`ProjectService.add`).
            for list in [&mut users, &mut admins].into_iter().flatten() {
                list.retain(|id| state.users.contains(*id));
            }
        }
        for id in users.iter().chain(admins.iter()).flatten() {
            if !state.users.contains(*id) {
                return Err(Fail::bad(format!("user was not found with id: {id}")));
            }
        }
        let default_admins: BTreeSet<i64> =
            old.map_or_else(|| BTreeSet::from([caller.id]), |o| o.admins.clone());
        let admins: BTreeSet<i64> = admins.map_or(default_admins, |a| {
            let mut set: BTreeSet<i64> = a.into_iter().collect();
            if old.is_none() {
                set.insert(caller.id);
            }
            set
        });
        let mut members: BTreeSet<i64> = match (users, old) {
            (Some(u), _) => u.into_iter().collect(),
            (None, Some(o)) => o.members.clone(),
            (None, None) => BTreeSet::new(),
        };
        members.extend(admins.iter().copied());
        Ok(Project {
            meta: Meta::blank(),
            name,
            ontology,
            blind_mode: json::flag(body, "blindMode", false),
            are_images_downloadable: json::flag(body, "areImagesDownloadable", false),
            is_closed: json::flag(body, "isClosed", false),
            mode: mode_of(body, old),
            hide_users_layers: json::flag(body, "hideUsersLayers", false),
            hide_admins_layers: json::flag(body, "hideAdminsLayers", false),
            members,
            admins,
            number_of_images: old.map_or(0, |o| o.number_of_images),
            number_of_annotations: old.map_or(0, |o| o.number_of_annotations),
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        acl::manage_project(call, state, id)?;
        super::cascade::delete_project_content(state, id);
        Ok(())
    }
}
