//! The demo data set: an ontology, a project with two members, two real images, a dozen
//! annotations, and around them a description, a property, a tag, an image group and a track.

use std::collections::BTreeSet;
use std::io;

use crate::domains::link_annotation_term;
use crate::geometry::parse_wkt;
use crate::imaging::{demo_image, probe, Format};
use crate::keys::{Role, UserKeys};
use crate::media::import::{import, record, Received};
use crate::store::{
    Annotation, Description, DomainRef, ImageGroup, ImageGroupImageInstance, Ontology, Project,
    ProjectMode, Property, State, StoredFile, Tag, TagDomainAssociation, Term, Track,
};

/// Fixed creation time of demo records (2026-01-01T00:00:00Z), so the content is deterministic.
const T0: i64 = 1_767_225_600_000;

fn term(state: &mut State, ontology: i64, name: &str, color: &str) -> i64 {
    let meta = state.meta(T0);
    let term = Term {
        meta,
        name: name.into(),
        comment: None,
        ontology,
        color: color.into(),
        parent: None,
    };
    state.terms.insert(meta.id, term);
    meta.id
}

/// The ids of the demo data set, from [`Emulator::demo`](crate::Emulator::demo), so that code
/// finds its records without searching them by name.
///
/// ```
/// # async fn demo() -> std::io::Result<()> {
/// use cytomine_emulator::Emulator;
/// let emulator = Emulator::builder().demo(true).start().await?;
/// let demo = emulator.demo().expect("started with demo(true)");
/// assert_eq!(demo.images.len(), 2);
/// println!("project {} with ontology {}", demo.project, demo.ontology);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DemoData {
    /// The "Demo project", whose members are the admin and [`alice`](Self::alice).
    pub project: i64,
    /// The "Demo ontology" of the project.
    pub ontology: i64,
    /// The ontology's terms: `[Tumor, Stroma]`.
    pub terms: [i64; 2],
    /// The "Demo storage" (the admin's) holding the images' files.
    pub storage: i64,
    /// The project's two image instances: a 1024×768 PNG and an 800×600 JPEG, in that order.
    pub images: Vec<i64>,
    /// The abstract images behind [`images`](Self::images), in the same order.
    pub abstract_images: Vec<i64>,
    /// The twelve annotations, six per image, alternately by the admin and alice.
    pub annotations: Vec<i64>,
    /// The admin user, who owns the data (the same as [`Emulator::admin`](crate::Emulator::admin)).
    pub admin: UserKeys,
    /// A plain user (ROLE_USER) who is a member, not a manager, of the project.
    pub alice: UserKeys,
    /// The image group holding both images.
    pub image_group: i64,
    /// The track on the first image.
    pub track: Option<i64>,
}

/// Load the demo data, owned by `admin`; fails only when its image files cannot be stored.
pub(crate) fn load(state: &mut State, admin: &UserKeys) -> io::Result<DemoData> {
    let alice = state.add_user("alice", Role::User, None, T0);
    let meta = state.meta(T0);
    state.ontologies.insert(
        meta.id,
        Ontology {
            meta,
            name: "Demo ontology".into(),
            user: admin.id,
        },
    );
    let ontology = meta.id;
    let terms = [
        term(state, ontology, "Tumor", "#FF0000"),
        term(state, ontology, "Stroma", "#00FF00"),
    ];
    let meta = state.meta(T0);
    state.projects.insert(
        meta.id,
        Project {
            meta,
            name: "Demo project".into(),
            ontology: Some(ontology),
            blind_mode: false,
            are_images_downloadable: true,
            is_closed: false,
            mode: ProjectMode::Classic,
            hide_users_layers: false,
            hide_admins_layers: false,
            members: BTreeSet::from([admin.id, alice.id]),
            admins: BTreeSet::from([admin.id]),
            number_of_images: 0,
            number_of_annotations: 0,
        },
    );
    let project = meta.id;
    let storage = state.add_storage(admin.id, "Demo storage", T0);
    let files = [
        ("demo-slide.png", 1024, 768, Format::Png, 1),
        ("demo-slide.jpg", 800, 600, Format::Jpeg, 2),
    ];
    let mut images = Vec::new();
    let mut abstract_images = Vec::new();
    let mut annotations = Vec::new();
    for (name, w, h, format, seed) in files {
        let bytes = demo_image(w, h, format, seed);
        let received = Received {
            filename: name.to_owned(),
            file: StoredFile::from_bytes(&bytes)?,
            info: probe(&bytes),
        };
        let pending = record(state, admin.id, storage, received, &[project], T0);
        let imported = import(state, &pending, T0);
        images.extend(imported.instances.iter().copied());
        abstract_images.extend(imported.abstract_image);
        for image in imported.instances {
            for k in 0..6u32 {
                let author = if k % 2 == 0 { admin.id } else { alice.id };
                let term = terms[(k % 2) as usize];
                annotations.extend(annotate(state, image, k, w, h, author, term));
            }
        }
    }
    let (image_group, track) = describe(state, admin.id, project, &images);
    Ok(DemoData {
        project,
        ontology,
        terms,
        storage,
        images,
        abstract_images,
        annotations,
        admin: admin.clone(),
        alice,
        image_group,
        track,
    })
}

/// Metadata around the demo project: a description, a property, a tag, an image group and a
/// track; returns the ids of the group and of the track.
fn describe(state: &mut State, admin: i64, project: i64, images: &[i64]) -> (i64, Option<i64>) {
    let owner = DomainRef {
        class: "be.cytomine.domain.project.Project".into(),
        ident: project,
    };
    let meta = state.meta(T0);
    let data = "<p>Two synthetic slides with tumor and stroma annotations.</p>".into();
    let description = Description {
        meta,
        owner: owner.clone(),
        data,
    };
    state.descriptions.insert(meta.id, description);
    let meta = state.meta(T0);
    let property = Property {
        meta,
        owner: owner.clone(),
        key: "stain".into(),
        value: "H&E".into(),
    };
    state.properties.insert(meta.id, property);
    let meta = state.meta(T0);
    let tag = meta.id;
    let name = "demo".into();
    state.tags.insert(
        tag,
        Tag {
            meta,
            name,
            user: admin,
        },
    );
    let meta = state.meta(T0);
    let link = TagDomainAssociation { meta, owner, tag };
    state.tag_associations.insert(meta.id, link);
    let meta = state.meta(T0);
    let group = meta.id;
    let name = Some("Both slides".into());
    state.image_groups.insert(
        group,
        ImageGroup {
            meta,
            name,
            project,
        },
    );
    for image in images {
        let meta = state.meta(T0);
        let member = ImageGroupImageInstance {
            meta,
            group,
            image: *image,
        };
        state.image_group_images.insert(meta.id, member);
    }
    let track = images.first().map(|image| {
        let meta = state.meta(T0);
        let track = Track {
            meta,
            name: "Demo track".into(),
            color: Some("#0000FF".into()),
            image: *image,
            project,
        };
        state.tracks.insert(meta.id, track);
        meta.id
    });
    (group, track)
}

/// A square-ish polygon inside a `width`×`height` image, the `index`-th of a row; its id.
fn annotate(
    state: &mut State,
    image: i64,
    index: u32,
    width: u32,
    height: u32,
    user: i64,
    term: i64,
) -> Option<i64> {
    let size = f64::from(width.min(height)) / 8.0;
    let x = f64::from(index) * size * 1.2 + size / 2.0;
    let y = f64::from(height) / 3.0 + f64::from(index % 3) * size / 2.0;
    let location = format!(
        "POLYGON (({x} {y}, {x2} {y}, {x2} {y2}, {x3} {y2}, {x} {y}))",
        x2 = x + size,
        y2 = y + size,
        x3 = x + size / 3.0
    );
    let geometry = parse_wkt(&location).ok()?;
    let bbox = geometry.bbox()?;
    let slice = crate::domains::reference_slice(state, image)?;
    let project = state.image_instances.get(image).map_or(0, |i| i.project);
    let meta = state.meta(T0);
    let area = geometry.area();
    let perimeter = geometry.length();
    let centroid = geometry.centroid();
    state.annotations.insert(
        meta.id,
        Annotation {
            meta,
            slice,
            image,
            project,
            user,
            location,
            geometry_compression: 0.0,
            area,
            perimeter,
            centroid,
            bbox,
            geometry,
        },
    );
    if let Some(i) = state.image_instances.get_mut(image) {
        i.number_of_annotations += 1;
    }
    if let Some(p) = state.projects.get_mut(project) {
        p.number_of_annotations += 1;
    }
    link_annotation_term(state, meta.id, term, user, T0);
    Some(meta.id)
}
