//! What a person may touch and how they prove who they are, as plain rules: capability
//! scopes (`scope`), passwords (`password`) and secret tokens (`tokens`). No HTTP here: the
//! session, the current-user extractor and CSRF live in `web`.

pub mod impersonation;
pub mod password;
pub mod rights;
pub mod scope;
pub mod throttle;
pub mod tokens;
pub mod two_step;

pub use scope::{GroupScope, MemberClientScope, StaffClientScope};
