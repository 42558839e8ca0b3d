//! Annotations: create with terms, annotation-terms, the listing's filters and column groups, demo data.

use crate::support::*;
use serde_json::{json, Value};

struct World {
    project: i64,
    image: i64,
    tumor: i64,
    stroma: i64,
}

async fn world(admin: &Client) -> World {
    let (_, o) = admin
        .post("/api/ontology.json", &json!({"name": "onto"}))
        .await;
    let ontology = o["ontology"]["id"].as_i64().unwrap();
    let (_, t) = admin
        .post(
            "/api/term.json",
            &json!({"name": "Tumor", "color": "#FF0000", "ontology": ontology}),
        )
        .await;
    let (_, s) = admin
        .post(
            "/api/term.json",
            &json!({"name": "Stroma", "color": "#00FF00", "ontology": ontology}),
        )
        .await;
    let (_, p) = admin
        .post(
            "/api/project.json",
            &json!({"name": "annotated", "ontology": ontology}),
        )
        .await;
    let project = p["project"]["id"].as_i64().unwrap();
    let (_, ai) = admin
        .post(
            "/api/abstractimage.json",
            &json!({"originalFilename": "synthetic.tif", "width": 1000, "height": 800}),
        )
        .await;
    let base = ai["abstractimage"]["id"].as_i64().unwrap();
    let (status, ii) = admin
        .post(
            "/api/imageinstance.json",
            &json!({"baseImage": base, "project": project}),
        )
        .await;
    assert_eq!(status, 200, "{ii}");
    World {
        project,
        image: ii["imageinstance"]["id"].as_i64().unwrap(),
        tumor: t["term"]["id"].as_i64().unwrap(),
        stroma: s["term"]["id"].as_i64().unwrap(),
    }
}

fn square(x: i64) -> String {
    format!(
        "POLYGON (({x} 0, {x} 20, {} 20, {} 0, {x} 0))",
        x + 20,
        x + 20
    )
}

#[tokio::test]
async fn create_with_terms_and_list_with_filters() {
    let (_emu, admin, bob) = setup().await;
    let w = world(&admin).await;
    let loc = square(0);
    let (status, a) = admin
        .post(
            "/api/annotation.json",
            &json!({"image": w.image, "location": loc, "term": [w.tumor]}),
        )
        .await;
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["annotation"]["location"], loc);
    assert_eq!(a["annotation"]["project"], w.project);
    assert_eq!(a["annotation"]["term"], json!([w.tumor]));
    assert_eq!(a["annotation"]["area"], 400.0);
    assert_eq!(a["annotation"]["areaUnit"], "pixels²");
    assert_eq!(
        a["callback"]["method"],
        "be.cytomine.AddUserAnnotationCommand"
    );
    let first = a["annotation"]["id"].as_i64().unwrap();

    let batch = json!([
        {"image": w.image, "location": square(100), "terms": [w.stroma]},
        {"image": w.image, "location": square(200)},
        {"image": w.image, "location": "NOT WKT"},
    ]);
    let (status, out) = admin.post("/api/annotation.json", &batch).await;
    assert_eq!(status, 200);
    assert_eq!(out["status"], 206);
    assert_eq!(
        out["data"]["errors"][0]["message"],
        "Annotation location is not valid"
    );

    let (status, no_scope) = admin.get("/api/annotation.json").await;
    assert_eq!(status, 400);
    assert_eq!(
        no_scope["errors"]["message"],
        "There is no project or image or slice filter. We cannot check acl!"
    );
    assert_eq!(
        bob.get(&format!("/api/annotation.json?project={}", w.project))
            .await
            .0,
        403
    );

    let list = |q: String| {
        let admin = &admin;
        async move {
            admin
                .get(&format!("/api/annotation.json?project={}&{q}", w.project))
                .await
                .1
        }
    };
    let all = list(String::new()).await;
    assert_eq!(all["size"], 3);
    let ids: Vec<i64> = all["collection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|p| p[0] > p[1]), "id desc");
    let item = &all["collection"][0];
    assert!(
        item["created"].is_number() && item.get("term").is_some() && item.get("location").is_none()
    );

    let basic = list("showBasic=True&showMeta=True".into()).await;
    assert!(basic["collection"][0].get("term").is_none());
    let wkt =
        list("showWKT=true&showGIS=true&showUser=true&showImage=true&showSlice=true".into()).await;
    let last = &wkt["collection"][2];
    assert_eq!(last["location"], loc);
    assert_eq!(last["creator"], "admin");
    assert_eq!(last["originalFilename"], "synthetic.tif");
    assert_eq!(last["centroid"], json!({"x": 10.0, "y": 10.0}));
    assert!(last.get("created").is_none());

    let size = |v: &Value| v["size"].as_i64().unwrap();
    assert_eq!(size(&list(format!("term={}", w.tumor)).await), 1);
    assert_eq!(
        size(&list(format!("terms={}_{}", w.tumor, w.stroma)).await),
        2
    );
    assert_eq!(size(&list("noTerm=TRUE".into()).await), 1);
    assert_eq!(size(&list("bbox=90,0,150,30".into()).await), 1);
    assert_eq!(
        size(&list(format!("users={}&max=2", admin.keys.id)).await),
        3
    );
    assert_eq!(
        list("max=2&offset=2".into()).await["collection"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(admin.get("/api/annotation.json?image=424242").await.0, 404);

    let (status, dup) = admin
        .post(
            &format!("/api/annotation/{first}/term/{}.json", w.tumor),
            &json!({"userannotation": first, "term": w.tumor}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(dup["errors"]["message"]
        .as_str()
        .unwrap()
        .contains("already exist"));
    let (status, link) = admin
        .post(
            &format!("/api/annotation/{first}/term/{}.json", w.stroma),
            &json!({"userannotation": first, "term": w.stroma}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(link["annotationterm"]["term"], w.stroma);
    assert_eq!(size(&list("multipleTerm=true".into()).await), 1);
    let (_, links) = admin
        .get(&format!("/api/annotation/{first}/term.json"))
        .await;
    assert_eq!(links["size"], 2);

    let (_, counted) = admin.get(&format!("/api/project/{}.json", w.project)).await;
    assert_eq!(counted["numberOfAnnotations"], 3);
    let (status, _) = admin.delete(&format!("/api/annotation/{first}.json")).await;
    assert_eq!(status, 200);
    let (status, gone) = admin.get(&format!("/api/annotation/{first}.json")).await;
    assert_eq!(status, 404);
    assert_eq!(
        gone["errors"]["message"],
        format!("Annotation {first} not found")
    );
    let (_, gone) = admin
        .get(&format!("/api/userannotation/{first}.json"))
        .await;
    assert_eq!(
        gone,
        json!({"errors": {"message": format!("UserAnnotation not found with filters : {{id={first}}}")}})
    );
}

#[tokio::test]
async fn demo_data_is_loaded() {
    let emu = Emulator::builder().demo(true).start().await.unwrap();
    let admin = Client::new(&emu, emu.admin());
    let (_, projects) = admin.get("/api/project.json").await;
    assert_eq!(projects["collection"][0]["name"], "Demo project");
    assert_eq!(projects["collection"][0]["numberOfImages"], 2);
    assert_eq!(projects["collection"][0]["numberOfAnnotations"], 12);
    let project = projects["collection"][0]["id"].as_i64().unwrap();
    let (_, members) = admin
        .get(&format!("/api/project/{project}/user.json"))
        .await;
    assert_eq!(members["size"], 2);
    let (_, images) = admin
        .get(&format!("/api/project/{project}/imageinstance.json"))
        .await;
    let mut sizes: Vec<(i64, i64)> = images["collection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["width"].as_i64().unwrap(), i["height"].as_i64().unwrap()))
        .collect();
    sizes.sort();
    assert_eq!(sizes, [(800, 600), (1024, 768)]);
    let (_, listed) = admin
        .get(&format!(
            "/api/annotation.json?project={project}&showTerm=true"
        ))
        .await;
    assert_eq!(listed["size"], 12);
    assert!(listed["collection"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["term"].as_array().unwrap().len() == 1));
}

#[tokio::test]
async fn bulk_create_and_list_many() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin).await;
    for chunk in 0..4 {
        let items: Vec<Value> = (0..500)
            .map(|k| json!({"image": w.image, "location": square((chunk * 500 + k) % 900)}))
            .collect();
        let (_, out) = admin
            .post("/api/annotation.json", &Value::Array(items))
            .await;
        assert_eq!(out["status"], 200);
    }
    let (_, page) = admin
        .get(&format!(
            "/api/annotation.json?project={}&showWKT=true&max=100",
            w.project
        ))
        .await;
    assert_eq!(
        (page["size"].clone(), page["totalPages"].clone()),
        (json!(2000), json!(20))
    );
}

/// A listing of 3,000 items is its three pages of 1,000, newest first, with the same envelope;
/// a page of 2,500 is its window.
#[tokio::test]
async fn a_large_listing_reads_the_same_as_its_pages() {
    let (_emu, admin, _bob) = setup().await;
    let w = world(&admin).await;
    let items: Vec<Value> = (0..3_000)
        .map(|k| json!({"image": w.image, "location": square(k % 900)}))
        .collect();
    let (_, out) = admin
        .post("/api/annotation.json", &Value::Array(items))
        .await;
    assert_eq!(out["status"], 200, "{out}");
    let listing = |window: &str| {
        format!(
            "/api/annotation.json?project={}&showWKT=true&showMeta=true{window}",
            w.project
        )
    };
    let admin = &admin;
    let send = |path: String| async move {
        admin
            .send(reqwest::Method::GET, &path, None, Form::Current)
            .await
    };

    let whole = send(listing("")).await;
    assert_eq!(whole.status(), 200);
    let (_, whole) = into_json(whole).await;
    let ids = |page: &Value| -> Vec<i64> {
        let items = page["collection"].as_array().expect("a collection");
        items.iter().map(|a| a["id"].as_i64().unwrap()).collect()
    };
    let all = ids(&whole);
    assert_eq!(all.len(), 3_000);
    assert!(all.windows(2).all(|p| p[0] > p[1]), "newest first");
    assert_eq!(
        (
            &whole["size"],
            &whole["offset"],
            &whole["perPage"],
            &whole["totalPages"]
        ),
        (&json!(3000), &json!(0), &json!(3000), &json!(1))
    );
    assert!(whole["collection"][2_999]["location"]
        .as_str()
        .is_some_and(|wkt| wkt.starts_with("POLYGON")));

    let mut paged = Vec::new();
    for offset in [0, 1_000, 2_000] {
        let page = send(listing(&format!("&max=1000&offset={offset}"))).await;
        let (_, page) = into_json(page).await;
        assert_eq!(page["size"], 3000);
        paged.extend(ids(&page));
    }
    assert_eq!(paged, all);

    let (_, large_page) = into_json(send(listing("&max=2500&offset=100")).await).await;
    assert_eq!(ids(&large_page), all[100..2_600]);
}
