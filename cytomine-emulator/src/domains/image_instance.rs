//! Image instances and slice instances (WIRE.md §3.9, §3.10).

use serde_json::Value;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{ImageInstance, Meta, SliceInstance, State};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.crud::<ImageInstance>("imageinstance").all();
    r.get("project/{id}/imageinstance.json", by_project);
    r.get("imageinstance/{id}/sliceinstance.json", slices_of);
    r.get(
        "imageinstance/{id}/sliceinstance/reference.json",
        reference_slice,
    );
    r.crud::<SliceInstance>("sliceinstance").all();
}

fn by_project(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = p
        .id("id")
        .ok_or_else(|| Fail::not_found(format!("Project {} not found", p.get("id"))))?;
    acl::read_project(call, st, id)?;
    let items: Vec<&ImageInstance> = st
        .image_instances
        .iter()
        .rev()
        .filter(|i| i.project == id)
        .collect();
    paged(call, items, |i| i.view(st, call))
}

fn slices_of(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = crud::find::<ImageInstance>(call, st, p.id("id"), p.get("id"))?
        .meta
        .id;
    let items: Vec<&SliceInstance> = st
        .slice_instances
        .iter()
        .filter(|s| s.image == id)
        .collect();
    paged(call, items, |s| s.view(st, call))
}

/// The reference (first) slice of an image instance.
pub fn reference_slice_of(st: &State, image: i64) -> Option<&SliceInstance> {
    st.slice_instances.iter().find(|s| s.image == image)
}

fn reference_slice(call: &Call, p: &Params, st: &State) -> Outcome {
    let id = crud::find::<ImageInstance>(call, st, p.id("id"), p.get("id"))?
        .meta
        .id;
    let slice = reference_slice_of(st, id)
        .ok_or_else(|| Fail::not_found_filters("SliceInstance", &format!("image={id}")))?;
    Ok(Reply::json(200, &slice.view(st, call)))
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
    fn view(&self, st: &State, call: &Call) -> Value {
        let mut m = j::head(Self::CLASS, &self.meta);
        let Some(base) = st.abstract_images.get(self.base_image) else {
            return Value::Object(m);
        };
        let name = self
            .instance_filename
            .clone()
            .unwrap_or_else(|| base.original_filename.clone());
        j::put_all(
            &mut m,
            vec![
                ("baseImage", self.base_image.into()),
                ("project", self.project.into()),
                ("user", self.user.into()),
            ],
        );
        j::put_all(
            &mut m,
            base.shared_fields(st, call, "imageinstance", self.meta.id),
        );
        j::put_all(
            &mut m,
            vec![
                ("instanceFilename", name.into()),
                ("blindedName", Value::Null),
                (
                    "physicalSizeX",
                    j::opt(self.physical_size_x.or(base.physical_size_x)),
                ),
                (
                    "physicalSizeY",
                    j::opt(self.physical_size_y.or(base.physical_size_y)),
                ),
                (
                    "physicalSizeZ",
                    j::opt(self.physical_size_z.or(base.physical_size_z)),
                ),
                ("fps", j::opt(self.fps.or(base.fps))),
                ("numberOfAnnotations", self.number_of_annotations.into()),
                ("numberOfJobAnnotations", 0.into()),
            ],
        );
        j::put_all(&mut m, super::review::image_fields(st, self.meta.id));
        Value::Object(m)
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::read_project(call, st, self.project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let base = j::int(body, "baseImage").filter(|id| st.abstract_images.contains(*id));
        let base = base.ok_or_else(|| Fail::bad("abstract image not set"))?;
        let project = j::int(body, "project").filter(|id| st.projects.contains(*id));
        let project = project.ok_or_else(|| Fail::bad("project not set"))?;
        acl::write_project(call, st, project)?;
        let dup = crud::taken(st, old, |i: &Self| {
            i.base_image == base && i.project == project
        });
        if dup {
            let name = st
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
            instance_filename: j::text(body, "instanceFilename"),
            physical_size_x: j::float(body, "physicalSizeX"),
            physical_size_y: j::float(body, "physicalSizeY"),
            physical_size_z: j::float(body, "physicalSizeZ"),
            fps: j::float(body, "fps"),
            number_of_annotations: old.map_or(0, |o| o.number_of_annotations),
        })
    }
    fn after_add(call: &Call, st: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        add_slices(st, id, call.now);
        Ok(())
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st.image_instances.get(id).map_or(0, |i| i.project);
        acl::write_project(call, st, project)?;
        super::cascade::delete_image_instance(st, id);
        Ok(())
    }
}

/// Count a new image instance in its project, copy its base image's properties and create one
/// slice instance per abstract slice.
pub fn add_slices(st: &mut State, image: i64, now: i64) {
    let Some(inst) = st.image_instances.get(image) else {
        return;
    };
    let (base, project) = (inst.base_image, inst.project);
    if let Some(p) = st.projects.get_mut(project) {
        p.number_of_images += 1;
    }
    super::property::copy_base_properties(st, base, image, now);
    for base_slice in st.abstract_slices.ids_where(|s| s.image == base) {
        let meta = st.meta(now);
        st.slice_instances.insert(
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
    fn view(&self, st: &State, call: &Call) -> Value {
        let mut m = j::head(Self::CLASS, &self.meta);
        let base = st
            .abstract_slices
            .get(self.base_slice)
            .map(|b| b.view(st, call))
            .unwrap_or(Value::Null);
        j::put_all(
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
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::read_project(call, st, self.project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let project = j::required_ref(body, "project", |id| st.projects.contains(id))?;
        acl::write_project(call, st, project)?;
        let image = j::required_ref(body, "image", |id| st.image_instances.contains(id))?;
        let base_slice = j::required_ref(body, "baseSlice", |id| st.abstract_slices.contains(id))?;
        let dup = crud::taken(st, old, |s: &Self| {
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
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st.slice_instances.get(id).map_or(0, |s| s.project);
        acl::write_project(call, st, project).map(|_| ())
    }
}
