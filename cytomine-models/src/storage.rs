//! Storages and the files uploaded into them.

model! {
    /// A storage: where a user's uploaded files live.
    ///
    /// `GET/PUT/DELETE storage/{id}.json`, `POST storage.json`, list `storage.json` (modifier
    /// `all`: every storage, not only the caller's).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::Storage;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let me = cm.current_user().id.unwrap_or_default();
    /// let mut storage = Storage::new("scans", me);
    /// storage.save(&cm).await?;
    /// let all = Storage::list().all(true).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "storage",
        class = "be.cytomine.domain.image.server.Storage",
        params(all: bool)
    )]
    pub struct Storage {
        /// Storage name.
        pub name: Option<String>,
        /// Owner id (classic format).
        pub user: Option<i64>,
        /// Owner id (repository format; what the Python client sends).
        pub user_id: Option<i64>,
    }
}

impl Storage {
    /// A new storage, as `Storage(name, id_user)` in the Python client (sent as `userId`).
    ///
    /// ```
    /// let s = cytomine_models::Storage::new("scans", 7);
    /// assert_eq!(serde_json::to_value(&s).unwrap(), serde_json::json!({"name": "scans", "userId": 7}));
    /// ```
    pub fn new(name: impl Into<String>, user_id: i64) -> Self {
        Storage {
            name: Some(name.into()),
            user_id: Some(user_id),
            ..Default::default()
        }
    }
}

model! {
    /// A file uploaded into a storage, and its conversion status
    /// (see [`UploadedFileStatus`]). Upload a local file with [`UploadedFile::upload`].
    ///
    /// `GET/PUT/DELETE uploadedfile/{id}.json`, `POST uploadedfile.json`, list
    /// `uploadedfile.json` (modifiers `all` and `parent`).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::UploadedFile;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let children = UploadedFile::list().parent(12).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "uploadedfile",
        class = "be.cytomine.domain.image.UploadedFile",
        params(all: bool, parent: i64)
    )]
    pub struct UploadedFile {
        /// Id of the uploader.
        pub user: Option<i64>,
        /// Id of the parent uploaded file (for files extracted from an archive).
        pub parent: Option<i64>,
        /// Id of the storage.
        pub storage: Option<i64>,
        /// The name the file had on the uploader's disk.
        pub original_filename: Option<String>,
        /// The name on the server.
        pub filename: Option<String>,
        /// File extension.
        pub ext: Option<String>,
        /// MIME type.
        pub content_type: Option<String>,
        /// Size in bytes.
        pub size: Option<i64>,
        /// Path on the server.
        pub path: Option<String>,
        /// The file is an archive.
        pub is_archive: Option<bool>,
        /// Conversion status; see [`UploadedFileStatus`].
        pub status: Option<i64>,
        /// Status as text.
        pub status_text: Option<String>,
        /// Ids of the projects the images go into.
        pub projects: Option<Vec<i64>>,
        /// Thumbnail URL (repository format).
        pub thumbnail_url: Option<String>,
    }
}

impl UploadedFile {
    /// A new uploaded-file record, as `UploadedFile(original_filename, filename, ...,
    /// id_storage, id_user)` in the Python client; set the other fields directly.
    ///
    /// ```
    /// let f = cytomine_models::UploadedFile::new("scan.tiff", "scan.tiff", 3, 7);
    /// assert_eq!((f.storage, f.user), (Some(3), Some(7)));
    /// ```
    pub fn new(
        original_filename: impl Into<String>,
        filename: impl Into<String>,
        storage_id: i64,
        user_id: i64,
    ) -> Self {
        UploadedFile {
            original_filename: Some(original_filename.into()),
            filename: Some(filename.into()),
            storage: Some(storage_id),
            user: Some(user_id),
            ..Default::default()
        }
    }
}

/// The values of [`UploadedFile::status`], as the server defines them.
///
/// ```
/// use cytomine_models::UploadedFileStatus;
/// assert_eq!(UploadedFileStatus::DEPLOYED, 100);
/// assert!(UploadedFileStatus::is_error(UploadedFileStatus::ERROR_FORMAT));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct UploadedFileStatus;

impl UploadedFileStatus {
    /// Received, not yet processed.
    pub const UPLOADED: i64 = 0;
    /// Conversion failed (old code).
    pub const ERROR_CONVERT: i64 = 4;
    /// Uncompressed.
    pub const UNCOMPRESSED: i64 = 5;
    /// Waiting for deployment.
    pub const TO_DEPLOY: i64 = 6;
    /// Detecting the format.
    pub const DETECTING_FORMAT: i64 = 10;
    /// Unknown format.
    pub const ERROR_FORMAT: i64 = 11;
    /// Extracting data.
    pub const EXTRACTING_DATA: i64 = 20;
    /// Extraction failed.
    pub const ERROR_EXTRACTION: i64 = 21;
    /// Converting.
    pub const CONVERTING: i64 = 30;
    /// Conversion failed.
    pub const ERROR_CONVERSION: i64 = 31;
    /// Deploying.
    pub const DEPLOYING: i64 = 40;
    /// Deployment failed.
    pub const ERROR_DEPLOYMENT: i64 = 41;
    /// Unpacking an archive.
    pub const UNPACKING: i64 = 50;
    /// Unpacking failed.
    pub const ERROR_UNPACKING: i64 = 51;
    /// Checking integrity.
    pub const CHECKING_INTEGRITY: i64 = 60;
    /// Integrity check failed.
    pub const ERROR_INTEGRITY: i64 = 61;
    /// Deployed: images are available.
    pub const DEPLOYED: i64 = 100;
    /// Extracted.
    pub const EXTRACTED: i64 = 102;
    /// Converted.
    pub const CONVERTED: i64 = 104;
    /// Unpacked.
    pub const UNPACKED: i64 = 106;

    /// Whether `status` is one of the error codes.
    pub fn is_error(status: i64) -> bool {
        matches!(status, 4 | 11 | 21 | 31 | 41 | 51 | 61)
    }
}
