//! The annotations of each project and of each image, in id order, so that a listing reads only
//! its own annotations and cuts its page without looking at the others.
//!
//! The index is kept by [`State::insert_annotation`] and [`State::remove_annotation`]. It
//! remembers the version of the annotation table it describes: a change made to the table any
//! other way (`get_mut`, a direct `insert`) leaves it stale, and a stale index is never read
//! ([`State::annotation_ids`] answers `None`, the caller then scans the table); the next change
//! made through `State` rebuilds it.

use std::collections::HashMap;

use super::{Annotation, State, Table};

/// Ids ascending, per project and per image.
#[derive(Debug, Default)]
pub struct AnnotationIndex {
    /// The annotation table's version this index describes.
    synced: u64,
    by_project: HashMap<i64, Vec<i64>>,
    by_image: HashMap<i64, Vec<i64>>,
}

/// Which annotations to take from the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationScope {
    /// The annotations of a project.
    Project(i64),
    /// The annotations of an image instance.
    Image(i64),
}

fn add_id(ids: &mut Vec<i64>, id: i64) {
    match ids.last() {
        Some(last) if *last >= id => {
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
        }
        _ => ids.push(id),
    }
}

fn remove_id(map: &mut HashMap<i64, Vec<i64>>, key: i64, id: i64) {
    if let Some(ids) = map.get_mut(&key) {
        if let Ok(at) = ids.binary_search(&id) {
            ids.remove(at);
        }
        if ids.is_empty() {
            map.remove(&key);
        }
    }
}

impl AnnotationIndex {
    fn add(&mut self, a: &Annotation) {
        add_id(self.by_project.entry(a.project).or_default(), a.meta.id);
        add_id(self.by_image.entry(a.image).or_default(), a.meta.id);
    }

    fn forget(&mut self, a: &Annotation) {
        remove_id(&mut self.by_project, a.project, a.meta.id);
        remove_id(&mut self.by_image, a.image, a.meta.id);
    }

    fn rebuild(&mut self, table: &Table<Annotation>) {
        self.by_project.clear();
        self.by_image.clear();
        for a in table.iter() {
            self.add(a);
        }
        self.synced = table.version();
    }

    /// The ids of `scope`, ascending, when the index describes `table`.
    fn ids(&self, table: &Table<Annotation>, scope: AnnotationScope) -> Option<&[i64]> {
        if self.synced != table.version() {
            return None;
        }
        let ids = match scope {
            AnnotationScope::Project(p) => self.by_project.get(&p),
            AnnotationScope::Image(i) => self.by_image.get(&i),
        };
        Some(ids.map_or(&[], Vec::as_slice))
    }
}

impl State {
    /// Store annotation `a` under its id (replacing the record with that id), indexed.
    pub fn insert_annotation(&mut self, a: Annotation) {
        let index = &mut self.annotation_index;
        let in_sync = index.synced == self.annotations.version();
        let id = a.meta.id;
        if in_sync {
            if let Some(old) = self.annotations.get(id) {
                index.forget(old);
            }
            index.add(&a);
        }
        self.annotations.insert(id, a);
        if in_sync {
            index.synced = self.annotations.version();
        } else {
            index.rebuild(&self.annotations);
        }
    }

    /// Remove annotation `id` from the table and the index.
    pub fn remove_annotation(&mut self, id: i64) -> Option<Annotation> {
        let index = &mut self.annotation_index;
        let in_sync = index.synced == self.annotations.version();
        let removed = self.annotations.remove(id);
        if !in_sync {
            index.rebuild(&self.annotations);
            return removed;
        }
        if let Some(a) = &removed {
            index.forget(a);
        }
        index.synced = self.annotations.version();
        removed
    }

    /// The ids of the annotations of `scope`, ascending; `None` when the index is stale (the
    /// table was changed behind it), in which case the caller scans the table.
    pub fn annotation_ids(&self, scope: AnnotationScope) -> Option<&[i64]> {
        self.annotation_index.ids(&self.annotations, scope)
    }
}

#[cfg(test)]
#[path = "annotation_index_tests.rs"]
mod tests;
