//! The demo data set carries metadata for the newer domains: a description, a property, a tag,
//! an image group with both slides, a track.

use crate::support::*;

const PROJECT: &str = "be.cytomine.domain.project.Project";

#[tokio::test]
async fn demo_project_metadata() {
    let emu = Emulator::builder().demo(true).start().await.unwrap();
    let admin = Client::new(&emu, emu.admin());
    let (_, projects) = admin.get("/api/project.json").await;
    let project = items(&projects)[0]["id"].as_i64().unwrap();
    let domain = format!("/api/domain/{PROJECT}/{project}");
    let (status, description) = admin.get(&format!("{domain}/description.json")).await;
    assert_eq!(status, 200);
    assert!(description["data"]
        .as_str()
        .unwrap()
        .contains("synthetic slides"));
    let (_, stain) = admin
        .get(&format!("{domain}/key/stain/property.json"))
        .await;
    assert_eq!(stain["value"], "H&E");
    let (_, tags) = admin
        .get(&format!("{domain}/tag_domain_association.json"))
        .await;
    assert_eq!(items(&tags)[0]["tagName"], "demo");
    let (_, groups) = admin
        .get(&format!("/api/project/{project}/imagegroup.json"))
        .await;
    assert_eq!(items(&groups)[0]["numberOfImages"], 2);
    let (_, tracks) = admin
        .get(&format!("/api/project/{project}/track.json"))
        .await;
    assert_eq!(items(&tracks)[0]["name"], "Demo track");
}

/// `Emulator::demo` gives the ids of the demo records: each one is served under its own id,
/// with the name and links the data set gives it; without `demo(true)` there is none.
#[tokio::test]
async fn demo_ids_name_the_served_records() {
    let plain = Emulator::start().await.unwrap();
    assert!(plain.demo().is_none());
    let emu = Emulator::builder().demo(true).start().await.unwrap();
    let demo = emu.demo().expect("demo data").clone();
    let admin = Client::new(&emu, emu.admin());
    let (_, project) = admin
        .get(&format!("/api/project/{}.json", demo.project))
        .await;
    assert_eq!(project["name"], "Demo project");
    assert_eq!(project["ontology"], demo.ontology);
    let (_, ontology) = admin
        .get(&format!("/api/ontology/{}.json", demo.ontology))
        .await;
    assert_eq!(ontology["name"], "Demo ontology");
    let (_, tumor) = admin
        .get(&format!("/api/term/{}.json", demo.terms[0]))
        .await;
    assert_eq!(tumor["name"], "Tumor");
    let (_, stroma) = admin
        .get(&format!("/api/term/{}.json", demo.terms[1]))
        .await;
    assert_eq!(stroma["name"], "Stroma");
    assert_eq!(demo.images.len(), 2);
    for (image, abstract_image) in demo.images.iter().zip(&demo.abstract_images) {
        let (_, instance) = admin.get(&format!("/api/imageinstance/{image}.json")).await;
        assert_eq!(instance["project"], demo.project);
        assert_eq!(instance["baseImage"], *abstract_image);
    }
    assert_eq!(demo.annotations.len(), 12);
    let (_, annotation) = admin
        .get(&format!("/api/annotation/{}.json", demo.annotations[1]))
        .await;
    assert_eq!(annotation["user"], demo.alice.id);
    assert_eq!(demo.admin, emu.admin());
    let alice = Client::new(&emu, demo.alice.clone());
    let (status, _) = alice
        .get(&format!("/api/project/{}.json", demo.project))
        .await;
    assert_eq!(status, 200, "alice is a member of the demo project");
    let (_, storage) = admin
        .get(&format!("/api/storage/{}.json", demo.storage))
        .await;
    assert_eq!(storage["name"], "Demo storage");
    let (_, group) = admin
        .get(&format!("/api/imagegroup/{}.json", demo.image_group))
        .await;
    assert_eq!(group["name"], "Both slides");
    let track = demo.track.expect("a track on the first image");
    let (_, track) = admin.get(&format!("/api/track/{track}.json")).await;
    assert_eq!(track["image"], demo.images[0]);
}
