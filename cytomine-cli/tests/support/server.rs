//! An emulator with demo data started by the test, and the `cytomine` binary run against it
//! with the admin's keys as flags.

use std::path::Path;

use cytomine::models::{Annotation, ImageInstance, Project};
use cytomine::prelude::*;
use cytomine_emulator::Emulator;

use super::{cytomine_async as cytomine, Run};

/// The emulator, a library client of its admin, the demo project and image, a work directory.
pub struct Server {
    pub emulator: Emulator,
    pub cm: Cytomine,
    pub project: i64,
    pub image: i64,
    dir: tempfile::TempDir,
}

impl Server {
    pub async fn start() -> Server {
        let emulator = Emulator::builder().demo(true).start().await.unwrap();
        let admin = emulator.admin();
        let cm = Cytomine::connect(&emulator.base_url(), admin.public_key, admin.private_key)
            .await
            .unwrap();
        let projects = Project::list().fetch(&cm).await.unwrap();
        let project = projects
            .find(|p| p.name.as_deref() == Some("Demo project"))
            .unwrap();
        let project = project.id.unwrap();
        let images = ImageInstance::list()
            .project(project)
            .fetch(&cm)
            .await
            .unwrap();
        let image = images.first().and_then(|i| i.id).unwrap();
        let dir = tempfile::tempdir().unwrap();
        Server {
            emulator,
            cm,
            project,
            image,
            dir,
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `--host --public-key --private-key` of the admin, then `args`.
    pub async fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[]).await
    }

    /// [`run`](Self::run) with these environment variables set.
    pub async fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let admin = self.emulator.admin();
        let host = self.emulator.base_url();
        let mut all = vec![
            "--host",
            &host,
            "--public-key",
            &admin.public_key,
            "--private-key",
            &admin.private_key,
        ];
        all.extend_from_slice(args);
        cytomine(self.dir(), &all, env).await
    }

    pub async fn annotations_on(&self, image: i64) -> Vec<Annotation> {
        Annotation::list()
            .image(image)
            .show_term(true)
            .fetch(&self.cm)
            .await
            .unwrap()
            .into_vec()
    }

    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}
