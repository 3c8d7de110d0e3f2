//! The database layer: one connection type over SQLite and PostgreSQL, the pool, the
//! twin migrations, and the few places where the two backends need different SQL.
//!
//! Everything outside this module is written once against [`DbConn`]; backend
//! differences (immediate transactions, batch inserts, upserts) live here only.

pub mod explain;
pub mod ids;
pub mod in_ids;
pub mod row_value;
pub mod search;

pub use in_ids::in_ids;
pub mod schema;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::AppError;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection, either backend. SQLite stays last: it would accept any string as a path.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = r2d2::Pool<Manager>;

/// Runs a statement on the backend's own connection, for the statements that do not
/// compile through the `MultiConnection` (multi-row inserts, `ON CONFLICT`): both arms are
/// the same code, typed for each backend.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

/// Which backend a `DATABASE_URL` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    /// Its name, as operators know it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "PostgreSQL",
            Backend::Sqlite => "SQLite",
        }
    }
}

/// A parsed `DATABASE_URL`: the backend and what its driver is given.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    pub backend: Backend,
    /// For PostgreSQL the whole URL; for SQLite the file path.
    pub target: String,
}

impl DatabaseUrl {
    /// Chooses the backend from the scheme. `sqlite://PATH`, `sqlite:PATH`, `postgres://…`
    /// and `postgresql://…` are accepted; any other scheme is an error, not a file name.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_owned(),
            });
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"));
        match path {
            Some("") => Err("the SQLite path is empty (expected sqlite://FILE)".into()),
            Some(p) => Ok(Self {
                backend: Backend::Sqlite,
                target: p.to_owned(),
            }),
            None => Err(format!(
                "unknown scheme in {:?} (expected sqlite://FILE or postgres://…)",
                redact_url(url)
            )),
        }
    }

    /// The file the SQLite database lives in (None for PostgreSQL and in-memory SQLite).
    pub fn sqlite_file(&self) -> Option<&std::path::Path> {
        match self.backend {
            Backend::Sqlite if !self.target.starts_with(":memory:") => {
                Some(std::path::Path::new(&self.target))
            }
            _ => None,
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}({})", self.backend, redact_url(&self.target))
    }
}

/// A URL with its password replaced by `***`, for logs and error lines.
pub fn redact_url(url: &str) -> String {
    without_secrets(url, Some("***")).0
}

/// The URL with its secrets (the user part's password, `?password=`, `?sslpassword=`)
/// replaced by `mask`, or left out when `mask` is None; and whether it had any.
///
/// Read as libpq reads a URI, on the text itself, not with a URL parser: the user part
/// comes before an `@` and any `/`, so a password holding an unencoded `#` or `?`,
/// which libpq takes and a URL parser reads as a fragment or a query (or refuses), is
/// still found; so is one holding an `@` (the part ends at the last `@` before the `/`:
/// a host has none). A text that is not `scheme://…` (a SQLite path) is kept, unless it
/// holds `password=` (libpq's `key=value` form, which is refused as a URL): then it is not
/// shown.
pub fn without_secrets(url: &str, mask: Option<&str>) -> (String, bool) {
    let Some(at) = url.find("://") else {
        return if url.to_ascii_lowercase().contains("password=") {
            ("(not shown: it holds a password)".to_owned(), true)
        } else {
            (url.to_owned(), false)
        };
    };
    let (scheme, rest) = (&url[..at + 3], &url[at + 3..]);
    let mut had = false;
    let mut out = String::from(scheme);
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let rest = match rest[..authority_end].rfind('@') {
        Some(user_end) => {
            let userinfo = &rest[..user_end];
            match userinfo.split_once(':') {
                Some((user, _password)) => {
                    had = true;
                    match mask {
                        Some(m) => out.push_str(&format!("{user}:{m}@")),
                        None if user.is_empty() => {}
                        None => out.push_str(&format!("{user}@")),
                    }
                }
                None => out.push_str(&format!("{userinfo}@")),
            }
            &rest[user_end + 1..]
        }
        None => rest,
    };
    let Some((base, query)) = rest.split_once('?') else {
        out.push_str(rest);
        return (out, had);
    };
    out.push_str(base);
    let mut kept = Vec::new();
    for pair in query.split('&') {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        let decoded = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
        if is_secret_parameter(&decoded.to_ascii_lowercase()) {
            had = true;
            if let Some(m) = mask {
                kept.push(format!("{key}={m}"));
            }
        } else {
            kept.push(pair.to_owned());
        }
    }
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    (out, had)
}

/// The password of a PostgreSQL URL, as libpq reads it (after the user in the authority,
/// or a `password=` parameter), percent-decoded: for `PGPASSWORD`, so that the tools run
/// with the URL [`without_secrets`] and no password shows in the process list.
pub fn password_of(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let in_authority = rest[..authority_end]
        .rfind('@')
        .and_then(|end| rest[..end].split_once(':'))
        .map(|(_, p)| decode(p));
    let in_query = rest.split_once('?').and_then(|(_, query)| {
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (decode(k).eq_ignore_ascii_case("password")).then(|| decode(v))
        })
    });
    in_query.or(in_authority)
}

/// libpq's connection parameters that are secrets (`?password=…`, `?sslpassword=…`).
pub fn is_secret_parameter(key: &str) -> bool {
    matches!(key, "password" | "sslpassword")
}

/// Makes [`DbConn`]s of the backend chosen by the URL, so that a PostgreSQL error reaches
/// the log as itself (the derive's own `establish` reports "invalid connection url").
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match self.url.backend {
            Backend::Postgres => diesel::PgConnection::establish(&self.url.target).map(DbConn::Pg),
            Backend::Sqlite => {
                diesel::SqliteConnection::establish(&self.url.target).map(DbConn::Sqlite)
            }
        }
        .map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        std::thread::panicking()
    }
}

/// Per-connection settings SQLite forgets between connections.
#[derive(Debug)]
struct SqlitePragmas;

impl r2d2::CustomizeConnection<DbConn, r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        if let DbConn::Sqlite(c) = conn {
            c.batch_execute(
                "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Opens the pool and proves the database answers, within `timeout`.
///
/// `min_idle` is 0: r2d2 otherwise tops the pool up from its own threads after each
/// checkout, and a libpq connection being opened on such a thread while a one-shot command
/// exits crashes the process (seen: a segfault in about one `clientele migrate` in four).
/// Connections are opened when asked for, by the asker, and kept for reuse.
pub fn connect(url: &DatabaseUrl, max_size: u32, timeout: Duration) -> Result<DbPool, String> {
    connect_counted(url, max_size, timeout, None, Duration::ZERO)
}

/// Whether a failure to connect is definite — the database, the role or the password is
/// wrong, an option is invalid, the file cannot be opened — rather than the database not
/// answering yet (refused, no socket yet, starting up, full, closed under us): waiting
/// would not mend it. Anything not known to be definite is waited for (up to `DB_WAIT`).
pub fn is_definite_error(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    let definite = [
        "does not exist",
        "authentication failed",
        "pg_hba.conf",
        "invalid connection option",
        "invalid integer value",
        "invalid sslmode",
        "invalid uri",
        "invalid connection url",
        "unable to open the database file",
        "permission denied",
    ];
    definite.iter().any(|d| m.contains(d))
        // A missing socket file is a server not up yet, not a wrong path we could know.
        && !(m.contains("socket") && m.contains("no such file"))
}

/// [`connect`], with the pool's checkouts and timeouts told to `events` (the metrics), and,
/// while the database does not answer yet, up to `wait` of tries every 2 s (each logged
/// once). A definite error ([`is_definite_error`]) is returned at once, as one line.
pub fn connect_counted(
    url: &DatabaseUrl,
    max_size: u32,
    timeout: Duration,
    events: Option<Box<dyn r2d2::HandleEvent>>,
    wait: Duration,
) -> Result<DbPool, String> {
    // One connection first, outside the pool: its error is the database's own words, once
    // (the pool would retry for its whole timeout and log each failure). A host that drops
    // packets is given 5 s a try (libpq's `connect_timeout`), so `wait` stays a bound.
    let mut probe_url = url.clone();
    if probe_url.backend == Backend::Postgres && !probe_url.target.contains("connect_timeout") {
        let sep = if probe_url.target.contains('?') {
            '&'
        } else {
            '?'
        };
        probe_url.target = format!("{}{sep}connect_timeout=5", probe_url.target);
    }
    let probe = Manager { url: probe_url };
    let started = std::time::Instant::now();
    loop {
        match probe.connect() {
            Ok(_) => break,
            Err(e) => {
                let message = e.to_string().trim().replace('\n', " ");
                if is_definite_error(&message) || started.elapsed() >= wait {
                    return Err(message);
                }
                tracing::warn!(
                    error = %message,
                    "the database does not answer yet; trying again in 2 s"
                );
                std::thread::sleep(Duration::from_secs(2));
            }
        }
    }
    let mut builder = r2d2::Pool::builder();
    if let Some(events) = events {
        builder = builder.event_handler(events);
    }
    let pool = builder
        .max_size(max_size)
        .min_idle(Some(0))
        .connection_timeout(timeout)
        .connection_customizer(Box::new(SqlitePragmas))
        .build(Manager { url: url.clone() })
        .map_err(|e| e.to_string())?;
    pool.get().map_err(|e| e.to_string())?;
    Ok(pool)
}

/// Whether the database answers (`/healthz`).
pub fn ping(conn: &mut DbConn) -> QueryResult<()> {
    conn.batch_execute("SELECT 1")
}

/// The PostgreSQL advisory lock every process takes to migrate (`"clientele migrations"`
/// as a number): one migrates, the others wait and then find nothing left to do.
const MIGRATIONS_LOCK: i64 = 0x636c_6965_6e74_6d67;

/// Applies the pending migrations of the connection's backend; returns their versions.
/// Any number of processes may call it at once (several `serve` started together, a
/// `migrate` beside them): on PostgreSQL they take turns under an advisory lock held for
/// the whole run (the list of pending migrations is read once the lock is held); SQLite's
/// callers hold the file lock of `ops::hold_for_migrations` around it.
pub fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, String> {
    if let DbConn::Pg(c) = conn {
        #[derive(QueryableByName)]
        struct Got {
            #[diesel(sql_type = diesel::sql_types::Bool)]
            locked: bool,
        }
        let got: Got = diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
            .bind::<diesel::sql_types::BigInt, _>(MIGRATIONS_LOCK)
            .get_result(c)
            .map_err(|e| e.to_string())?;
        if !got.locked {
            tracing::info!("another process is migrating the database; waiting for it");
            diesel::sql_query("SELECT pg_advisory_lock($1)")
                .bind::<diesel::sql_types::BigInt, _>(MIGRATIONS_LOCK)
                .execute(c)
                .map_err(|e| e.to_string())?;
        }
        let done = c
            .run_pending_migrations(PG_MIGRATIONS)
            .map(|v| v.iter().map(|v| v.to_string()).collect())
            .map_err(|e| e.to_string());
        // Released whatever happened (the lock is the session's: a pooled connection
        // would keep it otherwise).
        let released = diesel::sql_query("SELECT pg_advisory_unlock($1)")
            .bind::<diesel::sql_types::BigInt, _>(MIGRATIONS_LOCK)
            .execute(c)
            .map_err(|e| e.to_string());
        let done = done?;
        released?;
        return Ok(done);
    }
    let DbConn::Sqlite(c) = conn else {
        unreachable!()
    };
    let done = c
        .run_pending_migrations(SQLITE_MIGRATIONS)
        .map_err(|e| e.to_string())?;
    Ok(done.iter().map(|v| v.to_string()).collect())
}

/// The versions of the migrations this binary carries for a backend.
pub fn migration_versions(backend: Backend) -> Vec<String> {
    use diesel::migration::MigrationSource;
    let versions = match backend {
        Backend::Postgres => MigrationSource::<diesel::pg::Pg>::migrations(&PG_MIGRATIONS)
            .map(|all| all.iter().map(|m| m.name().version().to_string()).collect()),
        Backend::Sqlite => {
            MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS)
                .map(|all| all.iter().map(|m| m.name().version().to_string()).collect())
        }
    };
    versions.expect("the embedded migrations are readable")
}

#[derive(diesel::QueryableByName)]
pub struct Version {
    #[diesel(sql_type = diesel::sql_types::Text)]
    version: String,
}

/// Read, not diesel's `applied_migrations` (which creates its table when missing): looking
/// changes nothing.
const APPLIED: &str = "SELECT version FROM __diesel_schema_migrations ORDER BY version";

/// The versions of the migrations a database has applied: the running one's, or a SQLite
/// file's (a backup) opened on its own.
pub fn applied_migrations_of<C>(conn: &mut C) -> Result<Vec<String>, String>
where
    C: diesel::Connection,
    for<'a> diesel::query_builder::SqlQuery: diesel::query_dsl::LoadQuery<'a, C, Version>,
{
    let applied: Vec<Version> = diesel::sql_query(APPLIED)
        .load(conn)
        .map_err(|e| e.to_string())?;
    Ok(applied.into_iter().map(|v| v.version).collect())
}

/// The database as operators see it: its size and its migrations (the status page,
/// `clientele check`).
#[derive(Debug, Clone)]
pub struct DatabaseFacts {
    pub backend: Backend,
    /// Bytes: SQLite's pages in use (the file, less its write-ahead log), PostgreSQL's
    /// `pg_database_size`.
    pub size_bytes: i64,
    pub migrations_applied: usize,
    /// Migrations this binary has that the database has not (serve applies them at start).
    pub migrations_pending: usize,
}

#[derive(diesel::QueryableByName)]
struct Size {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    bytes: i64,
}

pub fn facts(conn: &mut DbConn) -> Result<DatabaseFacts, String> {
    let (backend, query) = match conn {
        DbConn::Pg(_) => (
            Backend::Postgres,
            "SELECT pg_database_size(current_database())::BIGINT AS bytes",
        ),
        DbConn::Sqlite(_) => (
            Backend::Sqlite,
            "SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()",
        ),
    };
    let applied: std::collections::HashSet<String> =
        applied_migrations_of(conn)?.into_iter().collect();
    let pending = migration_versions(backend)
        .iter()
        .filter(|v| !applied.contains(*v))
        .count();
    let size: Size = diesel::sql_query(query)
        .get_result(conn)
        .map_err(|e| e.to_string())?;
    Ok(DatabaseFacts {
        backend,
        size_bytes: size.bytes,
        migrations_applied: applied.len(),
        migrations_pending: pending,
    })
}

/// Runs blocking database work on the runtime's blocking pool with a pooled connection.
/// A pool that cannot hand out a connection in time answers 503 ([`AppError::Unavailable`]).
pub async fn run<F, T>(pool: &DbPool, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    // What is logged meanwhile belongs to the request (its id): the span goes along.
    let span = tracing::Span::current();
    // The server's runtime is tokio's: its blocking pool, not the async workers.
    tokio::task::spawn_blocking(move || {
        span.in_scope(|| {
            let mut conn = pool
                .get()
                .map_err(|e| AppError::Unavailable(e.to_string()))?;
            f(&mut conn)
        })
    })
    .await
    .map_err(|e| AppError::Internal(format!("blocking task failed: {e}")))?
}

thread_local! {
    /// What [`after_commit`] was given during this thread's open transaction.
    static AFTER_COMMIT: std::cell::RefCell<Vec<fn()>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the connection is inside a transaction already.
fn in_transaction(conn: &mut DbConn) -> QueryResult<bool> {
    let depth = match conn {
        DbConn::Sqlite(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()?
        }
        DbConn::Pg(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()?
        }
    };
    Ok(depth.is_some())
}

/// Runs `f` once the current transaction has committed (at once outside one): e.g. wakes
/// the mail worker for the email a change queued, which it must not see before the change
/// is visible. A rolled-back transaction drops what it was given.
pub fn after_commit(conn: &mut DbConn, f: fn()) {
    if in_transaction(conn).unwrap_or(false) {
        AFTER_COMMIT.with(|v| v.borrow_mut().push(f));
    } else {
        f();
    }
}

/// The write transactions of this process on SQLite, one at a time. SQLite runs one writer
/// anyway; without this the others wait in its busy handler, which polls with sleeps that
/// grow to 100 ms, so the lock often lies free while every waiter sleeps (measured: saves
/// at 32 connections had a p99 of 370 ms). Queued here, the next writer starts the moment
/// the last one commits. Writes outside [`write_tx`] (single statements: the jobs' sweeps, a
/// support session's once-a-minute touch) and other processes on the same file (the CLI)
/// still meet the busy handler; the session store's and the mail worker's writes go
/// through here. Never held across another connection's
/// transaction: a write transaction never opens a second connection.
static SQLITE_WRITER: parking_lot::Mutex<()> = parking_lot::Mutex::new(());

/// How long a writer waits in that queue before giving up as SQLite's busy timeout would:
/// the same 5 s, so a lock held by another process fails a request instead of piling
/// every writer up behind it.
const SQLITE_WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

fn sqlite_writer_turn() -> QueryResult<parking_lot::MutexGuard<'static, ()>> {
    SQLITE_WRITER
        .try_lock_for(SQLITE_WRITER_WAIT)
        .ok_or_else(|| {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::Unknown,
                Box::new("database is locked (waited for this process's other writers)".to_owned()),
            )
        })
}

/// A write transaction. On SQLite it starts with `BEGIN IMMEDIATE`, so a transaction that
/// reads before it writes takes the write lock up front (and waits on `busy_timeout`)
/// instead of failing with "database is locked" when it first writes; this process's own
/// writers queue on [`SQLITE_WRITER`] first.
pub fn write_tx<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let nested = in_transaction(conn)?;
    let _writer = if !nested && matches!(conn, DbConn::Sqlite(_)) {
        Some(sqlite_writer_turn()?)
    } else {
        None
    };
    match conn {
        DbConn::Sqlite(c) => {
            if nested {
                // Inside a transaction already (and so holding the write lock): a savepoint.
                AnsiTransactionManager::begin_transaction(c)?
            } else {
                AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
            }
        }
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    let result = f(conn);
    let end = |conn: &mut DbConn, commit: bool| -> QueryResult<()> {
        match (conn, commit) {
            (DbConn::Sqlite(c), true) => AnsiTransactionManager::commit_transaction(c),
            (DbConn::Sqlite(c), false) => AnsiTransactionManager::rollback_transaction(c),
            (DbConn::Pg(c), true) => AnsiTransactionManager::commit_transaction(c),
            (DbConn::Pg(c), false) => AnsiTransactionManager::rollback_transaction(c),
        }
    };
    let outcome = match result {
        Ok(value) => match end(conn, true) {
            Ok(()) => Ok(value),
            Err(e) => {
                // A failed COMMIT leaves the transaction open: roll it back before reporting.
                let _ = end(conn, false);
                Err(e.into())
            }
        },
        Err(user_error) => end(conn, false).map_err(E::from).and(Err(user_error)),
    };
    if !in_transaction(conn).unwrap_or(false) {
        let pending = AFTER_COMMIT.with(|v| std::mem::take(&mut *v.borrow_mut()));
        if outcome.is_ok() {
            pending.into_iter().for_each(|f| f());
        }
    }
    outcome
}

/// Serialises the transactions that take the same lock. SQLite's write transactions are
/// serialised already (`BEGIN IMMEDIATE`); PostgreSQL takes a transaction-scoped advisory
/// lock, released at commit or rollback. Used where a check-then-insert must not race
/// across instances (first-run setup, scheduled jobs).
pub fn advisory_lock(conn: &mut DbConn, key: i64) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(key)
            .execute(c)?;
    }
    Ok(())
}

/// Locks one account's row until the transaction ends, so that two transactions that
/// read a client and then write what they derived from it (its status) run one after the
/// other. SQLite's write transactions are serialised already (`BEGIN IMMEDIATE`);
/// PostgreSQL takes the row lock (`SELECT … FOR UPDATE`).
pub fn lock_account(conn: &mut DbConn, account_id: i64) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT id FROM accounts WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::BigInt, _>(account_id)
            .execute(c)?;
    }
    Ok(())
}

/// Locks one user's row until the transaction ends, so that what ends a person's sign-ins
/// (a new password, "Sign out everywhere") and what is made under one of them (an API
/// token) run one after the other. SQLite's write transactions are serialised already;
/// PostgreSQL takes the row lock (`SELECT … FOR UPDATE`).
pub fn lock_user(conn: &mut DbConn, user_id: i64) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::BigInt, _>(user_id)
            .execute(c)?;
    }
    Ok(())
}

/// Tidies up after a bulk load (`demo`): PostgreSQL refreshes the planner's statistics and sets the
/// visibility map, without which counts read every row until autovacuum comes by.
/// Not inside a transaction (VACUUM cannot run in one).
///
/// SQLite is left without statistics, as a database the application made itself is: its
/// planner then picks the plans the query-plan tests check (statistics made it read the
/// list's first page through a filter index and sort it, 250 ms instead of 1), and STAT4
/// samples would make every cached statement whose plan looked at a bound value be
/// prepared again each time it runs with another value.
pub fn analyze_after_bulk_load(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        // Every table: one left out (`client_services`) had no statistics and was read
        // with a plan that cost the list 30 ms; `client_counts` holds a dead row version
        // per client loaded until vacuumed.
        DbConn::Pg(c) => c.batch_execute("VACUUM ANALYZE"),
        // The write-ahead log the load left is copied into the database file and emptied:
        // the server's first readers then find each page in one place, not by looking it
        // up in a log of thousands of frames. A reader holding the log (a server already
        // running on the file) leaves part of it; that is reported in the returned row,
        // not as an error, and costs only the speed of the first reads.
        DbConn::Sqlite(c) => c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)"),
    }
}

/// Advisory-lock keys, one per purpose.
pub mod locks {
    pub const SETUP: i64 = 0x436c_0001;
}

/// The current time as the database stores it: UTC, truncated to microseconds (PostgreSQL's
/// precision), so values read back compare equal on both backends.
pub fn now() -> chrono::NaiveDateTime {
    truncate_micros(chrono::Utc::now().naive_utc())
}

pub fn truncate_micros(t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let nanos = t.nanosecond() / 1_000 * 1_000;
    t.with_nanosecond(nanos).unwrap_or(t)
}

/// `%`, `_` and `\` escaped for a `LIKE … ESCAPE '\'` pattern.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The key names and company names are sorted and compared by: lower-cased in Rust, so that
/// SQLite (whose `lower()` is ASCII-only) and PostgreSQL agree, accents included.
pub fn sort_key(s: &str) -> String {
    s.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_wherever_the_url_has_them() {
        assert_eq!(
            redact_url("postgres://app:hunter2@db/clientele"),
            "postgres://app:***@db/clientele"
        );
        let shown = redact_url(
            "postgres://app@db/clientele?sslmode=require&password=hunter2&sslpassword=k3y",
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("k3y"),
            "{shown}"
        );
        assert!(shown.contains("sslmode=require"), "{shown}");
        assert_eq!(
            redact_url("postgres://db/clientele"),
            "postgres://db/clientele"
        );
    }

    #[test]
    fn a_wrong_database_is_definite_and_one_not_answering_yet_is_not() {
        for definite in [
            "FATAL:  database \"nope\" does not exist",
            "FATAL:  password authentication failed for user \"app\"",
            "FATAL:  role \"app\" does not exist",
            "FATAL:  no pg_hba.conf entry for host \"10.0.0.1\"",
            "Unable to open the database file",
            "invalid connection option \"foo\"",
        ] {
            assert!(is_definite_error(definite), "{definite}");
        }
        for passing in [
            "connection to server at \"127.0.0.1\", port 5432 failed: Connection refused",
            "could not connect to server: No such file or directory",
            "connection to server on socket \"/run/postgresql/.s.PGSQL.5432\" failed: No such file or directory",
            "FATAL:  the database system is not yet accepting connections",
            "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
            "SSL SYSCALL error: EOF detected",
            "FATAL:  the database system is starting up",
            "server closed the connection unexpectedly",
            "could not translate host name \"db\" to address",
            "FATAL:  sorry, too many clients already",
        ] {
            assert!(!is_definite_error(passing), "{passing}");
        }
    }

    #[test]
    fn the_password_goes_to_the_tools_as_libpq_reads_it() {
        for (url, password) in [
            ("postgres://app:hunter2@db/x", Some("hunter2")),
            ("postgres://app:12#34@db/x", Some("12#34")),
            ("postgres://app:p@ss:w@db/x", Some("p@ss:w")),
            ("postgres://app:p%40ss@db/x", Some("p@ss")),
            ("postgres://app@db/x?password=se%26cret", Some("se&cret")),
            ("postgres://app:url@db/x?password=query", Some("query")),
            ("postgres://app@db/x", None),
            ("postgres://db/x", None),
        ] {
            assert_eq!(password_of(url).as_deref(), password, "{url}");
        }
    }

    #[test]
    fn a_password_a_url_parser_misreads_is_still_left_out() {
        // libpq takes these; a URL parser reads `#…` as a fragment or refuses the URL.
        for (url, shown) in [
            ("postgres://app:12#34@db/x", "postgres://app@db/x"),
            ("postgres://app:pa?ss@db/x", "postgres://app@db/x"),
            ("postgres://app:p@ss:w@db/x", "postgres://app@db/x"),
            ("postgres://:pw@db/x", "postgres://db/x"),
            (
                "postgresql://app@db:5432/x?sslmode=require&Password=a%26b&pass%77ord=c",
                "postgresql://app@db:5432/x?sslmode=require",
            ),
            ("postgres://db/x?password=only", "postgres://db/x"),
            ("postgres://app@db/x", "postgres://app@db/x"),
            ("smtp://relay:587", "smtp://relay:587"),
        ] {
            let (removed, had) = without_secrets(url, None);
            assert_eq!(removed, shown, "{url}");
            assert_eq!(had, url != shown, "{url}");
        }
        assert_eq!(
            redact_url("postgres://app:12#34@db/x?password=z"),
            "postgres://app:***@db/x?password=***"
        );
        assert_eq!(
            redact_url("smtp://mailer:s3cr#t@relay:587"),
            "smtp://mailer:***@relay:587"
        );
        assert!(!redact_url("host=db password=x").contains("password=x"));
        assert_eq!(redact_url("/srv/a@b/clientele.db"), "/srv/a@b/clientele.db");
    }

    #[test]
    fn url_schemes_choose_the_backend() {
        let pg = DatabaseUrl::parse("postgres://u:secret@h/db").unwrap();
        assert_eq!(pg.backend, Backend::Postgres);
        assert!(!format!("{pg:?}").contains("secret"));
        let pg = DatabaseUrl::parse("postgresql://h/db").unwrap();
        assert_eq!(pg.backend, Backend::Postgres);
        let lite = DatabaseUrl::parse("sqlite://clientele.db").unwrap();
        assert_eq!(lite.backend, Backend::Sqlite);
        assert_eq!(lite.target, "clientele.db");
        assert_eq!(
            DatabaseUrl::parse("sqlite:/tmp/x.db").unwrap().target,
            "/tmp/x.db"
        );
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("clientele.db").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn sort_keys_fold_case_beyond_ascii() {
        assert_eq!(sort_key("  ÉCOLE Ünï "), "école ünï");
    }
}
