//! Typed ids, so that a group id cannot stand where a client id belongs. Rows keep plain
//! `i64` columns; these wrap them at the edges (paths, scopes, services).

use serde::Deserialize;

macro_rules! typed_id {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

typed_id!(GroupId, ClientId);
