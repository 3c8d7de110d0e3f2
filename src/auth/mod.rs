//! Who is asking and what they may touch: server-side sessions, the current-user
//! extractor, capability scopes, passwords, CSRF and secret tokens.

pub mod csrf;
pub mod current_user;
pub mod password;
pub mod scope;
pub mod session_store;
pub mod tokens;

pub use current_user::{CurrentUser, MaybeUser};
pub use scope::{ClientScope, GroupScope};
