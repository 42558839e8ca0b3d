//! Files attached to a domain object: uploaded as multipart (the derive's `multipart`), downloaded
//! as bytes (docs/protocol.md §3.15, §6.2).

use std::path::Path;

use cytomine::files::download;
use cytomine::{Cytomine, Result};

use crate::domain::{owner_parts, DomainObject};
use crate::model::require_id;

model! {
    /// A file attached to a domain object (a project, an image, an annotation...).
    ///
    /// Created by uploading: [`AttachedFile::of`] then `upload(cm, path)` (multipart `POST
    /// attachedfile.json?domainIdent=..&domainClassName=..[&filename=..][&key=..]`, the file
    /// streamed in the part `files[]`, never JSON), so `save` and `update` do not exist;
    /// `GET/DELETE attachedfile/{id}.json`; the bytes with [`AttachedFile::download`]. Lists:
    /// `attachedfile.json` and `domain/{cls}/{id}/attachedfile.json`
    /// ([`AttachedFile::list_of`]).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::{AttachedFile, AttachedFileOptions, Project};
    /// # async fn demo(cm: Cytomine, project: Project) -> cytomine::Result<()> {
    /// let mut file = AttachedFile::of(&project, &AttachedFileOptions::default())?;
    /// file.upload(&cm, "/tmp/protocol.pdf").await?;
    /// file.download(&cm, "/tmp/copy.pdf").await?;
    /// let all = AttachedFile::list_of(&project)?.fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "attachedfile",
        class = "be.cytomine.domain.meta.AttachedFile",
        filters(domain = "domain/{}/{}/attachedfile.json"),
        multipart(
            part = "files[]",
            query(domain_ident, domain_class_name, filename, key)
        ),
        refuse(update)
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

/// Optional settings of an attached file to upload ([`AttachedFile::of`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachedFileOptions {
    /// File name to store (default: the local file's name).
    pub filename: Option<String>,
    /// A key to tell attached files apart.
    pub key: Option<String>,
}

impl AttachedFile {
    /// A new attached file of `owner`, to be created with `upload(cm, path)`: the options
    /// name the stored file (default: the local file's name) and give it a key.
    ///
    /// ```
    /// use cytomine_models::{AttachedFile, AttachedFileOptions, Project};
    /// let mut project = Project::new("p");
    /// assert!(AttachedFile::of(&project, &AttachedFileOptions::default()).is_err());
    /// project.id = Some(3);
    /// let options = AttachedFileOptions { key: Some("protocol".into()), ..Default::default() };
    /// let file = AttachedFile::of(&project, &options).unwrap();
    /// assert_eq!(file.domain_ident, Some(3));
    /// assert_eq!(file.domain_class_name.as_deref(), Some("be.cytomine.domain.project.Project"));
    /// assert_eq!(file.key.as_deref(), Some("protocol"));
    /// ```
    pub fn of(owner: &impl DomainObject, options: &AttachedFileOptions) -> Result<Self> {
        let (class, id) = owner_parts(owner, "attached file")?;
        Ok(AttachedFile {
            domain_class_name: Some(class),
            domain_ident: Some(id),
            filename: options.filename.clone(),
            key: options.key.clone(),
            ..Default::default()
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_and_the_key_go_in_the_upload_query() {
        let mut project = crate::Project::new("p");
        project.id = Some(3);
        let options = AttachedFileOptions {
            key: Some("protocol".into()),
            ..Default::default()
        };
        let file = AttachedFile::of(&project, &options).unwrap();
        assert_eq!(
            cytomine::__private::multipart_query(&file),
            [
                ("domainIdent".to_string(), "3".to_string()),
                (
                    "domainClassName".to_string(),
                    "be.cytomine.domain.project.Project".to_string()
                ),
                ("key".to_string(), "protocol".to_string()),
            ]
        );
    }
}
