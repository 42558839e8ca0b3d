//! Server behaviours user code trips on against production (blind projects, listing filters and
//! small wire details), each checked against the upstream file it follows. Paths are in
//! cytomine/cytomine at commit 0165ef761fc0a7869fb103ceb2aa3b0e7a77abd8, under
//! `core/src/main/java/be/cytomine/` unless they say otherwise.

use crate::support::*;
use reqwest::Method;
use serde_json::{json, Value};

/// The ids of `list`'s items.
fn ids(list: &Value) -> Vec<i64> {
    items(list)
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect()
}

/// A project (blind or not) with `bob` as a plain member and one image; returns the project,
/// the image instance and its abstract image.
async fn project_with_image(
    admin: &Client,
    bob: &Client,
    name: &str,
    blind: bool,
) -> (i64, i64, i64) {
    let (status, p) = admin
        .post(
            "/api/project.json",
            &json!({"name": name, "blindMode": blind, "users": [bob.keys.id]}),
        )
        .await;
    assert_eq!(status, 200, "{p}");
    let project = id_in(&p, "project");
    let (base, image) = image_in(admin, project, &format!("{name}.tif"), 100, 80).await;
    (project, image, base)
}

/// `domain/image/ImageInstance.java:70-87, 294-316` (blinded names: the abstract image's id),
/// `service/security/SecurityACLService.java:505-514` (`isFilterRequired`: blind and not a
/// manager) and `controller/image/RestImageInstanceController.java:572-578` (`filterOneElement`).
#[tokio::test]
async fn in_a_blind_project_only_managers_see_image_names_and_everyone_sees_the_blinded_name() {
    let (_emu, admin, bob) = setup().await;
    let (project, image, base) = project_with_image(&admin, &bob, "blind", true).await;
    let blinded = json!(base.to_string());

    let (status, seen_by_manager) = admin.get(&format!("/api/imageinstance/{image}.json")).await;
    assert_eq!(status, 200);
    assert_eq!(seen_by_manager["blindedName"], blinded);
    assert_eq!(seen_by_manager["instanceFilename"], blinded);
    assert_eq!(seen_by_manager["originalFilename"], blinded);
    assert_eq!(seen_by_manager["filename"], "blind.tif");

    let single = bob.get(&format!("/api/imageinstance/{image}.json")).await.1;
    let (_, listed) = bob
        .get(&format!("/api/project/{project}/imageinstance.json"))
        .await;
    for seen in [&single, &items(&listed)[0]] {
        assert_eq!(seen["blindedName"], blinded, "{seen}");
        for key in [
            "instanceFilename",
            "filename",
            "originalFilename",
            "path",
            "fullPath",
        ] {
            assert_eq!(seen.get(key), Some(&Value::Null), "{key} in {seen}");
        }
    }

    // Made a manager, bob sees what the admin sees.
    let (status, _) = admin
        .post(
            &format!("/api/project/{project}/user/{}/admin.json", bob.keys.id),
            &json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let seen = bob.get(&format!("/api/imageinstance/{image}.json")).await.1;
    assert_eq!(
        (&seen["instanceFilename"], &seen["filename"]),
        (&blinded, &json!("blind.tif"))
    );

    let (_, open_project_image, _) = project_with_image(&admin, &bob, "open", false).await;
    let seen = bob
        .get(&format!("/api/imageinstance/{open_project_image}.json"))
        .await
        .1;
    assert_eq!(seen["blindedName"], Value::Null);
    assert_eq!(seen["instanceFilename"], "open.tif");
}

/// An image 1000×800 with: the world's square `[10,50]²` carrying the term, a triangle
/// `(100 100, 300 100, 100 300)` without term. Returns the world, the square and the triangle.
async fn annotated(admin: &Client) -> (World, i64, i64) {
    let w = world(admin, "filters").await;
    let (status, _) = admin
        .post(
            &format!("/api/annotation/{}/term/{}.json", w.annotation, w.term),
            &json!({"userannotation": w.annotation, "term": w.term}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, t) = admin
        .post(
            "/api/annotation.json",
            &json!({"location": "POLYGON ((100 100, 300 100, 100 300, 100 100))", "image": w.image}),
        )
        .await;
    assert_eq!(status, 200, "{t}");
    let triangle = id_in(&t, "annotation");
    let square = w.annotation;
    (w, square, triangle)
}

/// `repository/UserAnnotationListing.java:131-139` (`term` with `noTerm`: `(at.term_id = T OR
/// at.term_id IS NULL)` on a left join) and `repository/AnnotationListing.java:499-518`.
#[tokio::test]
async fn a_term_with_no_term_lists_the_annotations_with_the_term_and_those_without_any() {
    let (_emu, admin, _bob) = setup().await;
    let (w, square, triangle) = annotated(&admin).await;
    let list = |q: String| {
        let admin = &admin;
        async move {
            let (status, list) = admin
                .get(&format!("/api/annotation.json?project={}&{q}", w.project))
                .await;
            assert_eq!(status, 200, "{q}: {list}");
            ids(&list)
        }
    };
    assert_eq!(list(format!("term={}", w.term)).await, vec![square]);
    assert_eq!(list("noTerm=true".into()).await, vec![triangle]);
    assert_eq!(
        list(format!("term={}&noTerm=true", w.term)).await,
        vec![triangle, square]
    );
    assert_eq!(
        list(format!("terms={}&noTerm=true", w.term)).await,
        vec![triangle, square]
    );
}

/// `repository/AnnotationListing.java:351-353, 499-518` (plural filters: `IN (...)`, no check)
/// and `:413-422, 473-488` (singular filters: 404, the term's message without a space).
#[tokio::test]
async fn unknown_ids_give_an_empty_list_in_plural_filters_and_a_404_in_singular_ones() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "unknown ids").await;
    let base = format!("/api/annotation.json?project={}", w.project);
    for plural in ["users=999999", "terms=999999", "users=999999,888888"] {
        let (status, list) = admin.get(&format!("{base}&{plural}")).await;
        assert_eq!((status, list["size"].as_i64()), (200, Some(0)), "{plural}");
    }
    let (status, user) = admin.get(&format!("{base}&user=999999")).await;
    assert_eq!(
        (status, &user["errors"]["message"]),
        (404, &json!("User 999999 not exist!"))
    );
    let (status, term) = admin.get(&format!("{base}&term=999999")).await;
    assert_eq!(
        (status, &term["errors"]["message"]),
        (404, &json!("Term 999999not exist!"))
    );
}

/// `repository/AnnotationListing.java:426-467`: `ST_Intersects(a.location, bbox)` and
/// `ST_distance(a.location, base) <= d` on the geometries (not their bounding boxes);
/// `utils/GeometryUtils.java:19-41` (the bbox rectangle); `baseAnnotation` alone has no effect,
/// `maxDistanceBaseAnnotation` alone is a 404.
#[tokio::test]
async fn bbox_and_distance_filters_use_the_geometries_not_their_bounding_boxes() {
    let (_emu, admin, _bob) = setup().await;
    let (w, square, triangle) = annotated(&admin).await;
    let list = |q: &'static str| {
        let admin = &admin;
        async move {
            let (status, list) = admin
                .get(&format!("/api/annotation.json?project={}&{q}", w.project))
                .await;
            (status, list)
        }
    };
    let found = |q: &'static str| async move { ids(&list(q).await.1) };
    // Inside the triangle's bounding box, beyond its hypotenuse.
    assert_eq!(found("bbox=250,250,290,290").await, Vec::<i64>::new());
    // Touching the triangle's corner (300 100) only.
    assert_eq!(found("bbox=300,50,320,100").await, vec![triangle]);
    assert_eq!(
        found("bbox=POLYGON ((0 0, 60 0, 0 60, 0 0))").await,
        vec![square]
    );
    // (260 260) lies 60·√2 ≈ 84.9 from the hypotenuse x + y = 400.
    assert_eq!(
        found("baseAnnotation=POINT (260 260)&maxDistanceBaseAnnotation=80").await,
        Vec::<i64>::new()
    );
    assert_eq!(
        found("baseAnnotation=POINT (260 260)&maxDistanceBaseAnnotation=85").await,
        vec![triangle]
    );
    assert_eq!(
        found("baseAnnotation=POINT (260 260)").await,
        vec![triangle, square],
        "no distance, no filter"
    );
    let (status, alone) = list("maxDistanceBaseAnnotation=10").await;
    assert_eq!(
        (status, &alone["errors"]["message"]),
        (
            404,
            &json!(
                "You need to provide a 'baseAnnotation' parameter (annotation id/location = null)!"
            )
        )
    );
    let (status, _) = list("bbox=1,2,3").await;
    assert_eq!(status, 400);
}

/// `service/project/ProjectService.java:246-580` (searches `field[op]=value` with the renames of
/// 261-277, `tag[in]` 331-343, sort 475-510 with `DESC NULLS LAST`/`ASC NULLS FIRST`) and
/// `controller/project/RestProjectController.java:67-94` (defaults `sort=created`, `order=desc`).
#[tokio::test]
async fn the_project_listing_applies_searches_and_sort() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin, "b-with-image").await;
    let (_, a) = admin
        .post("/api/project.json", &json!({"name": "a-empty"}))
        .await;
    let empty = id_in(&a, "project");
    let (_, c) = admin
        .post("/api/project.json", &json!({"name": "c-empty"}))
        .await;
    let newest = id_in(&c, "project");
    let list = |q: &'static str| {
        let admin = &admin;
        async move {
            let (status, list) = admin.get(&format!("/api/project.json?{q}")).await;
            assert_eq!(status, 200, "{q}: {list}");
            ids(&list)
        }
    };
    assert_eq!(
        list("").await,
        vec![newest, empty, w.project],
        "created desc"
    );
    assert_eq!(list("order=asc").await, vec![w.project, empty, newest]);
    assert_eq!(
        list("sort=name&order=asc").await,
        vec![empty, w.project, newest]
    );
    assert_eq!(list("sort=numberOfImages&order=desc").await[0], w.project);
    assert_eq!(list("numberOfImages[gte]=1").await, vec![w.project]);
    assert_eq!(list("numberOfImages[lte]=0").await, vec![newest, empty]);
    let ontology_in = format!("ontology[in]={}", w.ontology);
    let (_, by_ontology) = admin.get(&format!("/api/project.json?{ontology_in}")).await;
    assert_eq!(ids(&by_ontology), vec![w.project]);
    assert_eq!(list("ontology[in]=null").await, vec![newest, empty]);
    assert_eq!(list("name[ilike]=EMPTY").await, vec![newest, empty]);
    assert_eq!(list("unknown[in]=1&name[what]=x").await.len(), 3, "ignored");

    let (_, tag) = admin
        .post("/api/tag.json", &json!({"name": "listing"}))
        .await;
    let tag = id_in(&tag, "tag");
    let class = "be.cytomine.domain.project.Project";
    let (status, _) = admin
        .post(
            &format!("/api/domain/{class}/{empty}/tag_domain_association.json"),
            &json!({"domainClassName": class, "domainIdent": empty, "tag": tag}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, tagged) = admin
        .get(&format!("/api/project.json?tag[in]={tag},999999"))
        .await;
    assert_eq!(ids(&tagged), vec![empty]);

    let (status, refused) = admin.get("/api/project.json?sort=membersCount").await;
    assert_eq!(
        (status, &refused["errors"]["message"]),
        (
            400,
            &json!("Cannot sort on membersCount without argument withMembersCount")
        )
    );
    let (status, _) = admin.get("/api/project.json?sort=lastActivity").await;
    assert_eq!(status, 400);
    let (status, _) = admin.get("/api/project.json?membersCount[gte]=1").await;
    assert_eq!(status, 400);
    let (_, counted) = admin
        .get("/api/project.json?withMembersCount=true&membersCount[gte]=1&sort=membersCount")
        .await;
    assert_eq!(items(&counted).len(), 3);
    assert_eq!(
        bob.get("/api/project.json").await.1["size"],
        0,
        "bob is in none"
    );
}

/// `service/project/ProjectService.java:680-740` (`add`: each id of `users`/`admins` looked up,
/// absent ones skipped).
#[tokio::test]
async fn a_project_created_with_unknown_users_keeps_the_known_ones() {
    let (_emu, admin, bob) = setup().await;
    let (status, p) = admin
        .post(
            "/api/project.json",
            &json!({"name": "members", "users": [bob.keys.id, 999999], "admins": [888888]}),
        )
        .await;
    assert_eq!(status, 200, "{p}");
    let project = id_in(&p, "project");
    let (_, members) = admin
        .get(&format!("/api/project/{project}/user.json"))
        .await;
    let mut found = ids(&members);
    found.sort_unstable();
    let mut expected = vec![admin.keys.id, bob.keys.id];
    expected.sort_unstable();
    assert_eq!(found, expected);
}

/// `controller/RestCytomineController.java:127-147` (a list answer: `perPage = min(max, size)`)
/// and `:154-171` (a `Page` answer, e.g. `project.json`: `perPage` = items on the page).
#[tokio::test]
async fn past_the_end_a_list_keeps_its_page_size_and_a_page_has_none() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin, "paging").await;
    let (_, annotations) = admin
        .get(&format!(
            "/api/annotation.json?project={}&max=2&offset=10",
            w.project
        ))
        .await;
    assert_eq!(
        annotations,
        json!({"collection": [], "offset": 10, "perPage": 1, "size": 1, "totalPages": 1})
    );
    let (_, projects) = admin.get("/api/project.json?max=2&offset=10").await;
    assert_eq!(
        projects,
        json!({"collection": [], "offset": 10, "perPage": 0, "size": 1, "totalPages": 1})
    );
    let (_, images) = admin
        .get(&format!(
            "/api/project/{}/imageinstance.json?max=2&offset=10",
            w.project
        ))
        .await;
    assert_eq!(images["perPage"], 0);
}

/// Spring MVC 6 (`core/build.gradle:3`, Boot 3.5.5): a handler mapped to GET also answers HEAD,
/// with the GET's status and headers and no body; the signature covers the method `HEAD`.
#[tokio::test]
async fn head_on_a_get_route_answers_like_get_without_a_body() {
    let (_emu, admin, _bob) = setup().await;
    let (_, got) = admin.get("/api/project.json").await;
    let res = admin
        .signed(Method::HEAD, "/api/project.json", "")
        .send()
        .await
        .expect("request reaches the emulator");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let length = serde_json::to_vec(&got).unwrap().len().to_string();
    assert_eq!(res.headers()["content-length"], length.as_str());
    assert!(res.bytes().await.unwrap().is_empty());

    let missing = admin
        .signed(Method::HEAD, "/api/project/999999.json", "")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    let unsigned = reqwest::Client::new()
        .head(format!("{}/api/project.json", admin.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status().as_u16(), 401);
}

/// `config/SecurityConfiguration.java:42-57` (CORS: any origin pattern, methods
/// `GET,POST,PUT,DELETE,OPTIONS,PATCH`, any header, credentials, exposed `Content-Disposition`),
/// answered by Spring's `CorsFilter` before authentication.
#[tokio::test]
async fn a_cors_preflight_is_answered_before_authentication() {
    let (_emu, admin, _bob) = setup().await;
    let http = reqwest::Client::new();
    let url = format!("{}/api/project.json", admin.base);
    let origin = "https://viewer.example.org";
    let res = http
        .request(Method::OPTIONS, &url)
        .header("origin", origin)
        .header("access-control-request-method", "PUT")
        .header("access-control-request-headers", "authorization,date")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let h = res.headers();
    assert_eq!(h["access-control-allow-origin"], origin);
    assert_eq!(
        h["access-control-allow-methods"],
        "GET,POST,PUT,DELETE,OPTIONS,PATCH"
    );
    assert_eq!(h["access-control-allow-headers"], "authorization,date");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(h["access-control-expose-headers"], "Content-Disposition");
    assert!(res.bytes().await.unwrap().is_empty());

    let head = http
        .request(Method::OPTIONS, &url)
        .header("origin", origin)
        .header("access-control-request-method", "HEAD")
        .send()
        .await
        .unwrap();
    assert_eq!(head.status().as_u16(), 403);
    assert_eq!(head.text().await.unwrap(), "Invalid CORS request");

    let plain_options = http.request(Method::OPTIONS, &url).send().await.unwrap();
    assert_eq!(plain_options.status().as_u16(), 401, "not a preflight");

    let actual = admin
        .signed(Method::GET, "/api/project.json", "")
        .header("origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(actual.status().as_u16(), 200);
    assert_eq!(actual.headers()["access-control-allow-origin"], origin);
    assert_eq!(actual.headers()["access-control-allow-credentials"], "true");
}
