//! One file per table: the row struct, the `NewX` insert struct, and the query functions.
//! Nothing here knows about HTTP.

pub mod account;
pub mod api_token;
pub mod audit;
pub mod client_count;
pub mod client_service;
pub mod deletion;
pub mod group_service;
pub mod impersonation;
pub mod invitation;
pub mod list_view;
pub mod membership;
pub mod operations;
pub mod outbox;
pub mod seller_rank;
pub mod service;
pub mod session;
pub mod sign_in_failure;
pub mod token;
pub mod user;
