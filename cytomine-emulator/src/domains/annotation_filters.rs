//! The filters of the annotation listing (docs/protocol.md §3.11): read from the query, checked against
//! the state and the caller's rights, and applied to each annotation.

use std::collections::HashSet;

use super::acl;
use super::annotation_item::{Listed, Lister};
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
    pub(super) bbox: Option<(f64, f64, f64, f64)>,
    pub(super) near: Option<Near>,
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

/// The bounding box of `bbox`, or of the annotation named by `bboxAnnotation`.
fn bbox_of(call: &Call, state: &State) -> Result<Option<(f64, f64, f64, f64)>, Fail> {
    if let Some(id) = call.int("bboxAnnotation")? {
        let a = state
            .annotations
            .get(id)
            .ok_or_else(|| Fail::not_found(format!("Annotation {id} not exist!")))?;
        return Ok(Some(a.bbox));
    }
    call.nonempty("bbox").map(parse_bbox).transpose()
}

/// A box `(minx, miny, maxx, maxy)` and a distance from it.
type Near = ((f64, f64, f64, f64), f64);

/// `baseAnnotation` (an id or a WKT) and `maxDistanceBaseAnnotation`: the base's bounding box
/// and the distance. The emulator measures between bounding boxes, an approximation of the
/// server's `ST_Distance` that never misses an annotation within the distance.
fn near_of(call: &Call, state: &State) -> Result<Option<Near>, Fail> {
    let Some(base) = call.nonempty("baseAnnotation") else {
        return Ok(None);
    };
    let bbox = match base.trim().parse::<i64>() {
        Ok(id) => state
            .annotations
            .get(id)
            .map(|a| a.bbox)
            .ok_or_else(|| Fail::not_found(format!("Annotation {id} not exist!")))?,
        Err(_) => parse_bbox(base)?,
    };
    let distance = call
        .nonempty("maxDistanceBaseAnnotation")
        .map(|d| {
            d.trim()
                .parse::<f64>()
                .map_err(|_| Fail::bad(format!("maxDistanceBaseAnnotation is not a number: {d}")))
        })
        .transpose()?
        .unwrap_or(0.0);
    Ok(Some((bbox, distance)))
}

/// Distance between two boxes `(minx, miny, maxx, maxy)`; 0 when they touch or overlap.
fn box_distance(first: (f64, f64, f64, f64), second: (f64, f64, f64, f64)) -> f64 {
    let dx = (second.0 - first.2).max(first.0 - second.2).max(0.0);
    let dy = (second.1 - first.3).max(first.1 - second.3).max(0.0);
    dx.hypot(dy)
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
        let users = id_set(call, "user", "users")?;
        let terms = id_set(call, "term", "terms")?;
        must_exist(&images, |id| state.image_instances.contains(id), "Image")?;
        must_exist(&slices, |id| state.slice_instances.contains(id), "Slice")?;
        must_exist(&users, |id| state.users.contains(id), "User")?;
        must_exist(&terms, |id| state.terms.contains(id), "Term")?;
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
            || self.bbox.is_some_and(|b| !a.geometry.intersects_bbox(b))
            || self.near.is_some_and(|(b, d)| box_distance(a.bbox, b) > d)
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

    fn keep_terms(&self, state: &State, listed: Listed) -> bool {
        if self.terms.is_none() && !self.no_term && !self.multiple_term {
            return true;
        }
        let terms = listed.terms(state);
        (!self.no_term || terms.is_empty())
            && (!self.multiple_term || terms.len() > 1)
            && self
                .terms
                .as_ref()
                .is_none_or(|s| terms.iter().any(|t| s.contains(t)))
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
