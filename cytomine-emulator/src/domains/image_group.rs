//! Image groups and their memberships (WIRE.md §3.19, classic format).

use serde_json::{json, Value};

use super::acl;
use super::crud::{self, Domain};
use super::json::{self as j, Body};
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
pub fn routes(r: &mut Routes) {
    r.crud::<ImageGroup>("imagegroup")
        .post_many()
        .put()
        .delete();
    r.get("imagegroup/{id}.json", get_group);
    r.get("project/{id}/imagegroup.json", |c, p, s| {
        let project = acl::read_project(c, s, p.id("id").unwrap_or(0))?.meta.id;
        crud::paged_where::<ImageGroup>(c, s, |g| g.project == project)
    });
    r.get("imagegroup/{id}/imageinstance.json", |c, p, s| {
        let group = crud::find::<ImageGroup>(c, s, p.id("id"), p.get("id"))?
            .meta
            .id;
        paged(c, images_of(s, group), |i| i.view(s, c))
    });
    r.write("POST", PAIR, |c, p, s| {
        let (g, i) = (p.get("g").to_owned(), p.get("i").to_owned());
        crud::post_many_with::<ImageGroupImageInstance>(c, s, |b| {
            b.entry("group").or_insert(g.clone().into());
            b.entry("image").or_insert(i.clone().into());
        })
    });
    // client-compat, not in core: the Python client's bulk save and fetch of memberships.
    r.write("POST", "imagegroupimageinstance.json", |c, _, s| {
        crud::post_many::<ImageGroupImageInstance>(c, s)
    });
    r.link_by_ends::<ImageGroupImageInstance>(PAIR);
    // client-compat, not in core: memberships listed by group.
    r.links_of::<ImageGroupImageInstance, ImageGroup, 0>(
        "imagegroup/{id}/imagegroupimageinstance.json",
    );
    r.links_of::<ImageGroupImageInstance, ImageInstance, 1>(
        "imageinstance/{id}/imagegroupimageinstance.json",
    );
    r.get("imagegroup/{g}/imageinstance/{i}/next.json", |c, p, s| {
        neighbour(c, p, s, 1)
    });
    r.get(
        "imagegroup/{g}/imageinstance/{i}/previous.json",
        |c, p, s| neighbour(c, p, s, -1),
    );
}

/// The image instances of a group, by membership order.
fn images_of(st: &State, group: i64) -> Vec<&ImageInstance> {
    st.image_group_images
        .iter()
        .filter(|m| m.group == group)
        .filter_map(|m| st.image_instances.get(m.image))
        .collect()
}

fn get_group(call: &Call, p: &Params, st: &State) -> Outcome {
    let g = crud::find::<ImageGroup>(call, st, p.id("id"), p.get("id"))?;
    let mut v = g.view(st, call);
    let images: Vec<Value> = images_of(st, g.meta.id)
        .into_iter()
        .map(|i| i.view(st, call))
        .collect();
    v["imageInstances"] = images.into();
    Ok(Reply::json(200, &v))
}

/// `next.json` / `previous.json` (`?circular=true` wraps around): the image, or `{}`.
fn neighbour(call: &Call, p: &Params, st: &State, step: isize) -> Outcome {
    let group = crud::find::<ImageGroup>(call, st, p.id("g"), p.get("g"))?
        .meta
        .id;
    let images = images_of(st, group);
    let at = images.iter().position(|i| Some(i.meta.id) == p.id("i"));
    let at =
        at.ok_or_else(|| Fail::not_found(format!("ImageInstance {} not found", p.get("i"))))?;
    let n = images.len() as isize;
    let mut next = at as isize + step;
    if call.flag_or("circular", false) {
        next = next.rem_euclid(n);
    }
    let found = usize::try_from(next).ok().and_then(|k| images.get(k));
    Ok(Reply::json(
        200,
        &found.map_or(json!({}), |i| i.view(st, call)),
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
    fn view(&self, st: &State, _call: &Call) -> Value {
        let count = st
            .image_group_images
            .iter()
            .filter(|x| x.group == self.meta.id)
            .count();
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("name", j::opt(self.name.clone())),
                ("project", self.project.into()),
                ("numberOfImages", count.into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        acl::read_project(call, st, self.project).map(|_| ())
    }
    fn build(call: &Call, st: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let project = j::required_ref(body, "project", |id| st.projects.contains(id))?;
        acl::write_project(call, st, project)?;
        Ok(ImageGroup {
            meta: Meta::blank(),
            name: j::text(body, "name"),
            project,
        })
    }
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        let project = st.image_groups.get(id).map_or(0, |g| g.project);
        acl::write_project(call, st, project)?;
        super::cascade::delete_image_group(st, id);
        Ok(())
    }
}

impl Domain for ImageGroupImageInstance {
    const CLASS: &'static str = "be.cytomine.domain.image.group.ImageGroupImageInstance";
    table_access!(image_group_images);
    fn label(&self) -> String {
        format!("{}/{}", self.group, self.image)
    }
    fn view(&self, st: &State, _call: &Call) -> Value {
        let name = st.image_groups.get(self.group).and_then(|g| g.name.clone());
        j::object(
            Self::CLASS,
            &self.meta,
            vec![
                ("image", self.image.into()),
                ("group", self.group.into()),
                ("groupName", j::opt(name)),
            ],
        )
    }
    fn check_read(&self, call: &Call, st: &State) -> Result<(), Fail> {
        link::check_read(self, call, st)
    }
    fn build(call: &Call, st: &State, body: &Body, _old: Option<&Self>) -> Result<Self, Fail> {
        let g = j::referenced(body, "group", &st.image_groups)?;
        let i = j::referenced(body, "image", &st.image_instances)?;
        if g.project != i.project {
            return Err(Fail::bad(format!(
                "Image {} and image group {} are not in the same project",
                i.meta.id, g.meta.id
            )));
        }
        link::check_new::<Self>(call, st, g.project, [g.meta.id, i.meta.id], || {
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
    fn remove(call: &Call, st: &mut State, id: i64) -> Result<(), Fail> {
        link::check_remove::<ImageGroupImageInstance>(call, st, id)
    }
}

impl Link for ImageGroupImageInstance {
    const ENDS: [End; 2] = [End::new("g", "group"), End::new("i", "image")];
    fn ends(&self) -> [i64; 2] {
        [self.group, self.image]
    }
    fn project(&self, st: &State) -> i64 {
        st.image_groups.get(self.group).map_or(0, |g| g.project)
    }
}
