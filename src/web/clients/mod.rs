//! The group console's clients: list and CSV (`list`), add (`create`), edit (`edit`),
//! the owner (`owner`: resend the activation, invite a new owner), services (`services`),
//! users (`users`).

pub mod bulk;
pub mod create;
pub mod edit;
pub mod export;
pub mod list;
pub mod owner;
pub mod services;
pub mod users;
pub mod views;
