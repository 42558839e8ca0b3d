//! An id-ordered table of records.

use std::collections::BTreeMap;

/// Records of one domain, keyed and ordered by id.
#[derive(Debug)]
pub(crate) struct Table<T> {
    rows: BTreeMap<i64, T>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: BTreeMap::new(),
        }
    }
}

impl<T> Table<T> {
    /// A record by id.
    pub(crate) fn get(&self, id: i64) -> Option<&T> {
        self.rows.get(&id)
    }
    /// A mutable record by id.
    pub(crate) fn get_mut(&mut self, id: i64) -> Option<&mut T> {
        self.rows.get_mut(&id)
    }
    /// Insert or replace.
    pub(crate) fn insert(&mut self, id: i64, row: T) {
        self.rows.insert(id, row);
    }
    /// Remove and return.
    pub(crate) fn remove(&mut self, id: i64) -> Option<T> {
        self.rows.remove(&id)
    }
    /// Whether the id exists.
    pub(crate) fn contains(&self, id: i64) -> bool {
        self.rows.contains_key(&id)
    }
    /// All records, ascending id.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.rows.values()
    }
    /// Ids matching a predicate.
    pub(crate) fn ids_where(&self, pred: impl Fn(&T) -> bool) -> Vec<i64> {
        self.rows
            .iter()
            .filter(|(_, r)| pred(r))
            .map(|(id, _)| *id)
            .collect()
    }
    /// Remove every record matching a predicate; returns the removed ids.
    pub(crate) fn remove_where(&mut self, pred: impl Fn(&T) -> bool) -> Vec<i64> {
        let ids = self.ids_where(pred);
        for id in &ids {
            self.rows.remove(id);
        }
        ids
    }
}
