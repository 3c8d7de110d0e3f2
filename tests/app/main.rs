//! The integration tests: one binary (quick to link), a module per feature. Each test
//! spawns the real application on a random port over a fresh database — a temp SQLite file,
//! or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set — and speaks HTTP to it.

mod helpers;
mod layers;

mod activity;
mod api;
mod authz;
mod bad_input;
mod bulk;
mod catalogue;
mod cli;
mod client_users;
mod clients;
mod deletion;
mod health;
mod impersonation;
mod invitations;
mod languages;
mod list_paging;
mod mail;
mod ops;
mod pages;
mod password_reset;
mod portal;
mod probe;
mod profile;
mod proxy;
mod reliability;
mod security;
mod seed_steps;
mod services;
mod sessions;
mod settings;
mod setup;
mod sign_in;
mod smtp_sink;
mod two_step;
mod views;
