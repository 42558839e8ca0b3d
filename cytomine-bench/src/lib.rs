//! Benchmarks of cytomine-rs against the official Python client 4.3.0, on the same emulator.
//!
//! Two binaries use this library: `bench-client` runs one workload with our client (or the bare
//! keep-alive floor) and prints one JSON result line; `bench` starts the emulator in-process,
//! prepares the data, runs every workload with each client as a child process, measures wall
//! time, CPU time and peak RSS of the child, and writes `BENCHMARKS.md`.
//!
//! The modules here hold what both binaries share and what can be tested without timings:
//! the result line, the child accounting, the medians, the targets and the markdown table.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod floor;
pub mod measure;
pub mod per_item;
pub mod report;
pub mod result_line;
pub mod runtime;
pub mod stats;
pub mod targets;
pub mod tiff;
