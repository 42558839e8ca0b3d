//! Images: abstract images (the files) and their slices, image instances (an abstract image
//! placed in a project) and their slices, and image servers. Actions such as downloads and
//! thumbnails are in `image_actions.rs`.

use crate::image_parts::{ImageShape, SlicePosition};

model! {
    /// An image file known to the server, independent of any project.
    ///
    /// `GET/PUT/DELETE abstractimage/{id}.json`, `POST abstractimage.json`, list
    /// `abstractimage.json` (modifier `project`). Download with [`AbstractImage::download`].
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AbstractImage;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let image = AbstractImage::fetch(&cm, 13).await?;
    /// println!("{:?} x {:?}", image.shape.width, image.shape.height);
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "abstractimage",
        class = "be.cytomine.domain.image.AbstractImage",
        params(project: i64)
    )]
    pub struct AbstractImage {
        /// File name (the original name).
        pub filename: Option<String>,
        /// The name the file had on the uploader's disk.
        pub original_filename: Option<String>,
        /// Id of the uploaded file.
        pub uploaded_file: Option<i64>,
        /// Path on the server.
        pub path: Option<String>,
        /// MIME type.
        pub content_type: Option<String>,
        /// Pixel geometry and format (top-level attributes on the wire).
        #[serde(flatten)]
        pub shape: ImageShape,
        /// Dimensions present: `XY` plus `C`, `Z`, `T` when greater than 1.
        pub dimensions: Option<String>,
        /// Channels as displayed.
        pub apparent_channels: Option<i64>,
        /// Thumbnail URL.
        pub thumb: Option<String>,
        /// Preview URL.
        pub preview: Option<String>,
        /// Macro image URL, for slide formats that have one.
        #[serde(rename = "macroURL")]
        pub macro_url: Option<String>,
        /// The image is used in a project.
        pub in_project: Option<bool>,
    }
}

impl AbstractImage {
    /// A new abstract image, as `AbstractImage(filename, id_uploaded_file)` in the Python
    /// client (sent as `originalFilename` and `uploadedFile`).
    ///
    /// ```
    /// let a = cytomine_models::AbstractImage::new("slide.tiff", 5);
    /// assert_eq!(serde_json::to_value(&a).unwrap(),
    ///            serde_json::json!({"originalFilename": "slide.tiff", "uploadedFile": 5}));
    /// ```
    pub fn new(filename: impl Into<String>, uploaded_file_id: i64) -> Self {
        AbstractImage {
            original_filename: Some(filename.into()),
            uploaded_file: Some(uploaded_file_id),
            ..Default::default()
        }
    }
}

model! {
    /// One slice (channel, focal plane, frame) of an abstract image.
    ///
    /// `GET/PUT/DELETE abstractslice/{id}.json`, `POST abstractslice.json`. Lists need a
    /// filter: `abstractimage/{id}/abstractslice.json` or `uploadedfile/{id}/abstractslice.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::AbstractSlice;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let slices = AbstractSlice::list().abstractimage(13).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "abstractslice",
        class = "be.cytomine.domain.image.AbstractSlice",
        filters(abstractimage, uploadedfile),
        filter_required
    )]
    pub struct AbstractSlice {
        /// Id of the abstract image.
        pub image: Option<i64>,
        /// Id of the uploaded file.
        pub uploaded_file: Option<i64>,
        /// Path on the server.
        pub path: Option<String>,
        /// MIME type (older servers).
        pub mime: Option<String>,
        /// Channel, plane and frame (top-level attributes on the wire).
        #[serde(flatten)]
        pub position: SlicePosition,
    }
}

impl AbstractSlice {
    /// A new slice of an abstract image, as `AbstractSlice(id_image, id_uploaded_file, ...)`.
    ///
    /// ```
    /// use cytomine_models::{AbstractSlice, SlicePosition};
    /// let s = AbstractSlice::new(13, 5, SlicePosition::at(1, 0, 0));
    /// assert_eq!((s.image, s.position.channel), (Some(13), Some(1)));
    /// ```
    pub fn new(image_id: i64, uploaded_file_id: i64, position: SlicePosition) -> Self {
        AbstractSlice {
            image: Some(image_id),
            uploaded_file: Some(uploaded_file_id),
            position,
            ..Default::default()
        }
    }
}

model! {
    /// An abstract image placed in a project: what users open and annotate.
    ///
    /// `GET/PUT/DELETE imageinstance/{id}.json`, `POST imageinstance.json`. Lists need a filter:
    /// `project/{id}/imageinstance.json` or `imagegroup/{id}/imageinstance.json`. Actions:
    /// [`download`](ImageInstance::download), [`dump`](ImageInstance::dump) (thumbnail),
    /// [`window`](ImageInstance::window), [`reference_slice`](ImageInstance::reference_slice).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::ImageInstance;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut image = ImageInstance::new(13, 42);
    /// image.save(&cm).await?;
    /// let in_project = ImageInstance::list().project(42).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "imageinstance",
        class = "be.cytomine.domain.image.ImageInstance",
        filters(project, imagegroup),
        filter_required,
        params(light: bool, with_last_activity: bool, with_image_group: bool)
    )]
    pub struct ImageInstance {
        /// Id of the abstract image.
        pub base_image: Option<i64>,
        /// Id of the project.
        pub project: Option<i64>,
        /// Id of the user who added the image.
        pub user: Option<i64>,
        /// The name in the project (the original name unless renamed).
        pub instance_filename: Option<String>,
        /// The name the file had on the uploader's disk.
        pub original_filename: Option<String>,
        /// File name.
        pub filename: Option<String>,
        /// Name shown in blind mode.
        pub blinded_name: Option<String>,
        /// Path on the server.
        pub path: Option<String>,
        /// MIME type.
        pub content_type: Option<String>,
        /// Pixel geometry and format (top-level attributes on the wire).
        #[serde(flatten)]
        pub shape: ImageShape,
        /// When the review started.
        pub review_start: Option<cytomine::Timestamp>,
        /// When the review ended.
        pub review_stop: Option<cytomine::Timestamp>,
        /// Id of the reviewer.
        pub review_user: Option<i64>,
        /// The review is finished.
        pub reviewed: Option<bool>,
        /// A review is in progress.
        pub in_review: Option<bool>,
        /// Number of user annotations.
        pub number_of_annotations: Option<i64>,
        /// Number of job annotations.
        pub number_of_job_annotations: Option<i64>,
        /// Number of reviewed annotations.
        pub number_of_reviewed_annotations: Option<i64>,
        /// Thumbnail URL.
        pub thumb: Option<String>,
        /// Preview URL.
        pub preview: Option<String>,
        /// Macro image URL.
        #[serde(rename = "macroURL")]
        pub macro_url: Option<String>,
    }
}

impl ImageInstance {
    /// A new image instance, as `ImageInstance(id_abstract_image, id_project)` in the Python
    /// client (sent as `baseImage` and `project`).
    ///
    /// ```
    /// let i = cytomine_models::ImageInstance::new(13, 42);
    /// assert_eq!(serde_json::to_value(&i).unwrap(),
    ///            serde_json::json!({"baseImage": 13, "project": 42}));
    /// ```
    pub fn new(abstract_image_id: i64, project_id: i64) -> Self {
        ImageInstance {
            base_image: Some(abstract_image_id),
            project: Some(project_id),
            ..Default::default()
        }
    }
}

model! {
    /// One slice of an image instance.
    ///
    /// `GET/PUT/DELETE sliceinstance/{id}.json`, `POST sliceinstance.json`; list
    /// `imageinstance/{id}/sliceinstance.json` (a filter is needed).
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::SliceInstance;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let slices = SliceInstance::list().imageinstance(7).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "sliceinstance",
        class = "be.cytomine.domain.image.SliceInstance",
        filters(imageinstance),
        filter_required
    )]
    pub struct SliceInstance {
        /// Id of the project.
        pub project: Option<i64>,
        /// Id of the image instance.
        pub image: Option<i64>,
        /// Id of the abstract slice.
        pub base_slice: Option<i64>,
        /// Id of the uploaded file.
        pub uploaded_file: Option<i64>,
        /// Path on the server.
        pub path: Option<String>,
        /// MIME type (older servers).
        pub mime: Option<String>,
        /// Channel, plane and frame (top-level attributes on the wire).
        #[serde(flatten)]
        pub position: SlicePosition,
    }
}

impl SliceInstance {
    /// A new slice instance, as `SliceInstance(id_project, id_image, id_base_slice)`.
    ///
    /// ```
    /// let s = cytomine_models::SliceInstance::new(42, 7, 3);
    /// assert_eq!((s.project, s.image, s.base_slice), (Some(42), Some(7), Some(3)));
    /// ```
    pub fn new(project_id: i64, image_id: i64, base_slice_id: i64) -> Self {
        SliceInstance {
            project: Some(project_id),
            image: Some(image_id),
            base_slice: Some(base_slice_id),
            ..Default::default()
        }
    }
}

model! {
    /// An image server (classic servers only: current servers have no such domain and the
    /// Python client 4.3.0 dropped it). Read-only.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::ImageServer;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let servers = ImageServer::list().fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "imageserver",
        class = "be.cytomine.domain.image.server.ImageServer",
        refuse(create, update, delete)
    )]
    pub struct ImageServer {
        /// Server name.
        pub name: Option<String>,
        /// Server URL.
        pub url: Option<String>,
        /// Base path of the image files.
        pub base_path: Option<String>,
        /// The server is available.
        pub available: Option<bool>,
    }
}
