//! Shared code of the fuzz targets: the table of model types (`models`) and WKT round trips.
#![forbid(unsafe_code)]

pub mod envelopes;
pub mod models;
pub mod wkt;
