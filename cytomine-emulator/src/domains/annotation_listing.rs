//! `GET annotation.json`: the annotation listing with its filters and column groups (WIRE.md §3.11).

use std::collections::HashSet;

use serde::Serialize;

use super::acl;
use super::annotation::{measures, term_ids, urls};
use super::Routes;
use crate::geometry::parse_wkt;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::{Annotation, State};

/// Register the routes.
pub fn routes(r: &mut Routes) {
    r.get("annotation.json", list);
    r.get("annotation/search.json", list);
}

/// Which column groups to emit.
#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    meta: bool,
    wkt: bool,
    gis: bool,
    term: bool,
    image: bool,
    user: bool,
    slice: bool,
    track: bool,
}

impl Columns {
    fn from_call(call: &Call) -> Columns {
        let on = |g: &str| call.flag_or(&format!("show{g}"), false);
        let groups = [
            "Meta", "WKT", "GIS", "Term", "Image", "User", "Slice", "Track",
        ];
        let any = groups.iter().any(|g| on(g)) || on("Basic") || on("Default");
        let mut c = Columns {
            meta: on("Meta"),
            wkt: on("WKT"),
            gis: on("GIS"),
            term: on("Term"),
            image: on("Image"),
            user: on("User"),
            slice: on("Slice"),
            track: on("Track"),
        };
        if !any || on("Default") {
            c.meta = true;
            c.term = true;
        }
        let off = |g: &str| call.flag_or(&format!("hide{g}"), false);
        c.meta &= !off("Meta");
        c.wkt &= !off("WKT");
        c.gis &= !off("GIS");
        c.term &= !off("Term");
        c.image &= !off("Image");
        c.user &= !off("User");
        c.slice &= !off("Slice");
        c.track &= !off("Track");
        c
    }
}

/// The filters of one listing request, resolved and checked.
struct Filters {
    project: Option<i64>,
    images: Option<HashSet<i64>>,
    slices: Option<HashSet<i64>>,
    users: Option<HashSet<i64>>,
    terms: Option<HashSet<i64>>,
    no_term: bool,
    multiple_term: bool,
    bbox: Option<(f64, f64, f64, f64)>,
    after: Option<i64>,
    before: Option<i64>,
    excluded: Option<HashSet<i64>>,
}

fn id_set(call: &Call, one: &str, many: &str) -> Result<Option<Vec<i64>>, Fail> {
    match call.ids(many)? {
        Some(v) => Ok(Some(v)),
        None => Ok(call.ids(one)?),
    }
}

fn must_exist(
    ids: &Option<Vec<i64>>,
    exists: impl Fn(i64) -> bool,
    what: &str,
) -> Result<(), Fail> {
    match ids.iter().flatten().find(|id| !exists(**id)) {
        Some(id) => Err(Fail::not_found(format!("{what} {id} not exist!"))),
        None => Ok(()),
    }
}

fn parse_bbox(text: &str) -> Result<(f64, f64, f64, f64), Fail> {
    let nums: Option<Vec<f64>> = text.split(',').map(|s| s.trim().parse().ok()).collect();
    if let Some([a, b, c, d]) = nums.as_deref() {
        return Ok((*a, *b, *c, *d));
    }
    parse_wkt(text)
        .ok()
        .and_then(|g| g.bbox())
        .ok_or_else(|| Fail::bad(format!("bbox is not valid: {text}")))
}

impl Filters {
    fn from_call(call: &Call, st: &State) -> Result<Filters, Fail> {
        let images = id_set(call, "image", "images")?;
        let slices = id_set(call, "slice", "slices")?;
        let users = id_set(call, "user", "users")?;
        let terms = id_set(call, "term", "terms")?;
        must_exist(&images, |id| st.image_instances.contains(id), "Image")?;
        must_exist(&slices, |id| st.slice_instances.contains(id), "Slice")?;
        must_exist(&users, |id| st.users.contains(id), "User")?;
        must_exist(&terms, |id| st.terms.contains(id), "Term")?;
        let mut scope: HashSet<i64> = HashSet::new();
        if let Some(p) = call.int("project")? {
            scope.insert(p);
        }
        scope.extend(
            images
                .iter()
                .flatten()
                .filter_map(|i| st.image_instances.get(*i))
                .map(|i| i.project),
        );
        scope.extend(
            slices
                .iter()
                .flatten()
                .filter_map(|s| st.slice_instances.get(*s))
                .map(|s| s.project),
        );
        if call.int("project")?.is_none() && images.is_none() && slices.is_none() {
            return Err(Fail::bad(
                "There is no project or image or slice filter. We cannot check acl!",
            ));
        }
        if scope.len() > 1 {
            return Err(Fail::bad("Only one project can be used for annotation listing (images or slices of several projects)"));
        }
        for p in &scope {
            acl::read_project(call, st, *p)?;
        }
        let set = |v: Option<Vec<i64>>| v.map(|v| v.into_iter().collect::<HashSet<i64>>());
        Ok(Filters {
            project: scope.into_iter().next(),
            images: set(images),
            slices: set(slices),
            users: set(users),
            terms: set(terms),
            no_term: call.flag_or("noTerm", false),
            multiple_term: call.flag_or("multipleTerm", false),
            bbox: call.nonempty("bbox").map(parse_bbox).transpose()?,
            after: call.int("afterThan")?,
            before: call.int("beforeThan")?,
            excluded: set(call.ids("excludedAnnotation")?),
        })
    }

    fn keep(&self, st: &State, a: &Annotation) -> bool {
        let within =
            |set: &Option<HashSet<i64>>, v: i64| set.as_ref().map_or(true, |s| s.contains(&v));
        if self.project.is_some_and(|p| p != a.project)
            || !within(&self.images, a.image)
            || !within(&self.slices, a.slice)
            || !within(&self.users, a.user)
            || self
                .excluded
                .as_ref()
                .is_some_and(|s| s.contains(&a.meta.id))
            || self.after.is_some_and(|t| a.meta.created <= t)
            || self.before.is_some_and(|t| a.meta.created >= t)
            || self.bbox.is_some_and(|b| !a.geometry.intersects_bbox(b))
        {
            return false;
        }
        if self.terms.is_none() && !self.no_term && !self.multiple_term {
            return true;
        }
        let terms = term_ids(st, a.meta.id);
        (!self.no_term || terms.is_empty())
            && (!self.multiple_term || terms.len() > 1)
            && self
                .terms
                .as_ref()
                .map_or(true, |s| terms.iter().any(|t| s.contains(t)))
    }
}

#[derive(Serialize)]
struct Centroid {
    x: f64,
    y: f64,
}

#[derive(Serialize)]
struct UserByTerm {
    id: i64,
    term: i64,
    user: Vec<i64>,
}

/// One listing item, serialized straight from the stored annotation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    class: &'static str,
    id: i64,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    meta: Option<MetaCols>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geometry_compression: Option<f64>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    gis: Option<GisCols>,
    #[serde(skip_serializing_if = "Option::is_none")]
    term: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_by_term: Option<Vec<UserByTerm>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    track: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotation_track: Option<Vec<serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_filename: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_filename: Option<&'a str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    slice: Option<SliceCols>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MetaCols {
    created: i64,
    updated: i64,
    image: i64,
    slice: i64,
    project: i64,
    user: i64,
    nb_comments: i64,
    count_reviewed_annotations: i64,
    reviewed: bool,
    #[serde(rename = "cropURL")]
    crop_url: String,
    #[serde(rename = "smallCropURL")]
    small_crop_url: String,
    url: String,
    #[serde(rename = "imageURL")]
    image_url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GisCols {
    area: f64,
    area_unit: &'static str,
    perimeter: f64,
    perimeter_unit: &'static str,
    centroid: Centroid,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SliceCols {
    channel: i64,
    z_stack: i64,
    time: i64,
}

fn item<'a>(st: &'a State, call: &Call, c: Columns, a: &'a Annotation) -> Item<'a> {
    let meta = c.meta.then(|| {
        let (crop, small, image_url) = urls(&call.server_url, a);
        MetaCols {
            created: a.meta.created,
            updated: a.meta.updated,
            image: a.image,
            slice: a.slice,
            project: a.project,
            user: a.user,
            nb_comments: 0,
            count_reviewed_annotations: 0,
            reviewed: false,
            url: crop.clone(),
            crop_url: crop,
            small_crop_url: small,
            image_url,
        }
    });
    let gis = c.gis.then(|| {
        let (area, area_unit, perimeter, perimeter_unit) = measures(st, a);
        GisCols {
            area,
            area_unit,
            perimeter,
            perimeter_unit,
            centroid: Centroid {
                x: a.centroid.0,
                y: a.centroid.1,
            },
        }
    });
    let links: Vec<(i64, i64, i64)> = if c.term {
        let ids = st.terms_of_annotation.get(&a.meta.id).into_iter().flatten();
        ids.filter_map(|id| st.annotation_terms.get(*id))
            .map(|l| (l.meta.id, l.term, l.user))
            .collect()
    } else {
        Vec::new()
    };
    let image = st.image_instances.get(a.image);
    let base = image.and_then(|i| st.abstract_images.get(i.base_image));
    let base_slice = st
        .slice_instances
        .get(a.slice)
        .and_then(|s| st.abstract_slices.get(s.base_slice));
    let author = st.users.get(a.user);
    let tracks = c.track.then(|| super::track::of_annotation(st, a.meta.id));
    Item {
        class: "be.cytomine.domain.ontology.UserAnnotation",
        id: a.meta.id,
        meta,
        location: c.wkt.then_some(a.location.as_str()),
        geometry_compression: c.wkt.then_some(a.geometry_compression),
        gis,
        term: c.term.then(|| term_ids(st, a.meta.id)),
        user_by_term: c.term.then(|| {
            links
                .iter()
                .map(|(id, term, user)| UserByTerm {
                    id: *id,
                    term: *term,
                    user: vec![*user],
                })
                .collect()
        }),
        track: tracks.as_ref().map(|t| t.0.clone()),
        annotation_track: tracks.map(|t| t.1),
        original_filename: if c.image {
            base.map(|b| b.original_filename.as_str())
        } else {
            None
        },
        instance_filename: if c.image {
            image
                .and_then(|i| i.instance_filename.as_deref())
                .or(base.map(|b| b.original_filename.as_str()))
        } else {
            None
        },
        slice: c.slice.then(|| SliceCols {
            channel: base_slice.map_or(0, |s| s.channel),
            z_stack: base_slice.map_or(0, |s| s.z_stack),
            time: base_slice.map_or(0, |s| s.time),
        }),
        creator: if c.user {
            author.map(|u| u.username.as_str())
        } else {
            None
        },
        name: if c.user {
            author.map(|u| format!("{} {}", u.firstname, u.lastname).trim().to_owned())
        } else {
            None
        },
    }
}

fn list(call: &Call, _p: &Params, st: &State) -> Outcome {
    let filters = Filters::from_call(call, st)?;
    let columns = Columns::from_call(call);
    let matches: Vec<&Annotation> = st
        .annotations
        .iter()
        .rev()
        .filter(|a| filters.keep(st, a))
        .collect();
    paged(call, matches, |a| item(st, call, columns, a))
}
