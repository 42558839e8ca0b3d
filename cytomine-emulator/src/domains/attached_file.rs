//! Attached files (docs/protocol.md §3.15): multipart upload answered with the bare object, download.

use std::sync::RwLock;

use axum::http::header;
use serde_json::Value;

use super::crud::{self, Domain};
use super::json::{self, Body};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::media::multipart::file_in_memory;
use crate::store::{AttachedFile, Meta, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.media_write("POST", "attachedfile.json", upload);
    routes.media_write("PUT", "attachedfile.json", upload);
    // client-compat, not in core: the Python client re-uploads an existing file on its own path.
    routes.media_write("POST", "attachedfile/{id}.json", upload);
    routes.get("attachedfile.json", list_all);
    routes.get("domain/{cls}/{id}/attachedfile.json", list_of_owner);
    routes.crud::<AttachedFile>("attachedfile").get().delete();
    routes.get("attachedfile/{id}/download", download);
    routes.get("attachedfile/{id}/download.json", download);
}

fn required<'a>(call: &'a Call, key: &str) -> Result<&'a str, Fail> {
    call.nonempty(key)
        .ok_or_else(|| Fail::bad(format!("{key} must be set! value=null")))
}

/// Multipart `files[]`; query `domainClassName`, `domainIdent`, `filename`, `key`.
fn upload(call: &Call, params: &Params, lock: &RwLock<State>) -> Outcome {
    let content_type = call.header("content-type").unwrap_or("");
    let file = file_in_memory(content_type, call.body.clone());
    let (name, bytes) = futures::executor::block_on(file).map_err(Fail::bad)?;
    let mut state = lock.write().unwrap_or_else(|e| e.into_inner());
    let owner = owner::resolve(
        &state,
        required(call, "domainClassName")?,
        required(call, "domainIdent")?,
    )?;
    owner::check_write(call, &state, &owner)?;
    let filename = call
        .nonempty("filename")
        .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f).to_owned())
        .unwrap_or(name);
    let key = call.nonempty("key").map(str::to_owned);
    let id = match params.id("id") {
        Some(id) => {
            let old = crud::find::<AttachedFile>(call, &state, Some(id), params.get("id"))?;
            owner::check_write(call, &state, &old.owner)?;
            id
        }
        None => state.next_id(),
    };
    let created = state
        .attached_files
        .get(id)
        .map_or(call.now, |f| f.meta.created);
    let file = AttachedFile {
        meta: Meta {
            id,
            created,
            updated: call.now,
        },
        owner,
        filename,
        key,
        bytes,
    };
    let view = file.view(&state, call);
    state.attached_files.insert(id, file);
    Ok(Reply::json(200, &view))
}

fn list_where(call: &Call, state: &State, keep: impl Fn(&AttachedFile) -> bool) -> Outcome {
    let items: Vec<&AttachedFile> = state
        .attached_files
        .iter()
        .filter(|f| keep(f) && f.check_read(call, state).is_ok())
        .collect();
    paged(call, items, |f| f.view(state, call))
}

fn list_all(call: &Call, _params: &Params, state: &State) -> Outcome {
    list_where(call, state, |_| true)
}

fn list_of_owner(call: &Call, params: &Params, state: &State) -> Outcome {
    let owner = owner::from_route(call, params, state)?;
    owner::check_read(call, state, &owner)?;
    list_where(call, state, |f| f.owner == owner)
}

fn download(call: &Call, params: &Params, state: &State) -> Outcome {
    let file = crud::find::<AttachedFile>(call, state, params.id("id"), params.get("id"))?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        file.filename.replace('"', "")
    );
    Ok(
        Reply::raw(200, "application/octet-stream", file.bytes.clone())
            .header(header::CONTENT_DISPOSITION, disposition),
    )
}

impl Domain for AttachedFile {
    const CLASS: &'static str = "be.cytomine.domain.meta.AttachedFile";
    table_access!(attached_files);
    fn label(&self) -> String {
        self.filename.clone()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("AttachedFile {id} not found"))
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        owner::object(
            Self::CLASS,
            &self.meta,
            &self.owner,
            vec![
                (
                    "url",
                    format!("/api/attachedfile/{}/download", self.meta.id).into(),
                ),
                ("filename", self.filename.clone().into()),
                ("key", json::opt(self.key.clone())),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        owner::check_read(call, state, &self.owner)
    }
    fn build(_call: &Call, _st: &State, _body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        Err(Fail::bad(
            "Attached files are uploaded as multipart/form-data on attachedfile.json",
        ))
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        match state.attached_files.get(id) {
            Some(f) => owner::check_write(call, state, &f.owner),
            None => Ok(()),
        }
    }
}
