//! Image instances and slice instances (docs/protocol.md §3.9, §3.10).

use serde_json::Value;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::{page_paged, paged};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{ImageInstance, Meta, SliceInstance, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.crud::<ImageInstance>("imageinstance").all();
    routes.get("project/{id}/imageinstance.json", by_project);
    routes.get("imageinstance/{id}/sliceinstance.json", slices_of);
    routes.get(
        "imageinstance/{id}/sliceinstance/reference.json",
        reference_slice,
    );
    routes.crud::<SliceInstance>("sliceinstance").all();
}

fn by_project(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = params
        .id("id")
        .ok_or_else(|| Fail::not_found(format!("Project {} not found", params.get("id"))))?;
    acl::read_project(call, state, id)?;
    let items: Vec<&ImageInstance> = state
        .image_instances
        .iter()
        .rev()
        .filter(|i| i.project == id)
        .collect();
    page_paged(call, items, |i| i.view(state, call))
}

fn slices_of(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = crud::find::<ImageInstance>(call, state, params.id("id"), params.get("id"))?
        .meta
        .id;
    let items: Vec<&SliceInstance> = state
        .slice_instances
        .iter()
        .filter(|s| s.image == id)
        .collect();
    paged(call, items, |s| s.view(state, call))
}

/// The reference (first) slice of an image instance.
pub(crate) fn reference_slice_of(state: &State, image: i64) -> Option<&SliceInstance> {
    state.slice_instances.iter().find(|s| s.image == image)
}

fn reference_slice(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = crud::find::<ImageInstance>(call, state, params.id("id"), params.get("id"))?
        .meta
        .id;
    let slice = reference_slice_of(state, id)
        .ok_or_else(|| Fail::not_found_filters("SliceInstance", &format!("image={id}")))?;
    Ok(Reply::json(200, &slice.view(state, call)))
}

impl Domain for ImageInstance {
    const CLASS: &'static str = "be.cytomine.domain.image.ImageInstance";
    table_access!(image_instances);
    fn label(&self) -> String {
        self.instance_filename.clone().unwrap_or_default()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("ImageInstance {id} not found"))
    }
    fn view(&self, state: &State, call: &Call) -> Value {
        let mut m = json::head(Self::CLASS, &self.meta);
        let Some(base) = state.abstract_images.get(self.base_image) else {
            return Value::Object(m);
        };
        let name = self
            .instance_filename
            .clone()
            .unwrap_or_else(|| base.original_filename.clone());
        json::put_all(
            &mut m,
            vec![
                ("baseImage", self.base_image.into()),
                ("project", self.project.into()),
                ("user", self.user.into()),
            ],
        );
        json::put_all(
            &mut m,
            base.shared_fields(state, call, "imageinstance", self.meta.id),
        );
        json::put_all(
            &mut m,
            vec![
                ("instanceFilename", name.into()),
                (
                    "physicalSizeX",
                    json::opt(self.physical_size_x.or(base.physical_size_x)),
                ),
                (
                    "physicalSizeY",
                    json::opt(self.physical_size_y.or(base.physical_size_y)),
                ),
                (
                    "physicalSizeZ",
                    json::opt(self.physical_size_z.or(base.physical_size_z)),
                ),
                ("fps", json::opt(self.fps.or(base.fps))),
                ("numberOfAnnotations", self.number_of_annotations.into()),
                ("numberOfJobAnnotations", 0.into()),
            ],
        );
        json::put_all(&mut m, super::review::image_fields(state, self.meta.id));
        blind(&mut m, state, call, self);
        Value::Object(m)
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let base = json::int(body, "baseImage").filter(|id| state.abstract_images.contains(*id));
        let base = base.ok_or_else(|| Fail::bad("abstract image not set"))?;
        let project = json::int(body, "project").filter(|id| state.projects.contains(*id));
        let project = project.ok_or_else(|| Fail::bad("project not set"))?;
        acl::write_project(call, state, project)?;
        let dup = crud::taken(state, old, |i: &Self| {
            i.base_image == base && i.project == project
        });
        if dup {
            let name = state
                .abstract_images
                .get(base)
                .map_or(String::new(), |a| a.original_filename.clone());
            return Err(Fail::exists(format!(
                "Image {name} already map with project {project}"
            )));
        }
        Ok(ImageInstance {
            meta: Meta::blank(),
            base_image: base,
            project,
            user: old.map_or(call.user()?.id, |o| o.user),
            instance_filename: json::text(body, "instanceFilename"),
            physical_size_x: json::float(body, "physicalSizeX"),
            physical_size_y: json::float(body, "physicalSizeY"),
            physical_size_z: json::float(body, "physicalSizeZ"),
            fps: json::float(body, "fps"),
            number_of_annotations: old.map_or(0, |o| o.number_of_annotations),
        })
    }
    fn after_add(call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        add_slices(state, id, call.now);
        Ok(())
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state.image_instances.get(id).map_or(0, |i| i.project);
        acl::write_project(call, state, project)?;
        super::cascade::delete_image_instance(state, id);
        Ok(())
    }
}

/// Blind mode (docs/protocol.md §3.9 "Blind mode"): in a blind project everyone sees the abstract
/// image's id as `instanceFilename`, `originalFilename` and `blindedName`; a caller who does not
/// manage the project also gets `filename`, `path` and a `fullPath` set to null and the names
/// nulled.
fn blind(
    m: &mut serde_json::Map<String, Value>,
    state: &State,
    call: &Call,
    image: &ImageInstance,
) {
    let Some(project) = state.projects.get(image.project).filter(|p| p.blind_mode) else {
        m.insert("blindedName".into(), Value::Null);
        return;
    };
    let blinded = Value::from(image.base_image.to_string());
    for key in ["instanceFilename", "originalFilename", "blindedName"] {
        m.insert(key.into(), blinded.clone());
    }
    let manager = call
        .user()
        .is_ok_and(|c| c.admin_by_now || project.admins.contains(&c.id));
    if !manager {
        for key in [
            "instanceFilename",
            "filename",
            "originalFilename",
            "path",
            "fullPath",
        ] {
            m.insert(key.into(), Value::Null);
        }
    }
}

/// Count a new image instance in its project, copy its base image's properties and create one
/// slice instance per abstract slice.
pub(crate) fn add_slices(state: &mut State, image: i64, now: i64) {
    let Some(inst) = state.image_instances.get(image) else {
        return;
    };
    let (base, project) = (inst.base_image, inst.project);
    if let Some(p) = state.projects.get_mut(project) {
        p.number_of_images += 1;
    }
    super::property::copy_base_properties(state, base, image, now);
    for base_slice in state.abstract_slices.ids_where(|s| s.image == base) {
        let meta = state.meta(now);
        state.slice_instances.insert(
            meta.id,
            SliceInstance {
                meta,
                project,
                base_slice,
                image,
            },
        );
    }
}

impl Domain for SliceInstance {
    const CLASS: &'static str = "be.cytomine.domain.image.SliceInstance";
    table_access!(slice_instances);
    fn label(&self) -> String {
        self.image.to_string()
    }
    fn view(&self, state: &State, call: &Call) -> Value {
        let mut m = json::head(Self::CLASS, &self.meta);
        let base = state
            .abstract_slices
            .get(self.base_slice)
            .map(|b| b.view(state, call))
            .unwrap_or(Value::Null);
        json::put_all(
            &mut m,
            vec![
                ("uploadedFile", base["uploadedFile"].clone()),
                ("project", self.project.into()),
                ("baseSlice", self.base_slice.into()),
                ("image", self.image.into()),
            ],
        );
        for k in [
            "path",
            "mime",
            "channel",
            "zStack",
            "time",
            "rank",
            "channelName",
            "channelColor",
            "zName",
        ] {
            m.insert(k.into(), base[k].clone());
        }
        Value::Object(m)
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let project = json::required_ref(body, "project", |id| state.projects.contains(id))?;
        acl::write_project(call, state, project)?;
        let image = json::required_ref(body, "image", |id| state.image_instances.contains(id))?;
        let base_slice =
            json::required_ref(body, "baseSlice", |id| state.abstract_slices.contains(id))?;
        let dup = crud::taken(state, old, |s: &Self| {
            s.image == image && s.base_slice == base_slice
        });
        if dup {
            return Err(Fail::exists(format!(
                "SliceInstance with base slice {base_slice} already exists for image {image}"
            )));
        }
        Ok(SliceInstance {
            meta: Meta::blank(),
            project,
            base_slice,
            image,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state.slice_instances.get(id).map_or(0, |s| s.project);
        acl::write_project(call, state, project).map(|_| ())
    }
}
