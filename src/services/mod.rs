//! Operations over several tables, each owning its transaction. No HTTP types here.

pub mod activity;
pub mod api;
pub mod audit;
pub mod bulk;
pub mod catalogue;
pub mod client_list;
pub mod client_rules;
pub mod client_services;
pub mod client_users;
pub mod clients;
pub mod deletion;
pub mod demo;
pub mod email_problems;
pub mod groups;
pub mod impersonation;
pub mod invitations;
pub mod list_views;
pub mod password_reset;
pub mod people;
pub mod portal;
pub mod profile;
pub mod settings;
pub mod setup;
pub mod throttle;
pub mod two_step;
pub mod users;
