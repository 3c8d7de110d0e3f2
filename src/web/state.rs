//! What every handler can reach (actix app data).

use std::sync::Arc;

use crate::auth::password::PasswordHasher;
use crate::config::Config;
use crate::db::DbPool;
use crate::mail::transport::Mailer;

pub struct AppState {
    pub pool: DbPool,
    pub hasher: PasswordHasher,
    pub config: Arc<Config>,
    pub mailer: Arc<Mailer>,
}
