//! Uploaded files (WIRE.md §3.6, classic format).

use serde_json::Value;

use super::acl;
use super::crud::Domain;
use super::json::{self as j, Body};
use super::profiled;
use super::user_owned::{self, UserOwned};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{Meta, State, UploadedFile};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.get("uploadedfile.json", list);
    r.profiled::<UploadedFile>("uploadedfile").all();
    r.get("uploadedfile/{id}/abstractimage.json", abstract_image_of);
}

/// The text of an uploaded-file status code.
pub fn status_text(status: i64) -> &'static str {
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

fn list(call: &Call, _p: &Params, st: &State) -> Outcome {
    let caller = call.user()?;
    let parent = call.int("parent")?;
    // `all=true` lists every file an admin may see; by default (and with `all=false`) an
    // admin sees every file too only while admin-by-now, others see their own.
    let everyone = caller.admin_by_now && call.flag_or("all", true);
    let items: Vec<&UploadedFile> = st
        .uploaded_files
        .iter()
        .rev()
        .filter(|u| everyone || u.user == caller.id)
        .filter(|u| parent.is_none() || u.parent == parent)
        .collect();
    profiled::list(call, st, items)
}

fn abstract_image_of(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = p.id("id");
    let image = st
        .abstract_images
        .iter()
        .find(|a| a.uploaded_file.is_some() && a.uploaded_file == id);
    let image = image.ok_or_else(|| {
        Fail::not_found_filters("AbstractImage", &format!("uploadedFile={}", p.get("id")))
    })?;
    Ok(Reply::json(200, &image.view(st, call)))
}

impl Domain for UploadedFile {
    const CLASS: &'static str = "be.cytomine.domain.image.UploadedFile";
    table_access!(uploaded_files);
    fn label(&self) -> String {
        self.original_filename.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("user", self.user.into()),
                ("parent", j::opt(self.parent)),
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
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        acl::not_guest(call)?;
        let user = j::required_ref(body, "user", |id| st.users.contains(id))?;
        let storage = j::required_ref(body, "storage", |id| st.storages.contains(id))?;
        if let Some(s) = st.storages.get(storage) {
            acl::owner_or_admin(
                call,
                s.user,
                "be.cytomine.domain.image.server.Storage",
                storage,
            )?;
        }
        let original = j::text(body, "originalFilename").unwrap_or_default();
        Ok(UploadedFile {
            meta: Meta::blank(),
            user,
            parent: j::reference(body, "parent", false, |id| st.uploaded_files.contains(id))?,
            storage,
            filename: j::text(body, "filename").unwrap_or_else(|| original.clone()),
            original_filename: original,
            ext: j::text(body, "ext").unwrap_or_default(),
            content_type: j::text(body, "contentType").unwrap_or_default(),
            size: j::int(body, "size").unwrap_or(0),
            status: j::int(body, "status").unwrap_or(0),
            projects: j::ids(body, "projects").unwrap_or_default(),
            file: old.and_then(|o| o.file.clone()),
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        user_owned::check_remove::<Self>(call, st, id)
    }
}

impl UserOwned for UploadedFile {
    fn owner(&self) -> i64 {
        self.user
    }
}
