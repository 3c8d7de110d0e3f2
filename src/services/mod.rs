//! Operations over several tables, each owning its transaction. No HTTP types here.

pub mod audit;
pub mod groups;
pub mod setup;
