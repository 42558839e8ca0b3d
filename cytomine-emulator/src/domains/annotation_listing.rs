//! `GET annotation.json`: the annotation listing with its filters (WIRE.md §3.11); with
//! `reviewed=true` it lists reviewed annotations. Also the "included" listings.

use std::collections::HashSet;

use super::annotation_filters::{included_area, Filters};
use super::annotation_item::{Columns, Listed, Lister};
use super::Routes;
use crate::geometry::Geometry;
use crate::http::call::Call;
use crate::http::fail::Outcome;
use crate::http::paging::paged_json;
use crate::http::route::Params;
use crate::store::State;

/// Register the routes (before `annotation/{id}.json`, which would catch `annotation/included.json`).
pub fn routes(r: &mut Routes) {
    r.listing("annotation.json", |c, _, s| list(c, s, None, None));
    r.listing("annotation/search.json", |c, _, s| list(c, s, None, None));
    r.listing("imageinstance/{id}/annotation/included.json", |c, p, s| {
        let image = p.id("id").unwrap_or(0);
        let area = included_area(c, s)?;
        list(c, s, Some(image), Some(area))
    });
    // client-compat, not in core: `AnnotationCollection(included=True)` asks for this path,
    // with the image in the query; it is served as the route above.
    r.listing("annotation/included.json", |c, _: &Params, s| {
        let area = included_area(c, s)?;
        list(c, s, None, Some(area))
    });
}

/// The listing; `reviewed=true` (or an "included" listing without `user`/`users`) lists
/// reviewed annotations.
fn list(call: &Call, st: &State, image: Option<i64>, area: Option<Geometry>) -> Outcome {
    let mut filters = Filters::from_call(call, st, image)?;
    let no_user = filters.users.is_none();
    let reviewed = call.flag_or("reviewed", false) || (area.is_some() && no_user);
    if area.is_some() {
        if let Some(a) = call.int("annotation")? {
            filters.excluded.get_or_insert_with(HashSet::new).insert(a);
        }
    }
    filters.inside = area;
    let lister = Lister::new(st, call, Columns::from_call(call));
    let write = |out: &mut Vec<u8>, l| lister.write(out, l);
    let keep = |l: &Listed| filters.keep(st, &lister, *l);
    let page_of = |matches: Vec<Listed>| page_of_matches(call, &lister, matches);
    if reviewed {
        let all = st.reviewed_annotations.iter().rev().map(Listed::reviewed);
        return page_of(all.filter(keep).collect());
    }
    let Some(ids) = filters.candidates(st) else {
        let all = st.annotations.iter().rev().map(Listed::user);
        return page_of(all.filter(keep).collect());
    };
    let annotation = |id: &i64| st.annotations.get(*id).map(Listed::user);
    if filters.whole_project() {
        // Newest first; the page is cut from the ids before any annotation is looked up.
        let window = |offset, max| ids.iter().rev().skip(offset).take(max);
        let resolve = |id: &&i64| annotation(id);
        return paged_json(call, ids.len(), window, resolve, write);
    }
    page_of(
        ids.iter()
            .rev()
            .filter_map(annotation)
            .filter(keep)
            .collect(),
    )
}

/// The page of a list of matches already filtered.
fn page_of_matches(call: &Call, lister: &Lister, matches: Vec<Listed>) -> Outcome {
    let size = matches.len();
    let window = |offset, max| matches.into_iter().skip(offset).take(max);
    paged_json(
        call,
        size,
        window,
        |l| Some(*l),
        |out, l| lister.write(out, l),
    )
}

#[cfg(test)]
#[path = "annotation_listing_tests.rs"]
mod tests;
