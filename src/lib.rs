//! Clientele: a server-rendered console in which a group of companies runs its clients'
//! accounts, and each client runs its own users. See README.md and SPEC.md.

pub mod auth;
pub mod cli;
pub mod client_address;
pub mod config;
pub mod db;
pub mod error;
pub mod healthcheck;
pub mod i18n;
pub mod input;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod models;
pub mod ops;
pub mod routes;
pub mod services;
pub mod startup;
pub mod views;
pub mod web;

pub use config::{Config, Settings};
pub use startup::Application;
