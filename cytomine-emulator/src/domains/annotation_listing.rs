//! `GET annotation.json`: the annotation listing with its filters (docs/protocol.md §3.11); with
//! `reviewed=true` it lists reviewed annotations. Also the "included" listings.

use std::collections::HashSet;

use super::annotation_filters::{included_area, Filters};
use super::annotation_item::{Columns, Listed, Lister};
use super::Routes;
use crate::geometry::Geometry;
use crate::http::call::Call;
use crate::http::fail::Outcome;
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::State;

/// Register the routes (before `annotation/{id}.json`, which would catch `annotation/included.json`).
pub(crate) fn routes(routes: &mut Routes) {
    routes.get("annotation.json", |call, _, state| {
        list(call, state, None, None)
    });
    routes.get("annotation/search.json", |call, _, state| {
        list(call, state, None, None)
    });
    routes.get(
        "imageinstance/{id}/annotation/included.json",
        |call, params, state| {
            let image = params.id("id").unwrap_or(0);
            let area = included_area(call, state)?;
            list(call, state, Some(image), Some(area))
        },
    );
    // client-compat, not in core: `AnnotationCollection(included=True)` asks for this path,
    // with the image in the query; it is served as the route above.
    routes.get("annotation/included.json", |call, _: &Params, state| {
        let area = included_area(call, state)?;
        list(call, state, None, Some(area))
    });
}

/// The listing; `reviewed=true` (or an "included" listing without `user`/`users`) lists
/// reviewed annotations.
fn list(call: &Call, state: &State, image: Option<i64>, area: Option<Geometry>) -> Outcome {
    let mut filters = Filters::from_call(call, state, image)?;
    let no_user = filters.users.is_none();
    let reviewed = call.flag_or("reviewed", false) || (area.is_some() && no_user);
    if area.is_some() {
        if let Some(excluded) = call.int("annotation")? {
            filters
                .excluded
                .get_or_insert_with(HashSet::new)
                .insert(excluded);
        }
    }
    filters.inside = area;
    let lister = Lister::new(state, call, Columns::from_call(call));
    let keep = |listed: &Listed| filters.keep(state, &lister, *listed);
    // Newest first.
    let matches: Vec<Listed> = if reviewed {
        let all = state.reviewed_annotations.iter().rev();
        all.map(Listed::reviewed).filter(keep).collect()
    } else {
        let all = state.annotations.iter().rev();
        all.map(Listed::user).filter(keep).collect()
    };
    paged(call, matches, |listed| lister.item(listed))
}

#[cfg(test)]
#[path = "annotation_listing_tests.rs"]
mod tests;
