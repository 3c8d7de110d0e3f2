//! What every handler can reach (actix app data).

use std::sync::Arc;

use crate::auth::password::PasswordHasher;
use crate::config::Config;
use crate::db::DbPool;
use crate::mail::transport::Mailer;
use crate::metrics::Metrics;

pub struct AppState {
    pub pool: DbPool,
    pub hasher: PasswordHasher,
    pub config: Arc<Config>,
    pub mailer: Arc<Mailer>,
    /// What `GET /metrics` reports (the middleware counts every request into it).
    pub metrics: Arc<Metrics>,
    /// When this instance started (the status page's uptime).
    pub started: std::time::Instant,
    /// Signs and checks the API's paging cursors (derived from the session key).
    pub cursor_key: crate::services::api::CursorKey,
    /// Moves the emailed links' secrets out of the address bar (derived from the session
    /// key).
    pub links: crate::web::kept_links::LinkKeeper,
}
