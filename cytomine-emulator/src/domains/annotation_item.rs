//! One item of the annotation listing: column groups and their serialization (WIRE.md §3.11),
//! for user annotations and reviewed annotations alike.

use serde::Serialize;
use serde_json::Value;

use super::annotation::{measures, term_ids, urls};
use crate::http::call::Call;
use crate::store::{Annotation, ReviewedAnnotation, State};

/// Which column groups to emit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns {
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
    /// The groups asked for by `show*`/`hide*` (default: meta and term).
    pub fn from_call(call: &Call) -> Columns {
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

/// An annotation as listed: a user annotation, or a reviewed one with its review.
#[derive(Clone, Copy)]
pub struct Listed<'a> {
    /// The geometry, image, project and author.
    pub a: &'a Annotation,
    /// The review record, for a reviewed annotation.
    pub review: Option<&'a ReviewedAnnotation>,
}

impl<'a> Listed<'a> {
    /// A user annotation.
    pub fn user(a: &'a Annotation) -> Listed<'a> {
        Listed { a, review: None }
    }
    /// A reviewed annotation.
    pub fn reviewed(r: &'a ReviewedAnnotation) -> Listed<'a> {
        Listed {
            a: &r.base,
            review: Some(r),
        }
    }
    /// Its term ids (the accepted ones for a reviewed annotation).
    pub fn terms(&self, st: &State) -> Vec<i64> {
        match self.review {
            Some(r) => r.terms.clone(),
            None => term_ids(st, self.a.meta.id),
        }
    }
    /// Whether a user annotation has been accepted (always true for a reviewed one).
    pub fn is_reviewed(&self, st: &State) -> bool {
        self.review.is_some() || super::review::is_reviewed(st, self.a.meta.id)
    }
    /// `(term, user, link id)` triples of the `userByTerm` column.
    fn term_links(&self, st: &State) -> Vec<(i64, i64, i64)> {
        if let Some(r) = self.review {
            return r
                .terms
                .iter()
                .map(|t| (*t, r.review_user, r.base.meta.id))
                .collect();
        }
        let ids = st
            .terms_of_annotation
            .get(&self.a.meta.id)
            .into_iter()
            .flatten();
        ids.filter_map(|id| st.annotation_terms.get(*id))
            .map(|l| (l.term, l.user, l.meta.id))
            .collect()
    }
}

/// One listing item, serialized straight from the stored annotation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item<'a> {
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
    annotation_track: Option<Vec<Value>>,
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

/// Build the item of `l` with the columns `c`.
pub fn item<'a>(st: &'a State, call: &Call, c: Columns, l: Listed<'a>) -> Item<'a> {
    let a = l.a;
    let reviewed = l.is_reviewed(st);
    let meta = c.meta.then(|| {
        let (crop, small, image_url) = match l.review {
            Some(_) => super::review::urls(&call.server_url, a),
            None => urls(&call.server_url, a),
        };
        MetaCols {
            created: a.meta.created,
            updated: a.meta.updated,
            image: a.image,
            slice: a.slice,
            project: a.project,
            user: a.user,
            nb_comments: 0,
            count_reviewed_annotations: i64::from(reviewed),
            reviewed,
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
    let links = if c.term { l.term_links(st) } else { Vec::new() };
    let image = st.image_instances.get(a.image);
    let base = image.and_then(|i| st.abstract_images.get(i.base_image));
    let base_slice = st
        .slice_instances
        .get(a.slice)
        .and_then(|s| st.abstract_slices.get(s.base_slice));
    let author = st.users.get(a.user);
    let tracks = c.track.then(|| super::track::of_annotation(st, a.meta.id));
    Item {
        class: if l.review.is_some() {
            super::owner::REVIEWED_ANNOTATION
        } else {
            super::owner::USER_ANNOTATION
        },
        id: a.meta.id,
        meta,
        location: c.wkt.then_some(a.location.as_str()),
        geometry_compression: c.wkt.then_some(a.geometry_compression),
        gis,
        term: c.term.then(|| l.terms(st)),
        user_by_term: c.term.then(|| {
            links
                .iter()
                .map(|(term, user, id)| UserByTerm {
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
