//! Records that link two others — annotation links (group, annotation), image-group memberships
//! (group, image), annotation tracks (annotation, track) — written once: addressed in paths by
//! their two ends, unique per pair, listed by one end, guarded by the project of their owner.

use super::acl;
use super::crud::{self, Domain};
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::Fail;
use crate::http::route::Params;
use crate::store::State;

/// One end of a link: the path parameter holding its id and its name in a 404's filters.
pub(crate) struct End {
    /// The path parameter, e.g. `g` in `annotationgroup/{g}/annotation/{a}.json`.
    pub(crate) param: &'static str,
    /// The name in `… not found with filters: group=…`.
    pub(crate) filter: &'static str,
}

impl End {
    /// The end held by path parameter `param`, called `filter` in a 404.
    pub(crate) const fn new(param: &'static str, filter: &'static str) -> End {
        End { param, filter }
    }
}

/// What a link record tells the shared code.
pub(crate) trait Link: Domain {
    /// The two ends, in path order.
    const ENDS: [End; 2];
    /// The ids of the two ends, in the order of [`Link::ENDS`].
    fn ends(&self) -> [i64; 2];
    /// The project whose rights guard the link (that of its owner; 0 when the owner is gone).
    fn project(&self, state: &State) -> i64;
}

/// The id of the link between the two ends named in the path; 404 (filters) otherwise.
pub(crate) fn find<T: Link>(state: &State, params: &Params) -> Result<i64, Fail> {
    let wanted = T::ENDS.map(|end| params.id(end.param));
    T::table(state)
        .iter()
        .find(|l| l.ends().map(Some) == wanted)
        .map(|l| l.meta().id)
        .ok_or_else(|| {
            let [a, b] = T::ENDS.map(|end| format!("{}={}", end.filter, params.get(end.param)));
            Fail::not_found_filters(crud::simple_name(T::CLASS), &format!("{a}, {b}"))
        })
}

/// Whether a link between `ends` (in the order of [`Link::ENDS`]) exists already.
pub(crate) fn exists<T: Link>(state: &State, ends: [i64; 2]) -> bool {
    T::table(state).iter().any(|l| l.ends() == ends)
}

/// The checks before a new link between `ends`: the caller writes in `project` (the owner's), and
/// no such link exists yet (409 with the message `clash` writes otherwise).
pub(crate) fn check_new<T: Link>(
    call: &Call,
    state: &State,
    project: i64,
    ends: [i64; 2],
    clash: impl FnOnce() -> String,
) -> Result<(), Fail> {
    acl::write_project(call, state, project)?;
    if exists::<T>(state, ends) {
        return Err(Fail::exists(clash()));
    }
    Ok(())
}

/// Read permission: the caller reads the link's project.
pub(crate) fn check_read<T: Link>(link: &T, call: &Call, state: &State) -> Result<(), Fail> {
    acl::read_project(call, state, link.project(state)).map(|_| ())
}

/// Delete permission: the caller writes in the project of link `id`.
pub(crate) fn check_remove<T: Link>(call: &Call, state: &State, id: i64) -> Result<(), Fail> {
    let project = T::table(state).get(id).map_or(0, |l| l.project(state));
    acl::write_project(call, state, project).map(|_| ())
}

impl Routes {
    /// `GET` and `DELETE` of the link of `T` whose ends are the two parameters of `pattern`.
    pub(crate) fn link_by_ends<T: Link>(&mut self, pattern: &str) {
        self.get(pattern, |call, params, state| {
            let id = find::<T>(state, params)?;
            crud::get::<T>(call, state, Some(id), &id.to_string())
        });
        self.write("DELETE", pattern, |call, params, state| {
            let id = find::<T>(state, params)?;
            crud::delete::<T>(call, state, Some(id))
        });
    }

    /// `GET {pattern}`: the links of `T` whose end `END` is the path's `{id}`, a record of `O`
    /// the caller may read (404 of `O` otherwise).
    pub(crate) fn links_of<T: Link, O: Domain, const END: usize>(&mut self, pattern: &str) {
        self.get(pattern, |call, params, state| {
            let id = crud::find::<O>(call, state, params.id("id"), params.get("id"))?
                .meta()
                .id;
            crud::paged_where::<T>(call, state, |l| l.ends().get(END) == Some(&id))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::route::Pattern;
    use crate::store::AnnotationTrack;

    const PAIR: &str = "annotationtrack/{a}/{t}.json";

    fn params(path: &str) -> Params {
        let parts: Vec<&str> = path.split('/').collect();
        Pattern::new(PAIR)
            .matches_parts(&parts)
            .unwrap_or_else(|| panic!("{path} matches {PAIR}"))
    }

    fn with_placement(annotation: i64, track: i64) -> State {
        let mut state = State::default();
        let meta = state.meta(1);
        state.annotation_tracks.insert(
            meta.id,
            AnnotationTrack {
                meta,
                annotation,
                track,
                slice: 0,
            },
        );
        state
    }

    #[test]
    fn a_link_is_found_by_its_two_ends_in_path_order() {
        let state = with_placement(11, 22);
        let id = state.annotation_tracks.iter().map(|x| x.meta.id).next();
        let found = find::<AnnotationTrack>(&state, &params("annotationtrack/11/22.json"));
        assert_eq!(found.ok(), id);
        assert!(exists::<AnnotationTrack>(&state, [11, 22]));
        assert!(!exists::<AnnotationTrack>(&state, [22, 11]));
    }

    #[test]
    fn a_missing_link_is_a_404_naming_both_ends_as_spelled() {
        let state = with_placement(11, 22);
        for path in ["annotationtrack/22/11.json", "annotationtrack/11/x.json"] {
            let Err(fail) = find::<AnnotationTrack>(&state, &params(path)) else {
                panic!("{path} is not a placement");
            };
            let t = path
                .trim_end_matches(".json")
                .rsplit('/')
                .next()
                .unwrap_or("");
            let a = path.split('/').nth(1).unwrap_or("");
            assert_eq!(
                fail.message(),
                format!("AnnotationTrack not found with filters : {{annotation={a}, track={t}}}")
            );
        }
    }
}
