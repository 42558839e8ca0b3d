//! The table and meta accessors every [`Domain`](super::crud::Domain) implementation repeats.

/// Implements `table`, `table_mut`, `meta` and `meta_mut` for a record stored in `State::$field`
/// whose `Meta` is at `self.$meta` (default `meta`).
macro_rules! table_access {
    ($field:ident) => {
        table_access!($field, meta);
    };
    ($field:ident, $($meta:ident).+) => {
        fn table(state: &crate::store::State) -> &crate::store::Table<Self> {
            &state.$field
        }
        fn table_mut(state: &mut crate::store::State) -> &mut crate::store::Table<Self> {
            &mut state.$field
        }
        fn meta(&self) -> &crate::store::Meta {
            &self.$($meta).+
        }
        fn meta_mut(&mut self) -> &mut crate::store::Meta {
            &mut self.$($meta).+
        }
    };
}
