//! The standard routes of a record kind, registered once: `POST {base}.json` and
//! `GET`/`PUT`/`DELETE {base}/{id}.json`, answered classically ([`crud`]) or after the call's
//! profile ([`profiled`]).
//!
//! ```text
//! r.crud::<Track>("track").all();
//! r.crud::<Project>("project").post().get().put().delete();
//! r.profiled::<Term>("term").all();
//! ```

use std::marker::PhantomData;

use super::crud::{self, Domain};
use super::profiled;
use super::repository::Migrated;
use super::{ReadFn, Routes, WriteFn};

/// The handlers of the standard routes of one record kind, in one wire flavour.
pub(crate) trait Standard {
    /// `POST {base}.json`: one object or an array.
    fn post_many() -> WriteFn;
    /// `GET {base}/{id}.json`.
    fn get() -> ReadFn;
    /// `PUT {base}/{id}.json`.
    fn put() -> WriteFn;
    /// `DELETE {base}/{id}.json`.
    fn delete() -> WriteFn;
}

/// Answered by [`crud`] in the classic format whatever the profile.
pub(crate) struct Classic<T>(PhantomData<T>);

/// Answered by [`profiled`]: classic or repository format after the call's profile.
pub(crate) struct Profiled<T>(PhantomData<T>);

impl<T: Domain> Standard for Classic<T> {
    fn post_many() -> WriteFn {
        |call, _, state| crud::post_many::<T>(call, state)
    }
    fn get() -> ReadFn {
        |call, params, state| crud::get::<T>(call, state, params.id("id"), params.get("id"))
    }
    fn put() -> WriteFn {
        |call, _, state| crud::put::<T>(call, state)
    }
    fn delete() -> WriteFn {
        |call, params, state| crud::delete::<T>(call, state, params.id("id"))
    }
}

impl<T: Migrated> Standard for Profiled<T> {
    fn post_many() -> WriteFn {
        |call, _, state| profiled::post_many::<T>(call, state)
    }
    fn get() -> ReadFn {
        profiled::get_by_path::<T>
    }
    fn put() -> WriteFn {
        profiled::put::<T>
    }
    fn delete() -> WriteFn {
        profiled::delete_by_path::<T>
    }
}

/// The standard routes of one record kind under `base`, registered one call at a time.
pub(crate) struct StandardRoutes<'r, H> {
    routes: &'r mut Routes,
    base: String,
    flavour: PhantomData<H>,
}

impl Routes {
    /// The standard routes of `T` under `base` (e.g. `track`), answered by [`crud`].
    pub(crate) fn crud<T: Domain>(&mut self, base: &str) -> StandardRoutes<'_, Classic<T>> {
        StandardRoutes::new(self, base)
    }

    /// The standard routes of `T` under `base`, answered by [`profiled`].
    pub(crate) fn profiled<T: Migrated>(&mut self, base: &str) -> StandardRoutes<'_, Profiled<T>> {
        StandardRoutes::new(self, base)
    }
}

impl<'r, H: Standard> StandardRoutes<'r, H> {
    fn new(routes: &'r mut Routes, base: &str) -> Self {
        StandardRoutes {
            routes,
            base: base.to_owned(),
            flavour: PhantomData,
        }
    }

    fn one(&self) -> String {
        format!("{}/{{id}}.json", self.base)
    }

    /// All four: `POST {base}.json` (one object or an array), `GET`, `PUT` and
    /// `DELETE {base}/{id}.json`.
    pub(crate) fn all(self) -> Self {
        self.post_many().get().put().delete()
    }

    /// `POST {base}.json` taking one object or an array (docs/protocol.md §2.5).
    pub(crate) fn post_many(self) -> Self {
        let pattern = format!("{}.json", self.base);
        self.routes.write("POST", &pattern, H::post_many());
        self
    }

    /// `GET {base}/{id}.json`.
    pub(crate) fn get(self) -> Self {
        let pattern = self.one();
        self.routes.get(&pattern, H::get());
        self
    }

    /// `PUT {base}/{id}.json`.
    pub(crate) fn put(self) -> Self {
        let pattern = self.one();
        self.routes.write("PUT", &pattern, H::put());
        self
    }

    /// `DELETE {base}/{id}.json`.
    pub(crate) fn delete(self) -> Self {
        let pattern = self.one();
        self.routes.write("DELETE", &pattern, H::delete());
        self
    }
}

impl<T: Domain> StandardRoutes<'_, Classic<T>> {
    /// `POST {base}.json` taking one object only (an array is a 400).
    pub(crate) fn post(self) -> Self {
        let pattern = format!("{}.json", self.base);
        self.routes.write("POST", &pattern, |call, _, state| {
            crud::post::<T>(call, state)
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::super::Handler;
    use super::*;
    use crate::store::{Project, Term};

    /// `(method, handler kind)` of each route of `routes` matching `path`.
    fn matching(routes: &Routes, path: &str) -> Vec<(&'static str, &'static str)> {
        let parts: Vec<&str> = path.split('/').collect();
        routes
            .routes
            .iter()
            .filter(|route| route.pattern.matches_parts(&parts).is_some())
            .map(|route| {
                let kind = match route.handler {
                    Handler::Read(_) => "read",
                    Handler::Write(_) => "write",
                    Handler::Media(_) => "media",
                };
                (route.method, kind)
            })
            .collect()
    }

    #[test]
    fn each_call_registers_its_one_route() {
        let mut r = Routes::default();
        r.crud::<Project>("project").post().get().put().delete();
        r.profiled::<Term>("term").post_many().delete();
        r.crud::<Project>("other").all();
        assert_eq!(matching(&r, "project.json"), [("POST", "write")]);
        assert_eq!(
            matching(&r, "project/7.json"),
            [("GET", "read"), ("PUT", "write"), ("DELETE", "write")]
        );
        assert_eq!(matching(&r, "term.json"), [("POST", "write")]);
        assert_eq!(matching(&r, "term/7.json"), [("DELETE", "write")]);
        assert!(matching(&r, "project/7/term.json").is_empty());
        assert_eq!(matching(&r, "other.json"), [("POST", "write")]);
        assert_eq!(
            matching(&r, "other/7.json"),
            [("GET", "read"), ("PUT", "write"), ("DELETE", "write")]
        );
        assert_eq!(r.routes.len(), 10);
    }
}
