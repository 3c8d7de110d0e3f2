//! The group console's clients: list and CSV (`list`), add (`create`), edit (`edit`),
//! resend the owner's activation (`resend`), services (`services`), users (`users`).

pub mod bulk;
pub mod create;
pub mod edit;
pub mod export;
pub mod list;
pub mod resend;
pub mod services;
pub mod users;
pub mod views;
