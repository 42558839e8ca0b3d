//! The emulator over HTTP: each module drives one area with a signed client, on an emulator
//! started in process on 127.0.0.1. One test binary, so that `support` is compiled once.

mod support;

mod annotation_geometry;
mod annotations;
mod attached_file;
mod auth;
mod client_routes;
mod demo_metadata;
mod description;
mod domains;
mod faults;
mod groups;
mod images;
mod latency;
mod property;
mod relation_term;
mod repository;
mod repository_links;
mod review;
mod server_fidelity;
mod social;
mod tag;
mod track;
mod user_role;
