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
