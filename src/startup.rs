//! Building the application: database (pool + migrations), session key, the HTTP server
//! and its middleware. `Application::build` binds the listener itself, so tests can ask
//! for port 0 and read the port back.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_session::SessionMiddleware;
use actix_session::config::{BrowserSession, TtlExtensionPolicy};
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::error::UrlencodedError;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::auth::password::PasswordHasher;
use crate::config::{Config, ConfigError};
use crate::db::{self, DbPool, redact_url};
use crate::error::AppError;
use crate::mail::transport::Mailer;
use crate::services::setup;
use crate::web::middleware::{self, SecurityHeaders};
use crate::web::session_store::{DbSessionStore, IDLE_TIMEOUT_MINUTES};
use crate::web::state::AppState;

pub const SESSION_COOKIE: &str = "clientele_session";

/// Connects to the database, proves it answers, and applies pending migrations.
/// A command does not wait for the database: what it finds is said at once.
pub fn prepare_database(config: &Config) -> Result<DbPool, ConfigError> {
    prepare_counted_database(config, None, Duration::ZERO)
}

/// [`prepare_database`], the pool's events told to `events` (the server's metrics), waiting
/// up to `wait` for a database that does not answer yet (`serve`: `DB_WAIT`).
fn prepare_counted_database(
    config: &Config,
    events: Option<Box<dyn r2d2::HandleEvent>>,
    wait: Duration,
) -> Result<DbPool, ConfigError> {
    let setting = "DATABASE_URL";
    let pool = db::connect_counted(
        &config.database,
        config.pool_size,
        config.db_timeout,
        events,
        wait,
    )
    .map_err(|m| ConfigError {
        setting,
        message: format!("cannot open {}: {m}", redact_url(&config.database.target)),
    })?;
    let mut conn = pool.get().map_err(|e| ConfigError {
        setting,
        message: format!("no connection: {e}"),
    })?;
    // One process migrates at a time (SQLite: this file lock; PostgreSQL: an advisory
    // lock inside `run_migrations`); the others wait, then find nothing left to do.
    let migrating = crate::ops::hold_for_migrations(&config.database)
        .map_err(|message| ConfigError { setting, message })?;
    let applied = db::run_migrations(&mut conn).map_err(|m| ConfigError {
        setting,
        message: format!("migrations failed: {m}"),
    })?;
    drop(migrating);
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    // Clients saved before a migration added a derived key (the seller sort's ranks, the
    // search keys), or by an older instance during a deploy, get theirs now; afterwards
    // every write keeps them. On every start, as migrations may have been applied by
    // another process: with nothing to do it reads a few index entries.
    db::write_tx(&mut conn, |c| {
        crate::models::seller_rank::rank_all_groups(c)?;
        crate::models::account::fill_search_keys(c).map(|_| ())
    })
    .map_err(|e: diesel::result::Error| ConfigError {
        setting,
        message: format!("deriving the list's keys failed: {e}"),
    })?;
    Ok(pool)
}

/// The cookie key: `SESSION_KEY`, or one generated once and kept in a key file (beside the
/// SQLite database; in the working directory for PostgreSQL), with a warning.
fn session_key(config: &Config) -> Result<Key, ConfigError> {
    let bad = |message: String| ConfigError {
        setting: "SESSION_KEY",
        message,
    };
    if let Some(k) = &config.session_key {
        return Ok(Key::derive_from(k.as_bytes()));
    }
    let path = match config.database.sqlite_file() {
        Some(db_file) => {
            let mut p = db_file.as_os_str().to_owned();
            p.push(".session-key");
            std::path::PathBuf::from(p)
        }
        None => std::path::PathBuf::from("clientele.session-key"),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text.trim().to_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let random: [u8; 64] = rand::random();
            let text = hex::encode(random);
            write_private(&path, &text)
                .map_err(|e| bad(format!("cannot write the key file {}: {e}", path.display())))?;
            text
        }
        Err(e) => {
            return Err(bad(format!(
                "cannot read the key file {}: {e}",
                path.display()
            )));
        }
    };
    if text.len() < crate::config::MIN_SESSION_KEY_LEN {
        return Err(bad(format!("the key file {} is too short", path.display())));
    }
    tracing::warn!(
        file = %path.display(),
        "SESSION_KEY is not set: using the key kept in this file. Set SESSION_KEY when several \
         instances share one database."
    );
    Ok(Key::derive_from(text.as_bytes()))
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

/// The largest form body heard (64 KiB: the longest form, a client with its billing
/// addresses, is a few KiB); a larger one is refused with the 413 page before any handler
/// runs.
pub const FORM_LIMIT: usize = 64 * 1024;

/// Forms up to [`FORM_LIMIT`]. One the extractor refuses: over the limit, a bare 413 (drawn
/// as the console's page by `middleware::frame`); anything else, a 400.
fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(FORM_LIMIT)
        .error_handler(|err, _| match err {
            e @ UrlencodedError::Overflow { .. } => actix_web::error::InternalError::from_response(
                e,
                actix_web::HttpResponse::PayloadTooLarge().finish(),
            )
            .into(),
            e => AppError::BadRequest(format!("form: {e}")).into(),
        })
}

pub struct Application {
    port: u16,
    server: Server,
    setup_token: Option<String>,
    base_url: String,
    pool: DbPool,
    /// The mail worker, stopped after the server (see [`Application::run_until_stopped`]).
    mail_worker: Option<(tokio::task::JoinHandle<()>, Arc<AtomicBool>)>,
    /// Held while serving a SQLite file: `clientele restore` refuses while it is.
    _serve_lock: Option<crate::ops::DatabaseLock>,
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, ConfigError> {
        // The lock first: a server that starts while a restore runs waits for it, then
        // opens the restored file (not the one being replaced).
        let serve_lock =
            crate::ops::hold_while_open(&config.database).map_err(|message| ConfigError {
                setting: "DATABASE_URL",
                message,
            })?;
        let metrics = Arc::new(crate::metrics::Metrics::new());
        let pool = prepare_counted_database(
            &config,
            Some(Box::new(crate::metrics::PoolEvents(metrics.clone()))),
            config.db_wait,
        )?;
        let key = session_key(&config)?;
        let mailer = Arc::new(Mailer::from_config(&config)?);
        let setup_token = {
            let mut conn = pool.get().map_err(|e| ConfigError {
                setting: "DATABASE_URL",
                message: e.to_string(),
            })?;
            setup::issue_token_if_needed(&mut conn).map_err(|e| ConfigError {
                setting: "DATABASE_URL",
                message: format!("cannot prepare the first-run set-up: {e}"),
            })?
        };
        let listener = TcpListener::bind(&config.bind).map_err(|e| ConfigError {
            setting: "BIND",
            message: format!("cannot listen on {}: {e}", config.bind),
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| ConfigError {
                setting: "BIND",
                message: e.to_string(),
            })?
            .port();

        let config = Arc::new(config);
        let state = web::Data::new(AppState {
            pool: pool.clone(),
            hasher: PasswordHasher::new(config.bcrypt_cost),
            config: config.clone(),
            mailer: mailer.clone(),
            metrics: metrics.clone(),
            started: std::time::Instant::now(),
            cursor_key: crate::services::api::CursorKey::derive(key.master()),
            links: crate::web::kept_links::LinkKeeper::new(key.master(), config.is_https()),
        });
        let secure = config.is_https();
        let headers = web::Data::new(SecurityHeaders::new(config.is_https()));
        let session_pool = pool.clone();
        let workers = config.workers.unwrap_or_else(crate::config::cores);
        let server = HttpServer::new(move || {
            let sessions =
                SessionMiddleware::builder(DbSessionStore::new(session_pool.clone()), key.clone())
                    .cookie_name(SESSION_COOKIE.to_owned())
                    .cookie_secure(secure)
                    .cookie_http_only(true)
                    .cookie_same_site(SameSite::Lax)
                    .cookie_path("/".to_owned())
                    .session_lifecycle(
                        BrowserSession::default()
                            .state_ttl(actix_web::cookie::time::Duration::minutes(
                                IDLE_TIMEOUT_MINUTES,
                            ))
                            // The idle expiry is pushed forward by the store as it loads the
                            // session (see `DbSessionStore::load`), not by a second statement.
                            .state_ttl_extension_policy(TtlExtensionPolicy::OnStateChanges),
                    )
                    .build();
            App::new()
                .app_data(state.clone())
                .app_data(form_config())
                // The same limit for every body read as bytes (the CSRF check reads each
                // POST's, button-only forms included): over it, the 413 page.
                .app_data(web::PayloadConfig::new(FORM_LIMIT))
                .app_data(
                    web::QueryConfig::default().error_handler(|err, _| {
                        AppError::BadRequest(format!("query: {err}")).into()
                    }),
                )
                .app_data(
                    web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()),
                )
                .app_data(headers.clone())
                .wrap(from_fn(middleware::head_as_get))
                .wrap(from_fn(middleware::frame))
                .configure(|cfg| crate::routes::configure(cfg, sessions))
        })
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads_per_worker(config.pool_size, workers))
        .shutdown_timeout(5)
        .listen(listener)
        .map_err(|e| ConfigError {
            setting: "BIND",
            message: e.to_string(),
        })?
        .run();

        let mut mail_worker = None;
        if config.background_jobs {
            crate::jobs::spawn_scheduler(
                pool.clone(),
                Duration::from_secs(60),
                config.base_url.clone(),
                metrics.clone(),
            );
            let stop = Arc::new(AtomicBool::new(false));
            let handle = crate::mail::worker::spawn(
                pool.clone(),
                mailer,
                Duration::from_secs(5),
                stop.clone(),
            );
            mail_worker = Some((handle, stop));
        }
        Ok(Application {
            port,
            server,
            setup_token,
            base_url: config.base_url.clone(),
            pool,
            mail_worker,
            _serve_lock: serve_lock,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// The one-time set-up token, when this start issued one (no user exists yet).
    pub fn setup_token(&self) -> Option<&str> {
        self.setup_token.as_deref()
    }

    /// The link to print for the first-run set-up.
    pub fn setup_url(&self) -> Option<String> {
        self.setup_token
            .as_ref()
            .map(|t| format!("{}/setup?token={t}", self.base_url))
    }

    pub fn server_handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped (SIGTERM, SIGINT or the handle): the server stops taking
    /// connections and lets the requests in flight finish (5 s at most); then the mail
    /// worker finishes the email it is sending, puts the rest of its batch back, and ends.
    /// The scheduler's jobs are transactions: one cut short is rolled back and runs again.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        if let Some((handle, stop)) = self.mail_worker {
            stop.store(true, Ordering::Release);
            crate::mail::wake::wake();
            if tokio::time::timeout(Duration::from_secs(30), handle)
                .await
                .is_err()
            {
                tracing::warn!("the mail worker did not stop within 30 s");
            }
        }
        tracing::info!("stopped");
        served
    }
}

/// The blocking threads each worker may start: its share of the pool's connections, plus
/// as many as bcrypt may run at once (password hashes run there too, behind their own
/// bound, and must not take a page's thread). Every other blocking task of a page holds or
/// waits for a connection, so threads beyond these would only wait in `pool.get()`, each
/// with its stack and, under glibc, its own malloc arena: with actix's default (512 divided
/// among the workers) a burst of 128 connections left the server at 155 MiB. Tasks beyond
/// the bound queue in the worker, in order, as they would for a connection; none holds a
/// thread while it waits on the network (the CSV export reads a chunk per task).
fn blocking_threads_per_worker(pool_size: u32, workers: usize) -> usize {
    (pool_size as usize).div_ceil(workers.max(1)) + crate::auth::password::parallel_hashes()
}
