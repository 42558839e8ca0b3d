//! The `cytomine` command line.
#![forbid(unsafe_code)]

fn main() {}
