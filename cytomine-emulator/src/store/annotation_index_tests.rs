//! The index by project and image against a scan of the table, through creates, updates that
//! move annotations, deletes, and changes made behind its back.

use super::*;
use crate::geometry::parse_wkt;
use crate::store::Meta;

fn annotation(id: i64, project: i64, image: i64) -> Annotation {
    let location = format!("POINT ({id} {id})");
    let geometry = parse_wkt(&location).unwrap_or_else(|_| panic!("{location} parses"));
    Annotation {
        meta: Meta {
            id,
            created: id,
            updated: id,
        },
        slice: image + 1,
        image,
        project,
        user: 1,
        location,
        geometry_compression: 0.0,
        area: 0.0,
        perimeter: 0.0,
        centroid: (id as f64, id as f64),
        bbox: (id as f64, id as f64, id as f64, id as f64),
        geometry,
    }
}

/// What a scan of the table gives for `scope`.
fn scanned(st: &State, scope: AnnotationScope) -> Vec<i64> {
    st.annotations
        .iter()
        .filter(|a| match scope {
            AnnotationScope::Project(p) => a.project == p,
            AnnotationScope::Image(i) => a.image == i,
        })
        .map(|a| a.meta.id)
        .collect()
}

fn assert_matches_scan(st: &State) {
    let scopes = (1..=3)
        .map(AnnotationScope::Project)
        .chain((10..=13).map(AnnotationScope::Image));
    for scope in scopes {
        let indexed = st.annotation_ids(scope).map(<[i64]>::to_vec);
        assert_eq!(indexed, Some(scanned(st, scope)), "{scope:?}");
    }
}

#[test]
fn creates_updates_and_deletes_keep_the_index_equal_to_a_scan() {
    let mut st = State::default();
    for id in 1..=60 {
        let project = 1 + id % 3;
        st.insert_annotation(annotation(id, project, 10 + id % 4));
    }
    assert_matches_scan(&st);
    // Updates: the same id moved to another project and image, and replaced in place.
    st.insert_annotation(annotation(7, 3, 13));
    st.insert_annotation(annotation(8, 2, 11));
    st.insert_annotation(annotation(9, 1, 10));
    assert_matches_scan(&st);
    // An id below the newest one (inserted in the middle of its lists).
    st.remove_annotation(20);
    st.insert_annotation(annotation(20, 1, 12));
    assert_matches_scan(&st);
    for id in (1..=60).filter(|id| id % 5 == 0) {
        assert!(st.remove_annotation(id).is_some(), "{id} was there");
    }
    assert!(st.remove_annotation(1000).is_none());
    assert_matches_scan(&st);
    for id in 1..=60 {
        st.remove_annotation(id);
    }
    assert_matches_scan(&st);
    assert_eq!(
        st.annotation_ids(AnnotationScope::Project(1)),
        Some(&[][..])
    );
}

#[test]
fn a_change_behind_the_index_makes_it_stale_until_the_next_indexed_change() {
    let mut st = State::default();
    for id in 1..=10 {
        st.insert_annotation(annotation(id, 1, 10));
    }
    st.annotations.insert(11, annotation(11, 2, 11));
    assert_eq!(st.annotation_ids(AnnotationScope::Project(2)), None);
    if let Some(a) = st.annotations.get_mut(3) {
        a.project = 2;
    }
    assert_eq!(st.annotation_ids(AnnotationScope::Project(1)), None);
    // The next change through `State` rebuilds it from the table.
    st.insert_annotation(annotation(12, 1, 10));
    assert_eq!(
        st.annotation_ids(AnnotationScope::Project(2)),
        Some(&[3, 11][..])
    );
    assert_matches_scan(&st);
    st.annotations.remove(5);
    assert_eq!(st.annotation_ids(AnnotationScope::Image(10)), None);
    st.remove_annotation(6);
    assert_matches_scan(&st);
}
