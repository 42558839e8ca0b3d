//! The listing's matches and page windows, on the demo data and more.

use super::*;
use crate::geometry::parse_wkt;
use crate::http::call::Caller;
use crate::http::fail::Fail;
use crate::keys::Role;
use crate::store::Annotation;

const SERVER: &str = "http://127.0.0.1:8080";

/// The demo data, plus `extra` annotations spread over its two images, then one moved and
/// one deleted.
fn demo_state(extra: i64) -> (State, Caller, i64, Vec<i64>) {
    let mut state = State::default();
    state.init_roles();
    let admin = state.add_user("admin", Role::SuperAdmin, None, 1);
    crate::demo::load(&mut state, &admin).expect("demo data loads");
    let project = state.projects.iter().map(|p| p.meta.id).next().unwrap_or(0);
    let images: Vec<i64> = state.image_instances.iter().map(|i| i.meta.id).collect();
    for k in 0..extra {
        let image = images[(k % 2) as usize];
        let meta = state.meta(100 + k);
        let location = format!("POLYGON (({k} 0, {a} 0, {a} 5, {k} 5, {k} 0))", a = k + 3);
        let Ok(geometry) = parse_wkt(&location) else {
            panic!("{location} parses");
        };
        state.annotations.insert(
            meta.id,
            Annotation {
                meta,
                slice: crate::domains::reference_slice(&state, image).unwrap_or(0),
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
            },
        );
    }
    let ids: Vec<i64> = state.annotations.iter().map(|a| a.meta.id).collect();
    if let Some(mut moved) = state.annotations.get(ids[3]).cloned() {
        moved.image = images[1];
        state.annotations.insert(moved.meta.id, moved);
    }
    state.annotations.remove(ids[5]);
    let caller = Caller {
        id: admin.id,
        username: admin.username,
        role: Role::SuperAdmin,
        admin_by_now: true,
    };
    (state, caller, project, images)
}

fn call(caller: &Caller, query: &str) -> Call {
    Call::test_get("/api/annotation.json", query, Some(caller.clone()), SERVER)
}

fn answer(state: &State, caller: &Caller, query: &str) -> (u16, String) {
    let reply = list(&call(caller, query), state, None, None).unwrap_or_else(Fail::reply);
    let body = String::from_utf8_lossy(reply.body()).into_owned();
    (reply.status(), body)
}

/// The ids of a listing's `collection`.
fn ids_of(body: &str) -> Vec<i64> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let items = v["collection"].as_array().cloned().unwrap_or_default();
    items.iter().filter_map(|a| a["id"].as_i64()).collect()
}

#[test]
fn the_listing_of_images_holds_their_annotations_newest_first() {
    let (state, caller, project, images) = demo_state(20);
    let (i0, i1) = (images[0], images[1]);
    let of_images = |wanted: &[i64]| -> Vec<i64> {
        let all = state.annotations.iter().rev();
        let kept = all.filter(|a| wanted.contains(&a.image));
        kept.map(|a| a.meta.id).collect()
    };
    for (query, expected) in [
        (format!("image={i0}"), of_images(&[i0])),
        (format!("image={i1}"), of_images(&[i1])),
        (format!("images={i0},{i1}"), of_images(&[i0, i1])),
        (format!("project={project}&images={i1}"), of_images(&[i1])),
        (format!("project={project}"), of_images(&[i0, i1])),
    ] {
        let (status, body) = answer(&state, &caller, &query);
        assert_eq!(status, 200, "{query}: {body}");
        assert!(!expected.is_empty(), "{query}");
        assert_eq!(ids_of(&body), expected, "{query}");
    }
}

#[test]
fn a_page_is_the_window_of_the_whole_listing() {
    let (state, caller, project, _) = demo_state(30);
    let whole = |q: &str| -> Vec<serde_json::Value> {
        let (_, body) = answer(&state, &caller, q);
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
            &state,
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
