//! [`KeyParts`]: how a resource key (`i64`, or a tuple for composite keys) fills a path template.

use std::fmt::Display;

/// A value that identifies one item; each part fills one placeholder of
/// [`Resource::KEY_NAMES`](crate::Resource::KEY_NAMES), in order.
///
/// ```
/// use cytomine_core::__private::KeyParts;
/// assert_eq!(42_i64.parts(), vec!["42".to_string()]);
/// assert_eq!((5_i64, 7_i64).parts(), vec!["5".to_string(), "7".to_string()]);
/// ```
pub trait KeyParts {
    /// The text of each part, in order.
    fn parts(&self) -> Vec<String>;
}

impl KeyParts for i64 {
    fn parts(&self) -> Vec<String> {
        vec![self.to_string()]
    }
}

impl KeyParts for String {
    fn parts(&self) -> Vec<String> {
        vec![self.clone()]
    }
}

macro_rules! tuple_key {
    ($($name:ident),+) => {
        impl<$($name: Display),+> KeyParts for ($($name,)+) {
            #[allow(non_snake_case)]
            fn parts(&self) -> Vec<String> {
                let ($($name,)+) = self;
                vec![$($name.to_string()),+]
            }
        }
    };
}

tuple_key!(A, B);
tuple_key!(A, B, C);
tuple_key!(A, B, C, D);
