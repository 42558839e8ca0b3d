//! One item of the annotation listing: column groups and their serialization (WIRE.md §3.11),
//! for user annotations and reviewed annotations alike.
//!
//! An item is written straight from the stored annotation into the answer's bytes: only the
//! columns asked for are looked up, and the URLs are written piece by piece.

use std::collections::HashSet;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::annotation::{measures, term_ids};
use crate::http::call::Call;
use crate::http::json_out::{escaped, Object, Part};
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
    /// The entries of the `userByTerm` column.
    fn term_links(&self, st: &State) -> Vec<TermLink> {
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
        let ids = st
            .terms_of_annotation
            .get(&self.a.meta.id)
            .into_iter()
            .flatten();
        ids.filter_map(|id| st.annotation_terms.get(*id))
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
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("term", &self.term)?;
        m.serialize_entry("user", &[self.user])?;
        m.end()
    }
}

/// What every item of one listing shares: the state, the server URL, the columns, and the user
/// annotations that have been accepted (collected once, not searched per item).
pub struct Lister<'a> {
    st: &'a State,
    server: &'a str,
    /// `server` escaped for a JSON string.
    server_json: String,
    columns: Columns,
    accepted: HashSet<i64>,
}

impl<'a> Lister<'a> {
    /// The lister of one request.
    pub fn new(st: &'a State, call: &'a Call, columns: Columns) -> Lister<'a> {
        Lister {
            st,
            server: &call.server_url,
            server_json: escaped(&call.server_url),
            columns,
            accepted: st.reviewed_annotations.iter().map(|r| r.parent).collect(),
        }
    }

    /// Whether a user annotation has been accepted (always true for a reviewed one), as
    /// `review::is_reviewed` answers.
    pub fn is_reviewed(&self, l: Listed) -> bool {
        l.review.is_some() || self.accepted.contains(&l.a.meta.id)
    }

    /// Write the item of `l` into `out`: `class`, `id`, then the column groups in the server's
    /// order.
    pub fn write(&self, out: &mut Vec<u8>, l: Listed) {
        let (st, c, a) = (self.st, self.columns, l.a);
        let mut o = Object::begin(out);
        let class = match l.review {
            Some(_) => super::owner::REVIEWED_ANNOTATION,
            None => super::owner::USER_ANNOTATION,
        };
        o.entry("class", class);
        o.entry("id", &a.meta.id);
        if c.meta {
            self.meta(&mut o, l);
        }
        if c.wkt {
            o.entry("location", &a.location);
            o.entry("geometryCompression", &a.geometry_compression);
        }
        if c.gis {
            let (area, area_unit, perimeter, perimeter_unit) = measures(st, a);
            o.entry("area", &area);
            o.entry("areaUnit", area_unit);
            o.entry("perimeter", &perimeter);
            o.entry("perimeterUnit", perimeter_unit);
            let mut centroid = Object::begin(o.key("centroid"));
            centroid.entry("x", &a.centroid.0);
            centroid.entry("y", &a.centroid.1);
            centroid.end();
        }
        if c.term {
            o.entry("term", &l.terms(st));
            o.entry("userByTerm", &l.term_links(st));
        }
        if c.track {
            let (tracks, placements) = super::track::of_annotation(st, a.meta.id);
            o.entry("track", &tracks);
            o.entry("annotationTrack", &placements);
        }
        if c.image {
            self.image(&mut o, a);
        }
        if c.slice {
            self.slice(&mut o, a);
        }
        if c.user {
            if let Some(u) = st.users.get(a.user) {
                o.entry("creator", &u.username);
                o.entry("name", format!("{} {}", u.firstname, u.lastname).trim());
            }
        }
        o.end();
    }

    fn meta(&self, o: &mut Object, l: Listed) {
        let a = l.a;
        let reviewed = self.is_reviewed(l);
        o.entry("created", &a.meta.created);
        o.entry("updated", &a.meta.updated);
        o.entry("image", &a.image);
        o.entry("slice", &a.slice);
        o.entry("project", &a.project);
        o.entry("user", &a.user);
        o.entry("nbComments", &0);
        o.entry("countReviewedAnnotations", &i64::from(reviewed));
        o.entry("reviewed", &reviewed);
        if l.review.is_some() {
            let (crop, small, image) = super::review::urls(self.server, a);
            o.entry("cropURL", &crop);
            o.entry("smallCropURL", &small);
            o.entry("url", &crop);
            o.entry("imageURL", &image);
            return;
        }
        // As `annotation::urls` formats them.
        let server = Part::Escaped(&self.server_json);
        let id = Part::Id(a.meta.id);
        let crop = [
            server,
            Part::Escaped("/api/userannotation/"),
            id,
            Part::Escaped("/crop.png"),
        ];
        o.joined("cropURL", &crop);
        let small = [
            server,
            Part::Escaped("/api/userannotation/"),
            id,
            Part::Escaped("/crop.png?maxSize=256"),
        ];
        o.joined("smallCropURL", &small);
        o.joined("url", &crop);
        let image = [
            server,
            Part::Escaped("/#/project/"),
            Part::Id(a.project),
            Part::Escaped("/image/"),
            Part::Id(a.image),
            Part::Escaped("/annotation/"),
            id,
        ];
        o.joined("imageURL", &image);
    }

    fn image(&self, o: &mut Object, a: &Annotation) {
        let st = self.st;
        let image = st.image_instances.get(a.image);
        let base = image.and_then(|i| st.abstract_images.get(i.base_image));
        let original = base.map(|b| b.original_filename.as_str());
        if let Some(name) = original {
            o.entry("originalFilename", name);
        }
        let instance = image.and_then(|i| i.instance_filename.as_deref());
        if let Some(name) = instance.or(original) {
            o.entry("instanceFilename", name);
        }
    }

    fn slice(&self, o: &mut Object, a: &Annotation) {
        let st = self.st;
        let base_slice = st
            .slice_instances
            .get(a.slice)
            .and_then(|s| st.abstract_slices.get(s.base_slice));
        o.entry("channel", &base_slice.map_or(0, |s| s.channel));
        o.entry("zStack", &base_slice.map_or(0, |s| s.z_stack));
        o.entry("time", &base_slice.map_or(0, |s| s.time));
    }
}
