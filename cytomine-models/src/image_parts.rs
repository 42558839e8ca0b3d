//! Attribute groups shared by several image models, flattened into them on the wire.

use serde::{Deserialize, Serialize};

/// Pixel geometry and format of an image, shared by [`AbstractImage`](crate::AbstractImage)
/// and [`ImageInstance`](crate::ImageInstance) (flattened: these are top-level attributes).
///
/// ```
/// let shape: cytomine_models::ImageShape =
///     serde_json::from_str(r#"{"width": 2048, "height": 1024, "physicalSizeX": 0.25}"#).unwrap();
/// assert_eq!((shape.width, shape.height, shape.physical_size_x), (Some(2048), Some(1024), Some(0.25)));
/// ```
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageShape {
    /// Width in pixels.
    pub width: Option<i64>,
    /// Height in pixels.
    pub height: Option<i64>,
    /// Number of focal planes (Z).
    pub depth: Option<i64>,
    /// Number of time frames (T).
    pub duration: Option<i64>,
    /// Number of channels (C).
    pub channels: Option<i64>,
    /// Number of intrinsic channels times samples per pixel.
    pub extrinsic_channels: Option<i64>,
    /// Pixel width in microns.
    pub physical_size_x: Option<f64>,
    /// Pixel height in microns.
    pub physical_size_y: Option<f64>,
    /// Distance between focal planes in microns.
    pub physical_size_z: Option<f64>,
    /// Frames per second.
    pub fps: Option<f64>,
    /// How many times the image must be halved to fit one tile.
    pub zoom: Option<i64>,
    /// Tile side in pixels.
    pub tile_size: Option<i64>,
    /// The image has no pixels of its own.
    pub is_virtual: Option<bool>,
    /// Objective magnification.
    pub magnification: Option<i64>,
    /// Bits per sample.
    pub bit_per_sample: Option<i64>,
    /// Samples per pixel.
    pub sample_per_pixel: Option<i64>,
    /// Colour space, e.g. `RGB`.
    pub colorspace: Option<String>,
}

/// Where a slice sits in its image (channel, focal plane, frame), shared by
/// [`AbstractSlice`](crate::AbstractSlice) and [`SliceInstance`](crate::SliceInstance).
///
/// ```
/// let at = cytomine_models::SlicePosition::at(1, 0, 2);
/// assert_eq!(serde_json::to_value(&at).unwrap(),
///            serde_json::json!({"channel": 1, "zStack": 0, "time": 2}));
/// ```
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlicePosition {
    /// Channel index (C).
    pub channel: Option<i64>,
    /// Focal plane index (Z).
    pub z_stack: Option<i64>,
    /// Frame index (T).
    pub time: Option<i64>,
    /// Rank of the slice: `channel + channels × (zStack + depth × time)`.
    pub rank: Option<i64>,
    /// Channel name.
    pub channel_name: Option<String>,
    /// Channel colour.
    pub channel_color: Option<String>,
    /// Focal plane name.
    pub z_name: Option<String>,
}

impl SlicePosition {
    /// The slice at channel `c`, plane `z`, frame `t`.
    ///
    /// ```
    /// assert_eq!(cytomine_models::SlicePosition::at(0, 3, 0).z_stack, Some(3));
    /// ```
    pub fn at(channel: i64, z_stack: i64, time: i64) -> Self {
        SlicePosition {
            channel: Some(channel),
            z_stack: Some(z_stack),
            time: Some(time),
            ..Default::default()
        }
    }
}
