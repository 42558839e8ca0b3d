//! One item of the annotation listing: column groups and their serialization (WIRE.md §3.11),
//! for user annotations and reviewed annotations alike.
//!
//! An item is serialized straight from the stored annotation into the answer: only the columns
//! asked for are looked up, and the URLs are written as they are formatted, without a `String`.

use std::collections::HashSet;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::annotation::{measures, term_ids};
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

/// What every item of one listing shares: the state, the server URL, the columns, and the user
/// annotations that have been accepted (collected once, not searched per item).
pub struct Lister<'a> {
    st: &'a State,
    server: &'a str,
    columns: Columns,
    accepted: HashSet<i64>,
}

impl<'a> Lister<'a> {
    /// The lister of one request.
    pub fn new(st: &'a State, call: &'a Call, columns: Columns) -> Lister<'a> {
        Lister {
            st,
            server: &call.server_url,
            columns,
            accepted: st.reviewed_annotations.iter().map(|r| r.parent).collect(),
        }
    }
    /// Whether a user annotation has been accepted (always true for a reviewed one), as
    /// `review::is_reviewed` answers.
    pub fn is_reviewed(&self, l: Listed) -> bool {
        l.review.is_some() || self.accepted.contains(&l.a.meta.id)
    }
    /// The item of `l`, ready to serialize.
    pub fn item(&'a self, l: Listed<'a>) -> Item<'a> {
        Item { lister: self, l }
    }
}

/// One listing item; serializing it writes the columns of its [`Lister`].
pub struct Item<'a> {
    lister: &'a Lister<'a>,
    l: Listed<'a>,
}

struct Centroid {
    x: f64,
    y: f64,
}

impl Serialize for Centroid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("x", &self.x)?;
        m.serialize_entry("y", &self.y)?;
        m.end()
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

impl Item<'_> {
    fn meta<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let (a, server) = (self.l.a, self.lister.server);
        let reviewed = self.lister.is_reviewed(self.l);
        m.serialize_entry("created", &a.meta.created)?;
        m.serialize_entry("updated", &a.meta.updated)?;
        m.serialize_entry("image", &a.image)?;
        m.serialize_entry("slice", &a.slice)?;
        m.serialize_entry("project", &a.project)?;
        m.serialize_entry("user", &a.user)?;
        m.serialize_entry("nbComments", &0)?;
        m.serialize_entry("countReviewedAnnotations", &i64::from(reviewed))?;
        m.serialize_entry("reviewed", &reviewed)?;
        if self.l.review.is_some() {
            let (crop, small, image) = super::review::urls(server, a);
            m.serialize_entry("cropURL", &crop)?;
            m.serialize_entry("smallCropURL", &small)?;
            m.serialize_entry("url", &crop)?;
            return m.serialize_entry("imageURL", &image);
        }
        // As `annotation::urls` formats them.
        let id = a.meta.id;
        let crop = format_args!("{server}/api/userannotation/{id}/crop.png");
        m.serialize_entry("cropURL", &crop)?;
        m.serialize_entry(
            "smallCropURL",
            &format_args!("{server}/api/userannotation/{id}/crop.png?maxSize=256"),
        )?;
        m.serialize_entry("url", &crop)?;
        m.serialize_entry(
            "imageURL",
            &format_args!(
                "{server}/#/project/{}/image/{}/annotation/{id}",
                a.project, a.image
            ),
        )
    }

    fn gis<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let a = self.l.a;
        let (area, area_unit, perimeter, perimeter_unit) = measures(self.lister.st, a);
        m.serialize_entry("area", &area)?;
        m.serialize_entry("areaUnit", area_unit)?;
        m.serialize_entry("perimeter", &perimeter)?;
        m.serialize_entry("perimeterUnit", perimeter_unit)?;
        let (x, y) = a.centroid;
        m.serialize_entry("centroid", &Centroid { x, y })
    }

    fn image<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let st = self.lister.st;
        let image = st.image_instances.get(self.l.a.image);
        let base = image.and_then(|i| st.abstract_images.get(i.base_image));
        let original = base.map(|b| b.original_filename.as_str());
        if let Some(name) = original {
            m.serialize_entry("originalFilename", name)?;
        }
        let instance = image.and_then(|i| i.instance_filename.as_deref());
        if let Some(name) = instance.or(original) {
            m.serialize_entry("instanceFilename", name)?;
        }
        Ok(())
    }

    fn slice<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let st = self.lister.st;
        let base_slice = st
            .slice_instances
            .get(self.l.a.slice)
            .and_then(|s| st.abstract_slices.get(s.base_slice));
        m.serialize_entry("channel", &base_slice.map_or(0, |s| s.channel))?;
        m.serialize_entry("zStack", &base_slice.map_or(0, |s| s.z_stack))?;
        m.serialize_entry("time", &base_slice.map_or(0, |s| s.time))
    }

    fn user<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        if let Some(u) = self.lister.st.users.get(self.l.a.user) {
            m.serialize_entry("creator", &u.username)?;
            let name = format!("{} {}", u.firstname, u.lastname);
            m.serialize_entry("name", name.trim())?;
        }
        Ok(())
    }
}

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (st, c, a) = (self.lister.st, self.lister.columns, self.l.a);
        let mut m = s.serialize_map(None)?;
        let class = if self.l.review.is_some() {
            super::owner::REVIEWED_ANNOTATION
        } else {
            super::owner::USER_ANNOTATION
        };
        m.serialize_entry("class", class)?;
        m.serialize_entry("id", &a.meta.id)?;
        if c.meta {
            self.meta(&mut m)?;
        }
        if c.wkt {
            m.serialize_entry("location", &a.location)?;
            m.serialize_entry("geometryCompression", &a.geometry_compression)?;
        }
        if c.gis {
            self.gis(&mut m)?;
        }
        if c.term {
            m.serialize_entry("term", &self.l.terms(st))?;
            m.serialize_entry("userByTerm", &self.l.term_links(st))?;
        }
        if c.track {
            let (tracks, placements) = super::track::of_annotation(st, a.meta.id);
            m.serialize_entry("track", &tracks)?;
            m.serialize_entry("annotationTrack", &placements)?;
        }
        if c.image {
            self.image(&mut m)?;
        }
        if c.slice {
            self.slice(&mut m)?;
        }
        if c.user {
            self.user(&mut m)?;
        }
        m.end()
    }
}
