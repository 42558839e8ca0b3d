//! `POST /ims/upload` and `/upload` (docs/protocol.md §4.5): one multipart file part.
//!
//! `/ims/upload` is where current deployments route the image server's upload
//! (`helm/charts/cytomine/templates/httproute.yaml:75-91` in cytomine/cytomine at 0165ef76).
//! `/upload` is client compatibility: the official Python client 4.3.0 posts there
//! (`clients/python/cytomine/cytomine.py:883-924`), which only the nginx proxy of older
//! deployments routed to the image server.
//!
//! Without `sync`, the answer carries the uploaded file in status UPLOADED (0) and no image; the
//! import runs in the background after the emulator's import delay
//! (`pims/pims/api/operations.py:184-199`). With `sync`, it runs before the answer (154-183).

use std::sync::Arc;

use serde_json::{json, Value};

use super::import::{deploy, import, place, record, Pending, Received};
use super::multipart::StreamedBody;
use crate::domains::crud::Domain;
use crate::domains::{acl, set_image_properties};
use crate::http::call::{parse_bool, parse_id_list, Call};
use crate::http::reply::Reply;
use crate::server::Shared;
use crate::store::{AbstractImage, ImageInstance, UploadedFile};

fn failure(message: &str) -> Reply {
    Reply::json(
        400,
        &json!([{"status": 500, "error": message, "files": [{"size": 0, "error": message}]}]),
    )
}

/// The `keys`/`values` comma lists as pairs; `None` when their lengths differ.
fn property_pairs(call: &Call) -> Option<Vec<(String, String)>> {
    let split = |k: &str| -> Vec<String> {
        call.nonempty(k)
            .map(|v| v.split(',').map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let (keys, values) = (split("keys"), split("values"));
    (keys.len() == values.len()).then(|| keys.into_iter().zip(values).collect())
}

/// Handle an upload, whose body was read by [`file_to_disk`](super::multipart::file_to_disk).
pub(crate) async fn upload(shared: &Arc<Shared>, call: Call, body: StreamedBody) -> Reply {
    if call.caller.is_none() {
        return Reply::json(
            401,
            &json!({"status": 401, "title": "Unauthorized", "detail": "Authentication failed"}),
        );
    }
    let storage = call
        .nonempty("storage")
        .or(call.nonempty("idStorage"))
        .and_then(|s| s.parse::<i64>().ok());
    let Some(storage) = storage else {
        return failure("idStorage or storage parameter missing.");
    };
    let projects = call
        .nonempty("projects")
        .or(call.nonempty("idProject"))
        .map(parse_id_list);
    let Some(projects) = projects.unwrap_or(Some(Vec::new())) else {
        return failure("projects is not a list of ids.");
    };
    let sync = call.param("sync").and_then(parse_bool).unwrap_or(false);
    let Some(properties) = property_pairs(&call) else {
        return failure("keys and values must have the same length.");
    };
    let received_file = body.file.and_then(|(name, file)| {
        Received::probed(name, file).map_err(|e| format!("The file cannot be read: {e}"))
    });
    let received_file = match received_file {
        Ok(received_file) => received_file,
        Err(e) => return failure(&e),
    };
    let name = received_file.filename.clone();
    let size = call
        .header("content-length")
        .map_or_else(|| body.len.to_string(), str::to_owned);
    let mut state = shared.write();
    let Some(owner) = state.storages.get(storage).map(|s| s.user) else {
        return failure(&format!("Storage {storage} not found"));
    };
    if let Err(f) = acl::owner_or_admin(
        &call,
        owner,
        "be.cytomine.domain.image.server.Storage",
        storage,
    ) {
        return failure(f.message());
    }
    for p in &projects {
        if let Err(f) = acl::write_project(&call, &state, *p) {
            return failure(f.message());
        }
    }
    let user = call.caller.as_ref().map_or(0, |c| c.id);
    let pending = record(
        &mut state,
        user,
        storage,
        received_file,
        &projects,
        call.now,
    );
    if !sync {
        let uploaded = state
            .uploaded_files
            .get(pending.uploaded_file)
            .map_or(Value::Null, |u: &UploadedFile| u.view(&state, &call));
        drop(state);
        tokio::spawn(import_later(Arc::clone(shared), pending, properties));
        return Reply::json(
            200,
            &json!([{"status": 200, "name": name, "size": size, "uploadedFile": uploaded, "images": []}]),
        );
    }
    let imported = import(&mut state, &pending, call.now);
    if let Some(ai) = imported.abstract_image {
        set_image_properties(&mut state, ai, &imported.instances, &properties, call.now);
    }
    let view = |v: Option<Value>| v.unwrap_or(Value::Null);
    let uploaded = view(
        state
            .uploaded_files
            .get(imported.uploaded_file)
            .map(|u: &UploadedFile| u.view(&state, &call)),
    );
    let images: Vec<Value> = match imported.abstract_image {
        Some(ai) => {
            let image = view(
                state
                    .abstract_images
                    .get(ai)
                    .map(|a: &AbstractImage| a.view(&state, &call)),
            );
            let instances: Vec<Value> = imported
                .instances
                .iter()
                .filter_map(|i| state.image_instances.get(*i))
                .map(|i: &ImageInstance| i.view(&state, &call))
                .collect();
            vec![json!({"image": image, "imageInstances": instances})]
        }
        None => Vec::new(),
    };
    Reply::json(
        200,
        &json!([{"status": 200, "name": name, "size": size, "uploadedFile": uploaded, "images": images}]),
    )
}

/// The background import of an upload without `sync`, after the import delay: the abstract image
/// and the uploaded file DEPLOYED first, the image instances (and properties) in a second step,
/// so that a client may see the file deployed before its image is in the project, as with the
/// image server (`pims/pims/importer/listeners.py:456-470`).
async fn import_later(shared: Arc<Shared>, pending: Pending, properties: Vec<(String, String)>) {
    tokio::time::sleep(shared.import_delay).await;
    let deployed = deploy(&mut shared.write(), &pending, crate::server::now_ms());
    let Some(abstract_image) = deployed else {
        return;
    };
    tokio::task::yield_now().await;
    let mut state = shared.write();
    let now = crate::server::now_ms();
    let instances = place(&mut state, &pending, abstract_image, now);
    set_image_properties(&mut state, abstract_image, &instances, &properties, now);
}
