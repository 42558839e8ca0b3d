//! Abstract images and their slices (docs/protocol.md §3.7, §3.8).

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::{AbstractImage, AbstractSlice, Meta, State};

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("abstractimage.json", list);
    routes.crud::<AbstractImage>("abstractimage").all();
    routes.get("abstractimage/{id}/abstractslice.json", slices_of);
    routes.get("uploadedfile/{id}/abstractslice.json", slices_of_upload);
    routes.crud::<AbstractSlice>("abstractslice").all();
}

fn list(call: &Call, _params: &Params, state: &State) -> Outcome {
    let project = call.int("project")?;
    let in_project = |a: &AbstractImage| {
        project.is_none_or(|p| {
            state
                .image_instances
                .iter()
                .any(|i| i.project == p && i.base_image == a.meta.id)
        })
    };
    let items: Vec<&AbstractImage> = state
        .abstract_images
        .iter()
        .rev()
        .filter(|a| in_project(a))
        .collect();
    paged(call, items, |a| a.view(state, call))
}

fn slices_of(call: &Call, params: &Params, state: &State) -> Outcome {
    let id = crud::find::<AbstractImage>(call, state, params.id("id"), params.get("id"))?
        .meta
        .id;
    let items: Vec<&AbstractSlice> = state
        .abstract_slices
        .iter()
        .filter(|s| s.image == id)
        .collect();
    paged(call, items, |s| s.view(state, call))
}

fn slices_of_upload(call: &Call, params: &Params, state: &State) -> Outcome {
    let id =
        crud::find::<crate::store::UploadedFile>(call, state, params.id("id"), params.get("id"))?
            .meta
            .id;
    let items: Vec<&AbstractSlice> = state
        .abstract_slices
        .iter()
        .filter(|s| s.uploaded_file == Some(id))
        .collect();
    paged(call, items, |s| s.view(state, call))
}

/// How many halvings bring the larger side under the tile size (1 when unknown).
pub(crate) fn zoom_levels(width: Option<i64>, height: Option<i64>, tile: i64) -> i64 {
    let (Some(w), Some(h)) = (width, height) else {
        return 1;
    };
    let mut side = w.max(h) as f64;
    let mut levels = 0;
    while side > tile as f64 {
        side /= 2.0;
        levels += 1;
    }
    levels.max(1)
}

impl AbstractImage {
    /// Image facts shared with image instances, for the given URL kind and id.
    pub(crate) fn shared_fields(
        &self,
        state: &State,
        call: &Call,
        kind: &str,
        id: i64,
    ) -> Vec<(&'static str, Value)> {
        let file = self.uploaded_file.and_then(|u| state.uploaded_files.get(u));
        vec![
            ("filename", self.original_filename.clone().into()),
            ("originalFilename", self.original_filename.clone().into()),
            ("path", json::opt(file.map(|f| f.filename.clone()))),
            (
                "contentType",
                json::opt(file.map(|f| f.content_type.clone())),
            ),
            ("width", json::opt(self.width)),
            ("height", json::opt(self.height)),
            ("depth", self.depth.into()),
            ("duration", self.duration.into()),
            ("channels", self.channels.into()),
            ("extrinsicChannels", self.channels.into()),
            (
                "zoom",
                zoom_levels(self.width, self.height, self.tile_size).into(),
            ),
            ("tileSize", self.tile_size.into()),
            ("isVirtual", false.into()),
            ("magnification", json::opt(self.magnification)),
            ("bitPerSample", self.bit_per_sample.into()),
            ("samplePerPixel", self.sample_per_pixel.into()),
            ("colorspace", json::opt(self.colorspace.clone())),
            ("thumb", thumb_url(call, kind, id, Some(512)).into()),
            ("preview", thumb_url(call, kind, id, Some(1024)).into()),
            ("macroURL", Value::Null),
        ]
    }
}

/// The URL of the PNG thumbnail of record `kind` `id`, at most `max_size` pixels.
pub(crate) fn thumb_url(call: &Call, kind: &str, id: i64, max_size: Option<u32>) -> String {
    let url = format!("{}/api/{kind}/{id}/thumb.png", call.server_url);
    match max_size {
        Some(size) => format!("{url}?maxSize={size}"),
        None => url,
    }
}

impl Domain for AbstractImage {
    const CLASS: &'static str = "be.cytomine.domain.image.AbstractImage";
    table_access!(abstract_images);
    fn label(&self) -> String {
        self.original_filename.clone()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("AbstractImage {id} not found"))
    }
    fn view(&self, state: &State, call: &Call) -> Value {
        let mut m = json::head(Self::CLASS, &self.meta);
        m.insert("uploadedFile".into(), json::opt(self.uploaded_file));
        json::put_all(
            &mut m,
            self.shared_fields(state, call, "abstractimage", self.meta.id),
        );
        json::put_all(
            &mut m,
            vec![
                ("dimensions", "XY".into()),
                ("apparentChannels", self.channels.into()),
                ("physicalSizeX", json::opt(self.physical_size_x)),
                ("physicalSizeY", json::opt(self.physical_size_y)),
                ("physicalSizeZ", json::opt(self.physical_size_z)),
                ("fps", json::opt(self.fps)),
                (
                    "inProject",
                    state
                        .image_instances
                        .iter()
                        .any(|i| i.base_image == self.meta.id)
                        .into(),
                ),
            ],
        );
        Value::Object(m)
    }
    fn check_read(&self, _call: &Call, _st: &State) -> Result<(), Fail> {
        Ok(())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        acl::not_guest(call)?;
        let original = json::text(body, "originalFilename").filter(|s| !s.trim().is_empty());
        let original =
            original.ok_or_else(|| Fail::bad("'originalFilename' property cannot be blank"))?;
        let uploaded_file = json::reference(body, "uploadedFile", false, |id| {
            state.uploaded_files.contains(id)
        })?;
        let _ = old;
        Ok(AbstractImage {
            meta: Meta::blank(),
            uploaded_file,
            original_filename: original,
            width: json::int(body, "width"),
            height: json::int(body, "height"),
            depth: json::int(body, "depth").unwrap_or(1),
            duration: json::int(body, "duration").unwrap_or(1),
            channels: json::int(body, "channels").unwrap_or(1),
            physical_size_x: json::float(body, "physicalSizeX"),
            physical_size_y: json::float(body, "physicalSizeY"),
            physical_size_z: json::float(body, "physicalSizeZ"),
            fps: json::float(body, "fps"),
            magnification: json::int(body, "magnification"),
            bit_per_sample: json::int(body, "bitPerSample").unwrap_or(8),
            sample_per_pixel: json::int(body, "samplePerPixel").unwrap_or(1),
            colorspace: json::text(body, "colorspace"),
            tile_size: json::int(body, "tileSize").unwrap_or(256),
        })
    }
    fn after_add(call: &Call, state: &mut State, id: i64, _body: &Body) -> Result<(), Fail> {
        add_default_slice(state, id, call.now);
        Ok(())
    }
    fn remove(_call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let instances: Vec<_> = state
            .image_instances
            .iter()
            .filter(|i| i.base_image == id)
            .collect();
        if !instances.is_empty() {
            let projects: Vec<Value> = instances
                .iter()
                .filter_map(|i| state.projects.get(i.project))
                .map(|p| p.name.clone().into())
                .collect();
            let names: Vec<Value> = instances
                .iter()
                .map(|i| i.instance_filename.clone().into())
                .collect();
            let list = projects
                .iter()
                .map(|v| v.as_str().unwrap_or("").to_owned())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Fail::forbidden(format!(
                "Abstract Image has instances in active projects : {list}"
            ))
            .with_value("projectNames", json!(projects))
            .with_value("imageNames", json!(names)));
        }
        for s in state.abstract_slices.ids_where(|s| s.image == id) {
            state.abstract_slices.remove(s);
        }
        Ok(())
    }
}

/// Create the (C0, Z0, T0) slice of a new abstract image.
pub(crate) fn add_default_slice(state: &mut State, image: i64, now: i64) -> i64 {
    let uploaded_file = state
        .abstract_images
        .get(image)
        .and_then(|a| a.uploaded_file);
    let mime = uploaded_file
        .and_then(|u| state.uploaded_files.get(u))
        .map(|u| u.content_type.clone());
    let meta = state.meta(now);
    state.abstract_slices.insert(
        meta.id,
        AbstractSlice {
            meta,
            image,
            uploaded_file,
            channel: 0,
            z_stack: 0,
            time: 0,
            mime,
        },
    );
    meta.id
}

impl Domain for AbstractSlice {
    const CLASS: &'static str = "be.cytomine.domain.image.AbstractSlice";
    table_access!(abstract_slices);
    fn label(&self) -> String {
        format!("C:{}, Z:{}, T:{}", self.channel, self.z_stack, self.time)
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let channels = state
            .abstract_images
            .get(self.image)
            .map_or(1, |a| a.channels);
        let depth = state.abstract_images.get(self.image).map_or(1, |a| a.depth);
        let path = self
            .uploaded_file
            .and_then(|u| state.uploaded_files.get(u))
            .map(|u| u.filename.clone());
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("uploadedFile", json::opt(self.uploaded_file)),
                ("path", json::opt(path)),
                ("image", self.image.into()),
                ("mime", json::opt(self.mime.clone())),
                ("channel", self.channel.into()),
                ("zStack", self.z_stack.into()),
                ("time", self.time.into()),
                (
                    "rank",
                    (self.channel + channels * (self.z_stack + depth * self.time)).into(),
                ),
                ("channelName", Value::Null),
                ("channelColor", Value::Null),
                ("zName", Value::Null),
            ],
        )
    }
    fn check_read(&self, _call: &Call, _st: &State) -> Result<(), Fail> {
        Ok(())
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        acl::not_guest(call)?;
        let image = json::required_ref(body, "image", |id| state.abstract_images.contains(id))?;
        let (c, z, t) = (
            json::int(body, "channel").unwrap_or(0),
            json::int(body, "zStack").unwrap_or(0),
            json::int(body, "time").unwrap_or(0),
        );
        let dup = crud::taken(state, old, |s: &Self| {
            s.image == image && (s.channel, s.z_stack, s.time) == (c, z, t)
        });
        if dup {
            return Err(Fail::exists(format!(
                "AbstractSlice (C:{c}, Z:{z}, T:{t}) already exists for AbstractImage {image}"
            )));
        }
        Ok(AbstractSlice {
            meta: Meta::blank(),
            image,
            uploaded_file: json::reference(body, "uploadedFile", false, |id| {
                state.uploaded_files.contains(id)
            })?,
            channel: c,
            z_stack: z,
            time: t,
            mime: json::text(body, "mime"),
        })
    }
    fn remove(_call: &Call, _st: &mut State, _id: i64) -> Result<(), Fail> {
        Ok(())
    }
}
