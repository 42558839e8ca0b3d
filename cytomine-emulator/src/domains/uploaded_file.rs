//! Uploaded files (docs/protocol.md §3.6, classic format).

use serde_json::Value;

use super::acl;
use super::crud::Domain;
use super::json::{self, Body};
use super::profiled;
use super::user_owned::{self, UserOwned};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{Meta, State, UploadedFile};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("uploadedfile.json", list);
    routes.profiled::<UploadedFile>("uploadedfile").all();
    routes.get("uploadedfile/{id}/abstractimage.json", abstract_image_of);
}

/// The text of an uploaded-file status code.
pub(crate) fn status_text(status: i64) -> &'static str {
    match status {
        0 => "UPLOADED",
        10 => "DETECTING_FORMAT",
        11 => "ERROR_FORMAT",
        20 => "EXTRACTING_DATA",
        30 => "CONVERTING",
        40 => "DEPLOYING",
        100 => "DEPLOYED",
        102 => "EXTRACTED",
        104 => "CONVERTED",
        _ => "UNKNOWN",
    }
}

fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    let caller = call.user()?;
    let parent = call.int("parent")?;
    // `all=true` lists every file an admin may see; by default (and with `all=false`) an
    // admin sees every file too only while admin-by-now, others see their own.
    let everyone = caller.admin_by_now && call.flag_or("all", true);
    let items: Vec<&UploadedFile> = state
        .uploaded_files
        .iter()
        .rev()
        .filter(|u| everyone || u.user == caller.id)
        .filter(|u| parent.is_none() || u.parent == parent)
        .collect();
    profiled::list(call, state, items)
}

fn abstract_image_of(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = params.id("id");
    let image = state
        .abstract_images
        .iter()
        .find(|a| a.uploaded_file.is_some() && a.uploaded_file == id);
    let image = image.ok_or_else(|| {
        Fail::not_found_filters(
            "AbstractImage",
            &format!("uploadedFile={}", params.get("id")),
        )
    })?;
    Ok(Reply::json(200, &image.view(state, call)))
}

impl Domain for UploadedFile {
    const CLASS: &'static str = "be.cytomine.domain.image.UploadedFile";
    table_access!(uploaded_files);
    fn label(&self) -> String {
        self.original_filename.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("user", self.user.into()),
                ("parent", json::opt(self.parent)),
                ("storage", self.storage.into()),
                ("originalFilename", self.original_filename.clone().into()),
                ("filename", self.filename.clone().into()),
                ("ext", self.ext.clone().into()),
                ("contentType", self.content_type.clone().into()),
                ("size", self.size.into()),
                ("path", self.filename.clone().into()),
                ("isArchive", false.into()),
                ("status", self.status.into()),
                ("statusText", status_text(self.status).into()),
                ("projects", self.projects.clone().into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, _st: &State) -> Result<(), Fail> {
        user_owned::check_read(self, call)
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        acl::not_guest(call)?;
        let user = json::required_ref(body, "user", |id| state.users.contains(id))?;
        let storage = json::required_ref(body, "storage", |id| state.storages.contains(id))?;
        if let Some(s) = state.storages.get(storage) {
            acl::owner_or_admin(
                call,
                s.user,
                "be.cytomine.domain.image.server.Storage",
                storage,
            )?;
        }
        let original = json::text(body, "originalFilename").unwrap_or_default();
        Ok(UploadedFile {
            meta: Meta::blank(),
            user,
            parent: json::reference(body, "parent", false, |id| {
                state.uploaded_files.contains(id)
            })?,
            storage,
            filename: json::text(body, "filename").unwrap_or_else(|| original.clone()),
            original_filename: original,
            ext: json::text(body, "ext").unwrap_or_default(),
            content_type: json::text(body, "contentType").unwrap_or_default(),
            size: json::int(body, "size").unwrap_or(0),
            status: json::int(body, "status").unwrap_or(0),
            projects: json::ids(body, "projects").unwrap_or_default(),
            file: old.and_then(|o| o.file.clone()),
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, state, id)
    }
}

impl UserOwned for UploadedFile {
    fn owner(&self) -> i64 {
        self.user
    }
}
