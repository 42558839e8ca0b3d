//! The listing read from the index (whole project, images, filters) answers byte for byte what
//! the scan of the whole table answers, for every page window.

use super::*;
use crate::geometry::parse_wkt;
use crate::http::call::Caller;
use crate::http::fail::Fail;
use crate::keys::Role;
use crate::store::{Annotation, AnnotationScope};

const SERVER: &str = "http://127.0.0.1:8080";

/// The demo data, plus `extra` annotations spread over its two images, then one moved and
/// one deleted.
fn state(extra: i64) -> (State, Caller, i64, Vec<i64>) {
    let mut st = State::default();
    st.init_roles();
    let admin = st.add_user("admin", Role::SuperAdmin, None, 1);
    crate::demo::load(&mut st, &admin).expect("demo data loads");
    let project = st.projects.iter().map(|p| p.meta.id).next().unwrap_or(0);
    let images: Vec<i64> = st.image_instances.iter().map(|i| i.meta.id).collect();
    for k in 0..extra {
        let image = images[(k % 2) as usize];
        let meta = st.meta(100 + k);
        let location = format!("POLYGON (({k} 0, {a} 0, {a} 5, {k} 5, {k} 0))", a = k + 3);
        let Ok(geometry) = parse_wkt(&location) else {
            panic!("{location} parses");
        };
        st.insert_annotation(Annotation {
            meta,
            slice: crate::domains::reference_slice(&st, image).unwrap_or(0),
            image,
            project,
            user: admin.id,
            location,
            geometry_compression: 0.0,
            area: geometry.area(),
            perimeter: geometry.length(),
            centroid: geometry.centroid(),
            bbox: geometry.bbox().unwrap_or_default(),
            geometry,
        });
    }
    let ids: Vec<i64> = st.annotations.iter().map(|a| a.meta.id).collect();
    if let Some(mut moved) = st.annotations.get(ids[3]).cloned() {
        moved.image = images[1];
        st.insert_annotation(moved);
    }
    st.remove_annotation(ids[5]);
    let caller = Caller {
        id: admin.id,
        username: admin.username,
        role: Role::SuperAdmin,
        admin_by_now: true,
    };
    (st, caller, project, images)
}

fn call(caller: &Caller, query: &str) -> Call {
    Call::test_get("/api/annotation.json", query, Some(caller.clone()), SERVER)
}

fn answer(st: &State, caller: &Caller, query: &str) -> (u16, String) {
    let reply = list(&call(caller, query), st, None, None).unwrap_or_else(Fail::reply);
    let body = String::from_utf8_lossy(reply.body()).into_owned();
    (reply.status(), body)
}

#[test]
fn every_page_window_from_the_index_equals_the_scan() {
    let (mut st, caller, project, images) = state(45);
    let (i0, i1) = (images[0], images[1]);
    let filters = [
        format!("project={project}&showWKT=true"),
        format!("project={project}&showBasic=true&showMeta=true&showWKT=true&showGIS=true"),
        format!("project={project}&showTerm=true&showImage=true&showUser=true&showSlice=true"),
        format!("image={i0}&showWKT=true"),
        format!("images={i0},{i1}"),
        format!("project={project}&images={i1}&afterThan=110"),
        format!("project={project}&noTerm=true"),
        format!("project={project}&bbox=0,0,20,20"),
    ];
    let windows = [
        "",
        "&max=7",
        "&max=7&offset=14",
        "&max=10&offset=50",
        "&max=0&offset=3",
    ];
    let mut indexed = Vec::new();
    for f in &filters {
        for w in windows {
            indexed.push(answer(&st, &caller, &format!("{f}{w}")));
        }
    }
    // Any change behind the index's back leaves it stale: the listing then scans the table.
    st.annotations.get_mut(0);
    assert_eq!(st.annotation_ids(AnnotationScope::Project(project)), None);
    let mut scanned = Vec::new();
    for f in &filters {
        for w in windows {
            scanned.push(answer(&st, &caller, &format!("{f}{w}")));
        }
    }
    assert_eq!(indexed.len(), scanned.len());
    for (i, (a, b)) in indexed.iter().zip(&scanned).enumerate() {
        assert_eq!(a, b, "query {i}");
        assert_eq!(a.0, 200, "query {i}: {}", a.1);
    }
}

#[test]
fn a_page_is_the_window_of_the_whole_listing() {
    let (st, caller, project, _) = state(30);
    let whole = |q: &str| -> Vec<serde_json::Value> {
        let (_, body) = answer(&st, &caller, q);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        v["collection"].as_array().cloned().unwrap_or_default()
    };
    let all = whole(&format!("project={project}&showWKT=true"));
    assert_eq!(all.len(), 30 + 12 - 1);
    let ids: Vec<i64> = all.iter().filter_map(|a| a["id"].as_i64()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    for (max, offset) in [(1, 0), (5, 0), (5, 5), (8, 38), (8, 41), (3, 100)] {
        let page = whole(&format!(
            "project={project}&showWKT=true&max={max}&offset={offset}"
        ));
        let expected: Vec<_> = all.iter().skip(offset).take(max).cloned().collect();
        assert_eq!(page, expected, "max={max} offset={offset}");
        let (_, body) = answer(
            &st,
            &caller,
            &format!("project={project}&max={max}&offset={offset}"),
        );
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        assert_eq!(v["size"], all.len());
        assert_eq!(v["offset"], offset);
        assert_eq!(v["perPage"], max.min(all.len()));
        assert_eq!(v["totalPages"], all.len().div_ceil(max));
    }
}
