//! The classic domains of Cytomine core, and the route table that dispatches to them.

#[macro_use]
mod macros;

mod abstract_image;
pub(crate) mod acl;
mod activity;
mod annotation;
mod annotation_filters;
mod annotation_group;
mod annotation_item;
mod annotation_listing;
mod annotation_spatial;
mod annotation_term;
mod attached_file;
mod cascade;
pub(crate) mod crud;
mod crud_routes;
mod description;
mod image_group;
mod image_instance;
pub(crate) mod json;
mod link;
mod members;
mod ontology;
mod owner;
mod position;
mod profiled;
mod project;
mod project_filters;
mod property;
mod relation_term;
pub(crate) mod repository;
mod review;
mod security;
mod storage;
mod tag;
mod term;
mod track;
mod uploaded_file;
mod user;
mod user_owned;
mod user_role;

use std::sync::{Arc, RwLock};

pub(crate) use abstract_image::add_default_slice;
pub(crate) use annotation::link_term as link_annotation_term;
pub(crate) use image_instance::add_slices;
pub(crate) use property::set_image_properties;

/// The reference slice id of an image instance.
pub(crate) fn reference_slice(state: &State, image: i64) -> Option<i64> {
    image_instance::reference_slice_of(state, image).map(|s| s.meta.id)
}
pub(crate) use security::session;

use crate::http::call::Call;
use crate::http::fail::Outcome;
use crate::http::route::{Params, Pattern};
use crate::profile::Profile;
use crate::store::State;

/// A handler that only reads the state.
pub(crate) type ReadFn = fn(&Call, &Params, &State) -> Outcome;
/// A handler that changes the state.
pub(crate) type WriteFn = fn(&Call, &Params, &mut State) -> Outcome;
/// A handler that takes the lock itself and does heavy work outside it (images); a closure, so
/// that a table of routes can give each route its own row.
pub(crate) type MediaFn = Arc<dyn Fn(&Call, &Params, &RwLock<State>) -> Outcome + Send + Sync>;

/// How a route runs.
#[derive(Clone)]
pub(crate) enum Handler {
    /// Under a read lock.
    Read(ReadFn),
    /// Under the write lock.
    Write(WriteFn),
    /// On a blocking thread, locking briefly.
    Media(MediaFn),
}

/// One route under `/api/`.
pub(crate) struct Route {
    /// HTTP method.
    pub(crate) method: &'static str,
    /// Path pattern after `/api/`.
    pub(crate) pattern: Pattern,
    /// What runs.
    pub(crate) handler: Handler,
}

/// A route table under construction, for one profile.
#[derive(Default)]
pub(crate) struct Routes {
    /// The routes registered so far, in order.
    routes: Vec<Route>,
    /// The profile the table is built for.
    profile: Profile,
}

impl Routes {
    /// Whether the classic format is served (the migrated domains register their classic-only
    /// routes only then).
    pub(crate) fn classic(&self) -> bool {
        self.profile == Profile::Classic
    }
    fn add(&mut self, method: &'static str, pattern: &str, handler: Handler) {
        self.routes.push(Route {
            method,
            pattern: Pattern::new(pattern),
            handler,
        });
    }
    /// A reading GET.
    pub(crate) fn get(&mut self, pattern: &str, handler: ReadFn) {
        self.add("GET", pattern, Handler::Read(handler));
    }
    /// A writing route with the given method.
    pub(crate) fn write(&mut self, method: &'static str, pattern: &str, handler: WriteFn) {
        self.add(method, pattern, Handler::Write(handler));
    }
    /// A media GET.
    pub(crate) fn media<F>(&mut self, pattern: &str, handler: F)
    where
        F: Fn(&Call, &Params, &RwLock<State>) -> Outcome + Send + Sync + 'static,
    {
        self.add("GET", pattern, Handler::Media(Arc::new(handler)));
    }
    /// A media route with another method (a multipart upload parsed outside the lock).
    pub(crate) fn media_write<F>(&mut self, method: &'static str, pattern: &str, handler: F)
    where
        F: Fn(&Call, &Params, &RwLock<State>) -> Outcome + Send + Sync + 'static,
    {
        self.add(method, pattern, Handler::Media(Arc::new(handler)));
    }
}

/// Outcome of looking a path up.
pub(crate) enum Lookup<'a> {
    /// A route matched.
    Found(&'a Route, Params),
    /// The path exists for other methods.
    WrongMethod,
    /// No such path.
    Missing,
}

/// The whole `/api/` route table.
pub(crate) struct RouteTable {
    /// Every route; the first that matches a path answers it.
    routes: Vec<Route>,
    /// The profile the table was built for.
    profile: Profile,
}

impl RouteTable {
    /// Build every domain's routes for `profile`.
    pub(crate) fn build_for(profile: Profile) -> RouteTable {
        let mut routes = Routes {
            routes: Vec::new(),
            profile,
        };
        security::routes(&mut routes);
        user::routes(&mut routes);
        project::routes(&mut routes);
        members::routes(&mut routes);
        ontology::routes(&mut routes);
        term::routes(&mut routes);
        storage::routes(&mut routes);
        uploaded_file::routes(&mut routes);
        abstract_image::routes(&mut routes);
        image_instance::routes(&mut routes);
        crate::media::render::routes(&mut routes);
        crate::media::download::routes(&mut routes);
        annotation_listing::routes(&mut routes);
        annotation::routes(&mut routes);
        annotation_term::routes(&mut routes);
        property::routes(&mut routes);
        attached_file::routes(&mut routes);
        description::routes(&mut routes);
        tag::routes(&mut routes);
        relation_term::routes(&mut routes);
        user_role::routes(&mut routes);
        track::routes(&mut routes);
        image_group::routes(&mut routes);
        annotation_group::routes(&mut routes);
        position::routes(&mut routes);
        activity::routes(&mut routes);
        review::routes(&mut routes);
        RouteTable {
            routes: routes.routes,
            profile,
        }
    }

    /// The profile the table was built for.
    pub(crate) fn profile(&self) -> Profile {
        self.profile
    }

    /// Find the route for `method` and `path` (the part after `/api/`).
    pub(crate) fn lookup(&self, method: &str, path: &str) -> Lookup<'_> {
        let mut other_method = false;
        let parts: Vec<&str> = path.split('/').collect();
        for route in &self.routes {
            if let Some(params) = route.pattern.matches_parts(&parts) {
                if route.method == method {
                    return Lookup::Found(route, params);
                }
                other_method = true;
            }
        }
        if other_method {
            Lookup::WrongMethod
        } else {
            Lookup::Missing
        }
    }
}
