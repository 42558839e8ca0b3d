//! Files attached to a domain object: uploaded as multipart, downloaded as bytes
//! (WIRE.md §3.15, MODELS.md M14/M15).

use std::path::Path;

use cytomine::files::{download, upload_file, UploadOptions};
use cytomine::{Cytomine, Result};

use crate::domain::{owner_parts, DomainObject};
use crate::model::require_id;

model! {
    /// A file attached to a domain object (a project, an image, an annotation...).
    ///
    /// Created by [`AttachedFile::upload`] (multipart `POST attachedfile.json`, never JSON), so
    /// `save` and `update` do not exist; `GET/DELETE attachedfile/{id}.json`; the bytes with
    /// [`AttachedFile::download`]. Lists: `attachedfile.json` and
    /// `domain/{cls}/{id}/attachedfile.json` ([`AttachedFile::list_of`]).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::{AttachedFile, AttachedFileOptions, Project};
    /// # async fn demo(cm: Cytomine, project: Project) -> cytomine::Result<()> {
    /// let file = AttachedFile::upload(&cm, &project, "/tmp/protocol.pdf", &AttachedFileOptions::default()).await?;
    /// file.download(&cm, "/tmp/copy.pdf").await?;
    /// let all = AttachedFile::list_of(&project)?.fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "attachedfile",
        class = "be.cytomine.domain.meta.AttachedFile",
        filters(domain = "domain/{}/{}/attachedfile.json"),
        refuse(create, update)
    )]
    pub struct AttachedFile {
        /// Class name of the owner.
        pub domain_class_name: Option<String>,
        /// Id of the owner.
        pub domain_ident: Option<i64>,
        /// Stored file name.
        pub filename: Option<String>,
        /// Optional key given at upload.
        pub key: Option<String>,
        /// Download URL, relative to the server (`/api/attachedfile/{id}/download`).
        pub url: Option<String>,
    }
}

/// Optional settings of [`AttachedFile::upload`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachedFileOptions {
    /// File name to store (default: the local file's name).
    pub filename: Option<String>,
    /// A key to tell attached files apart.
    pub key: Option<String>,
}

impl AttachedFile {
    /// Uploads `file` and attaches it to `owner`: multipart `POST
    /// attachedfile.json?domainIdent=..&domainClassName=..[&filename=..][&key=..]`, one part
    /// `files[]`. Returns the stored object, as the server answers it.
    pub async fn upload(
        cm: &Cytomine,
        owner: &impl DomainObject,
        file: impl AsRef<Path>,
        options: &AttachedFileOptions,
    ) -> Result<Self> {
        let (class, id) = owner_parts(owner, "attached file upload")?;
        let mut query = vec![
            ("domainIdent".to_string(), id.to_string()),
            ("domainClassName".to_string(), class),
        ];
        let optional = [("filename", &options.filename), ("key", &options.key)];
        for (name, value) in optional {
            if let Some(value) = value {
                query.push((name.to_string(), value.clone()));
            }
        }
        let upload = UploadOptions {
            root: false,
            path: "attachedfile.json".into(),
            query,
            field: "files[]".into(),
        };
        upload_file(cm, file.as_ref(), &upload, None).await
    }

    /// Downloads the file (`attachedfile/{id}/download`) to `destination`; returns the number
    /// of bytes written.
    pub async fn download(&self, cm: &Cytomine, destination: impl AsRef<Path>) -> Result<u64> {
        let id = require_id(self.id, "attached file download")?;
        let path = format!("attachedfile/{id}/download");
        download(cm, &path, &[], destination.as_ref(), None).await
    }

    /// The list of `owner`'s attached files (`domain/{cls}/{id}/attachedfile.json`).
    ///
    /// ```
    /// use cytomine_core::Query;
    /// let mut project = cytomine_models::Project::new("p");
    /// project.id = Some(3);
    /// let q = cytomine_models::AttachedFile::list_of(&project).unwrap();
    /// assert_eq!(q.as_query().path().unwrap(),
    ///            "domain/be.cytomine.domain.project.Project/3/attachedfile.json");
    /// ```
    pub fn list_of(owner: &impl DomainObject) -> Result<AttachedFileList> {
        let (class, id) = owner_parts(owner, "attached file list")?;
        Ok(<AttachedFile as cytomine::Resource>::list().domain(class, id))
    }
}
