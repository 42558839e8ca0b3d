//! One item of the annotation listing: column groups and their serialization (docs/protocol.md §3.11),
//! for user annotations and reviewed annotations alike. Only the columns asked for are looked
//! up; the entries are written in the server's order.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::annotation::{measures, term_ids};
use crate::http::call::Call;
use crate::store::{Annotation, ReviewedAnnotation, State};

/// Which column groups to emit.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Columns {
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
    pub(crate) fn from_call(call: &Call) -> Columns {
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

/// An annotation as listed: a user annotation, or a reviewed one with its review.
#[derive(Clone, Copy)]
pub(crate) struct Listed<'a> {
    /// The geometry, image, project and author.
    pub(crate) annotation: &'a Annotation,
    /// The review record, for a reviewed annotation.
    pub(crate) review: Option<&'a ReviewedAnnotation>,
}

impl<'a> Listed<'a> {
    /// A user annotation.
    pub(crate) fn user(annotation: &'a Annotation) -> Listed<'a> {
        Listed {
            annotation,
            review: None,
        }
    }
    /// A reviewed annotation.
    pub(crate) fn reviewed(reviewed: &'a ReviewedAnnotation) -> Listed<'a> {
        Listed {
            annotation: &reviewed.base,
            review: Some(reviewed),
        }
    }
    /// Its term ids (the accepted ones for a reviewed annotation).
    pub(crate) fn terms(&self, state: &State) -> Vec<i64> {
        match self.review {
            Some(r) => r.terms.clone(),
            None => term_ids(state, self.annotation.meta.id),
        }
    }
    /// The entries of the `userByTerm` column.
    fn term_links(&self, state: &State) -> Vec<TermLink> {
        if let Some(r) = self.review {
            return r
                .terms
                .iter()
                .map(|t| TermLink {
                    id: r.base.meta.id,
                    term: *t,
                    user: r.review_user,
                })
                .collect();
        }
        let ids = state
            .terms_of_annotation
            .get(&self.annotation.meta.id)
            .into_iter()
            .flatten();
        ids.filter_map(|id| state.annotation_terms.get(*id))
            .map(|l| TermLink {
                id: l.meta.id,
                term: l.term,
                user: l.user,
            })
            .collect()
    }
}

/// An entry of the `userByTerm` column: the link id, its term and its user.
struct TermLink {
    id: i64,
    term: i64,
    user: i64,
}

impl Serialize for TermLink {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("term", &self.term)?;
        m.serialize_entry("user", &[self.user])?;
        m.end()
    }
}

/// What every item of one listing shares: the state, the server URL and the columns.
pub(crate) struct Lister<'a> {
    state: &'a State,
    server: &'a str,
    columns: Columns,
}

impl<'a> Lister<'a> {
    /// The lister of one request.
    pub(crate) fn new(state: &'a State, call: &'a Call, columns: Columns) -> Lister<'a> {
        Lister {
            state,
            server: &call.server_url,
            columns,
        }
    }

    /// Whether a user annotation has been accepted (always true for a reviewed one).
    pub(crate) fn is_reviewed(&self, listed: Listed) -> bool {
        listed.review.is_some() || super::review::is_reviewed(self.state, listed.annotation.meta.id)
    }

    /// The item of `listed`, serialized when the page is.
    pub(crate) fn item(&'a self, listed: Listed<'a>) -> Item<'a> {
        Item {
            lister: self,
            listed,
        }
    }
}

/// One listing item: `class`, `id`, then the column groups in the server's order.
pub(crate) struct Item<'a> {
    lister: &'a Lister<'a>,
    listed: Listed<'a>,
}

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (state, columns) = (self.lister.state, self.lister.columns);
        let (listed, annotation) = (self.listed, self.listed.annotation);
        let mut map = serializer.serialize_map(None)?;
        let class = match listed.review {
            Some(_) => super::owner::REVIEWED_ANNOTATION,
            None => super::owner::USER_ANNOTATION,
        };
        map.serialize_entry("class", class)?;
        map.serialize_entry("id", &annotation.meta.id)?;
        if columns.meta {
            self.meta(&mut map)?;
        }
        if columns.wkt {
            map.serialize_entry("location", &annotation.location)?;
            map.serialize_entry("geometryCompression", &annotation.geometry_compression)?;
        }
        if columns.gis {
            let (area, area_unit, perimeter, perimeter_unit) = measures(state, annotation);
            map.serialize_entry("area", &area)?;
            map.serialize_entry("areaUnit", area_unit)?;
            map.serialize_entry("perimeter", &perimeter)?;
            map.serialize_entry("perimeterUnit", perimeter_unit)?;
            let (x, y) = annotation.centroid;
            map.serialize_entry("centroid", &Centroid { x, y })?;
        }
        if columns.term {
            map.serialize_entry("term", &listed.terms(state))?;
            map.serialize_entry("userByTerm", &listed.term_links(state))?;
        }
        if columns.track {
            let (tracks, placements) = super::track::of_annotation(state, annotation.meta.id);
            map.serialize_entry("track", &tracks)?;
            map.serialize_entry("annotationTrack", &placements)?;
        }
        if columns.image {
            let image = state.image_instances.get(annotation.image);
            let base = image.and_then(|i| state.abstract_images.get(i.base_image));
            let original = base.map(|b| b.original_filename.as_str());
            if let Some(name) = original {
                map.serialize_entry("originalFilename", name)?;
            }
            let instance = image.and_then(|i| i.instance_filename.as_deref());
            if let Some(name) = instance.or(original) {
                map.serialize_entry("instanceFilename", name)?;
            }
        }
        if columns.slice {
            let base_slice = state
                .slice_instances
                .get(annotation.slice)
                .and_then(|s| state.abstract_slices.get(s.base_slice));
            map.serialize_entry("channel", &base_slice.map_or(0, |s| s.channel))?;
            map.serialize_entry("zStack", &base_slice.map_or(0, |s| s.z_stack))?;
            map.serialize_entry("time", &base_slice.map_or(0, |s| s.time))?;
        }
        if columns.user {
            if let Some(user) = state.users.get(annotation.user) {
                map.serialize_entry("creator", &user.username)?;
                let name = format!("{} {}", user.firstname, user.lastname);
                map.serialize_entry("name", name.trim())?;
            }
        }
        map.end()
    }
}

impl Item<'_> {
    /// The `meta` column group.
    fn meta<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        let annotation = self.listed.annotation;
        let reviewed = self.lister.is_reviewed(self.listed);
        map.serialize_entry("created", &annotation.meta.created)?;
        map.serialize_entry("updated", &annotation.meta.updated)?;
        map.serialize_entry("image", &annotation.image)?;
        map.serialize_entry("slice", &annotation.slice)?;
        map.serialize_entry("project", &annotation.project)?;
        map.serialize_entry("user", &annotation.user)?;
        map.serialize_entry("nbComments", &0)?;
        map.serialize_entry("countReviewedAnnotations", &i64::from(reviewed))?;
        map.serialize_entry("reviewed", &reviewed)?;
        let (crop, small_crop, image) = match self.listed.review {
            Some(_) => super::review::urls(self.lister.server, annotation),
            None => super::annotation::urls(self.lister.server, annotation),
        };
        map.serialize_entry("cropURL", &crop)?;
        map.serialize_entry("smallCropURL", &small_crop)?;
        map.serialize_entry("url", &crop)?;
        map.serialize_entry("imageURL", &image)
    }
}

/// The `centroid` entry of the `gis` column group.
#[derive(Serialize)]
struct Centroid {
    x: f64,
    y: f64,
}
