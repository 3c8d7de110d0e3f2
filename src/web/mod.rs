//! HTTP handlers, by resource, and what they share. Each handler extracts, authorises (a
//! scope from `auth::scope`), calls a service inside `db::run`, and renders a page or
//! answers 303. No SQL here. This file only declares the modules: each piece is imported
//! from the module that defines it, so no module here imports another in a circle.

pub mod activate;
pub mod activity;
pub mod api;
pub mod assets;
pub mod clients;
pub mod context;
pub mod csrf;
pub mod deletion;
pub mod email_change;
pub mod emails;
pub mod error_page;
pub mod flash;
pub mod health;
pub mod home;
pub mod identity;
pub mod impersonation;
pub mod invitations;
pub mod kept_links;
pub mod locale;
pub mod login;
pub mod lost_access;
pub mod metrics;
pub mod middleware;
pub mod password;
pub mod people;
pub mod portal;
pub mod profile;
pub mod reply;
pub mod request;
pub mod request_id;
pub mod session_store;
pub mod settings;
pub mod setup;
pub mod state;
pub mod system;
pub mod two_step;
