//! The filters of the annotation listing (docs/protocol.md §3.11): read from the query, checked against
//! the state and the caller's rights, and applied to each annotation.

use std::collections::HashSet;

use super::acl;
use super::annotation_item::{Listed, Lister};
use super::annotation_spatial::{self as spatial, Shape};
use crate::geometry::{parse_wkt, Geometry};
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::store::State;

/// The filters of one listing request, resolved and checked.
pub(super) struct Filters {
    pub(super) project: Option<i64>,
    pub(super) images: Option<HashSet<i64>>,
    pub(super) slices: Option<HashSet<i64>>,
    pub(super) users: Option<HashSet<i64>>,
    pub(super) terms: Option<HashSet<i64>>,
    pub(super) tracks: Option<HashSet<i64>>,
    pub(super) review_users: Option<HashSet<i64>>,
    pub(super) no_term: bool,
    pub(super) multiple_term: bool,
    pub(super) no_track: bool,
    pub(super) multiple_track: bool,
    pub(super) not_reviewed_only: bool,
    pub(super) bbox: Option<Shape>,
    pub(super) near: Option<(Shape, f64)>,
    pub(super) after: Option<i64>,
    pub(super) before: Option<i64>,
    pub(super) excluded: Option<HashSet<i64>>,
    pub(super) inside: Option<Geometry>,
}

fn id_set(call: &Call, one: &str, many: &str) -> Result<Option<Vec<i64>>, Fail> {
    match call.ids(many)? {
        Some(v) => Ok(Some(v)),
        None => Ok(call.ids(one)?),
    }
}

/// The plural filter `many` (unknown ids just match nothing), else the singular `one`, whose
/// unknown id is a 404 `"<what> <id><sep>not exist!"` (the term's message has no space).
fn checked_id_set(
    call: &Call,
    (one, many): (&str, &str),
    exists: impl Fn(i64) -> bool,
    (what, sep): (&str, &str),
) -> Result<Option<Vec<i64>>, Fail> {
    if let Some(v) = call.ids(many)? {
        return Ok(Some(v));
    }
    match call.int(one)? {
        Some(id) if !exists(id) => Err(Fail::not_found(format!("{what} {id}{sep}not exist!"))),
        id => Ok(id.map(|id| vec![id])),
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

/// The area of `bbox`, or the geometry of the annotation named by `bboxAnnotation`.
fn bbox_of(call: &Call, state: &State) -> Result<Option<Shape>, Fail> {
    if let Some(id) = call.int("bboxAnnotation")? {
        return annotation_shape(state, id).map(Some);
    }
    call.nonempty("bbox").map(spatial::bbox).transpose()
}

/// The geometry of annotation `id` (404 when there is none).
fn annotation_shape(state: &State, id: i64) -> Result<Shape, Fail> {
    state
        .annotations
        .get(id)
        .and_then(|a| spatial::parse(&a.location))
        .ok_or_else(|| Fail::not_found(format!("Annotation {id} not exist!")))
}

/// `baseAnnotation` (an id or a WKT) with `maxDistanceBaseAnnotation`: the base geometry and the
/// distance. `baseAnnotation` alone has no effect; the distance alone is the server's 404.
fn near_of(call: &Call, state: &State) -> Result<Option<(Shape, f64)>, Fail> {
    let Some(distance) = call.nonempty("maxDistanceBaseAnnotation") else {
        return Ok(None);
    };
    let distance = distance.trim().parse::<f64>().map_err(|_| {
        Fail::bad(format!(
            "maxDistanceBaseAnnotation is not a number: {distance}"
        ))
    })?;
    let Some(base) = call.nonempty("baseAnnotation") else {
        return Err(Fail::not_found(
            "You need to provide a 'baseAnnotation' parameter (annotation id/location = null)!",
        ));
    };
    let shape = match base.trim().parse::<i64>() {
        Ok(id) => annotation_shape(state, id)?,
        Err(_) => spatial::parse(base)
            .ok_or_else(|| Fail::bad(format!("baseAnnotation is not a valid geometry: {base}")))?,
    };
    Ok(Some((shape, distance)))
}

/// The area of an "included" listing: `geometry` (WKT) or the geometry of `annotation`.
pub(super) fn included_area(call: &Call, state: &State) -> Result<Geometry, Fail> {
    if let Some(wkt) = call.nonempty("geometry") {
        return parse_wkt(wkt).map_err(|_| Fail::bad(format!("geometry is not valid: {wkt}")));
    }
    let id = call
        .int("annotation")?
        .ok_or_else(|| Fail::bad("geometry or annotation must be set"))?;
    let a = state
        .annotations
        .get(id)
        .map(|a| &a.geometry)
        .or_else(|| state.reviewed_annotations.get(id).map(|r| &r.base.geometry));
    a.cloned()
        .ok_or_else(|| Fail::not_found(format!("Annotation {id} not exist!")))
}

/// Whether an annotation with box `bbox` and `centroid` lies inside `area` (box inside box, and the
/// centroid inside the area).
fn inside(area: &Geometry, bbox: (f64, f64, f64, f64), centroid: (f64, f64)) -> bool {
    area.bbox().is_some_and(|(x0, y0, x1, y1)| {
        bbox.0 >= x0 && bbox.1 >= y0 && bbox.2 <= x1 && bbox.3 <= y1
    }) && area.contains_point(centroid.0, centroid.1)
}

impl Filters {
    pub(super) fn from_call(
        call: &Call,
        state: &State,
        path_image: Option<i64>,
    ) -> Result<Filters, Fail> {
        let images = match path_image {
            Some(i) => Some(vec![i]),
            None => id_set(call, "image", "images")?,
        };
        let slices = id_set(call, "slice", "slices")?;
        let users = checked_id_set(
            call,
            ("user", "users"),
            |id| state.users.contains(id),
            ("User", " "),
        )?;
        let terms = checked_id_set(
            call,
            ("term", "terms"),
            |id| state.terms.contains(id),
            ("Term", ""),
        )?;
        must_exist(&images, |id| state.image_instances.contains(id), "Image")?;
        must_exist(&slices, |id| state.slice_instances.contains(id), "Slice")?;
        let mut scope: HashSet<i64> = HashSet::new();
        if let Some(p) = call.int("project")? {
            scope.insert(p);
        }
        scope.extend(
            images
                .iter()
                .flatten()
                .filter_map(|i| state.image_instances.get(*i))
                .map(|i| i.project),
        );
        scope.extend(
            slices
                .iter()
                .flatten()
                .filter_map(|s| state.slice_instances.get(*s))
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
            acl::read_project(call, state, *p)?;
        }
        let set = |v: Option<Vec<i64>>| v.map(|v| v.into_iter().collect::<HashSet<i64>>());
        Ok(Filters {
            project: scope.into_iter().next(),
            images: set(images),
            slices: set(slices),
            users: set(users),
            terms: set(terms),
            tracks: set(id_set(call, "track", "tracks")?),
            review_users: set(call.ids("reviewUsers")?),
            no_term: call.flag_or("noTerm", false),
            multiple_term: call.flag_or("multipleTerm", false),
            no_track: call.flag_or("noTrack", false),
            multiple_track: call.flag_or("multipleTrack", false),
            not_reviewed_only: call.flag_or("notReviewedOnly", false),
            bbox: bbox_of(call, state)?,
            near: near_of(call, state)?,
            after: call.int("afterThan")?,
            before: call.int("beforeThan")?,
            excluded: set(call.ids("excludedAnnotation")?),
            inside: None,
        })
    }

    pub(super) fn keep(&self, state: &State, lister: &Lister, listed: Listed) -> bool {
        let a = listed.annotation;
        let within =
            |set: &Option<HashSet<i64>>, v: i64| set.as_ref().is_none_or(|s| s.contains(&v));
        let excluded = |id: i64| self.excluded.as_ref().is_some_and(|s| s.contains(&id));
        if self.project.is_some_and(|p| p != a.project)
            || !within(&self.images, a.image)
            || !within(&self.slices, a.slice)
            || !within(&self.users, a.user)
            || excluded(a.meta.id)
            || listed.review.is_some_and(|r| excluded(r.parent))
            || self.after.is_some_and(|t| a.meta.created <= t)
            || self.before.is_some_and(|t| a.meta.created >= t)
            || !self.spatial_match(&a.location)
            || self
                .inside
                .as_ref()
                .is_some_and(|g| !inside(g, a.bbox, a.centroid))
            || self.not_reviewed_only && lister.is_reviewed(listed)
            || listed
                .review
                .is_some_and(|r| !within(&self.review_users, r.review_user))
        {
            return false;
        }
        self.keep_terms(state, listed) && self.keep_tracks(state, listed)
    }

    /// The `bbox`/`bboxAnnotation` and `baseAnnotation` filters, on the annotation's geometry.
    fn spatial_match(&self, location: &str) -> bool {
        if self.bbox.is_none() && self.near.is_none() {
            return true;
        }
        let Some(shape) = spatial::parse(location) else {
            return false;
        };
        self.bbox
            .as_ref()
            .is_none_or(|b| spatial::intersects(&shape, b))
            && self
                .near
                .as_ref()
                .is_none_or(|(base, d)| spatial::distance(&shape, base) <= *d)
    }

    /// `term`/`terms` keep the annotations carrying one of the terms; with `noTerm=true` they
    /// also keep those without any term (a union); `noTerm=true` alone keeps only the latter.
    fn keep_terms(&self, state: &State, listed: Listed) -> bool {
        if self.terms.is_none() && !self.no_term && !self.multiple_term {
            return true;
        }
        let terms = listed.terms(state);
        let termed = match &self.terms {
            Some(set) => terms.iter().any(|t| set.contains(t)) || self.no_term && terms.is_empty(),
            None => !self.no_term || terms.is_empty(),
        };
        termed && (!self.multiple_term || terms.len() > 1)
    }

    fn keep_tracks(&self, state: &State, listed: Listed) -> bool {
        if self.tracks.is_none() && !self.no_track && !self.multiple_track {
            return true;
        }
        let (tracks, _) = super::track::of_annotation(state, listed.annotation.meta.id);
        (!self.no_track || tracks.is_empty())
            && (!self.multiple_track || tracks.len() > 1)
            && self
                .tracks
                .as_ref()
                .is_none_or(|s| tracks.iter().any(|t| s.contains(t)))
    }
}
