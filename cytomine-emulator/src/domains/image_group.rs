//! Image groups and their memberships (docs/protocol.md §3.19, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::link::{self, End, Link};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::{ImageGroup, ImageGroupImageInstance, ImageInstance, Meta, State};

const PAIR: &str = "imagegroup/{g}/imageinstance/{i}.json";

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    routes
        .crud::<ImageGroup>("imagegroup")
        .post_many()
        .put()
        .delete();
    routes.get("imagegroup/{id}.json", get_group);
    routes.get("project/{id}/imagegroup.json", |call, params, state| {
        let project = acl::read_project(call, state, params.id("id").unwrap_or(0))?
            .meta
            .id;
        crud::paged_where::<ImageGroup>(call, state, |g| g.project == project)
    });
    routes.get(
        "imagegroup/{id}/imageinstance.json",
        |call, params, state| {
            let group = crud::find::<ImageGroup>(call, state, params.id("id"), params.get("id"))?
                .meta
                .id;
            paged(call, images_of(state, group), |i| i.view(state, call))
        },
    );
    routes.write("POST", PAIR, |call, params, state| {
        let (g, i) = (params.get("g").to_owned(), params.get("i").to_owned());
        crud::post_many_with::<ImageGroupImageInstance>(call, state, |b| {
            b.entry("group").or_insert(g.clone().into());
            b.entry("image").or_insert(i.clone().into());
        })
    });
    // client-compat, not in core: the Python client's bulk save and fetch of memberships.
    routes.write("POST", "imagegroupimageinstance.json", |call, _, state| {
        crud::post_many::<ImageGroupImageInstance>(call, state)
    });
    routes.link_by_ends::<ImageGroupImageInstance>(PAIR);
    // client-compat, not in core: memberships listed by group.
    routes.links_of::<ImageGroupImageInstance, ImageGroup, 0>(
        "imagegroup/{id}/imagegroupimageinstance.json",
    );
    routes.links_of::<ImageGroupImageInstance, ImageInstance, 1>(
        "imageinstance/{id}/imagegroupimageinstance.json",
    );
    routes.get(
        "imagegroup/{g}/imageinstance/{i}/next.json",
        |call, params, state| neighbour(call, params, state, 1),
    );
    routes.get(
        "imagegroup/{g}/imageinstance/{i}/previous.json",
        |call, params, state| neighbour(call, params, state, -1),
    );
}

/// The image instances of a group, by membership order.
fn images_of(state: &State, group: i64) -> Vec<&ImageInstance> {
    state
        .image_group_images
        .iter()
        .filter(|m| m.group == group)
        .filter_map(|m| state.image_instances.get(m.image))
        .collect()
}

fn get_group(call: &Call, params: &Params, state: &State) -> Outcome {
    let g = crud::find::<ImageGroup>(call, state, params.id("id"), params.get("id"))?;
    let mut v = g.view(state, call);
    let images: Vec<Value> = images_of(state, g.meta.id)
        .into_iter()
        .map(|i| i.view(state, call))
        .collect();
    v["imageInstances"] = images.into();
    Ok(Reply::json(200, &v))
}

/// `next.json` / `previous.json` (`?circular=true` wraps around): the image, or `{}`.
fn neighbour(call: &Call, params: &Params, state: &State, step: isize) -> Outcome {
    let group = crud::find::<ImageGroup>(call, state, params.id("g"), params.get("g"))?
        .meta
        .id;
    let images = images_of(state, group);
    let at = images
        .iter()
        .position(|i| Some(i.meta.id) == params.id("i"));
    let at =
        at.ok_or_else(|| Fail::not_found(format!("ImageInstance {} not found", params.get("i"))))?;
    let n = images.len() as isize;
    let mut next = at as isize + step;
    if call.flag_or("circular", false) {
        next = next.rem_euclid(n);
    }
    let found = usize::try_from(next).ok().and_then(|k| images.get(k));
    Ok(Reply::json(
        200,
        &found.map_or(json!({}), |i| i.view(state, call)),
    ))
}

impl Domain for ImageGroup {
    const CLASS: &'static str = "be.cytomine.domain.image.group.ImageGroup";
    table_access!(image_groups);
    fn label(&self) -> String {
        self.name.clone().unwrap_or_default()
    }
    fn not_found(id: &str) -> Fail {
        Fail::not_found(format!("ImageGroup {id} not found"))
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let count = state
            .image_group_images
            .iter()
            .filter(|x| x.group == self.meta.id)
            .count();
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", json::opt(self.name.clone())),
                ("project", self.project.into()),
                ("numberOfImages", count.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        acl::read_project(call, state, self.project).map(|_| ())
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let project = json::required_ref(body, "project", |id| state.projects.contains(id))?;
        acl::write_project(call, state, project)?;
        Ok(ImageGroup {
            meta: Meta::blank(),
            name: json::text(body, "name"),
            project,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        let project = state.image_groups.get(id).map_or(0, |g| g.project);
        acl::write_project(call, state, project)?;
        super::cascade::delete_image_group(state, id);
        Ok(())
    }
}

impl Domain for ImageGroupImageInstance {
    const CLASS: &'static str = "be.cytomine.domain.image.group.ImageGroupImageInstance";
    table_access!(image_group_images);
    fn label(&self) -> String {
        format!("{}/{}", self.group, self.image)
    }
    fn view(&self, state: &State, _call: &Call) -> Value {
        let name = state
            .image_groups
            .get(self.group)
            .and_then(|g| g.name.clone());
        json::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("image", self.image.into()),
                ("group", self.group.into()),
                ("groupName", json::opt(name)),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        link::check_read(self, call, state)
    }
    fn build(call: &Call, state: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let g = json::referenced(body, "group", &state.image_groups)?;
        let i = json::referenced(body, "image", &state.image_instances)?;
        if g.project != i.project {
            return Err(Fail::bad(format!(
                "Image {} and image group {} are not in the same project",
                i.meta.id, g.meta.id
            )));
        }
        link::check_new::<Self>(call, state, g.project, [g.meta.id, i.meta.id], || {
            format!(
                "Image {} is already in image group {}",
                i.meta.id, g.meta.id
            )
        })?;
        Ok(ImageGroupImageInstance {
            meta: Meta::blank(),
            group: g.meta.id,
            image: i.meta.id,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        link::check_remove::<ImageGroupImageInstance>(call, state, id)
    }
}

impl Link for ImageGroupImageInstance {
    const ENDS: [End; 2] = [End::new("g", "group"), End::new("i", "image")];
    fn ends(&self) -> [i64; 2] {
        [self.group, self.image]
    }
    fn project(&self, state: &State) -> i64 {
        state.image_groups.get(self.group).map_or(0, |g| g.project)
    }
}
