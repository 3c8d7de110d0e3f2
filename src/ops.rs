//! Running it in production (issue 18): `clientele backup`, `restore` and `check`.
//!
//! **Backups of SQLite** are taken with `VACUUM INTO` while the server keeps serving: it
//! reads the database inside one read transaction, so the copy is the database as of one
//! instant (every write committed before the backup started is in it, none half), and in
//! WAL mode writers go on meanwhile. The copy is written beside the target under a
//! temporary name, checked (`PRAGMA integrity_check`) and only then given its name: a
//! backup that fails leaves no file that looks like one. An existing file is never
//! overwritten (yesterday's backup is not today's scratch space).
//!
//! **Restores** refuse while a server holds the database: `serve` holds a shared lock on
//! `<database>-serve.lock` for as long as it runs (an advisory `flock`, released by the
//! system when the process ends, however it ends), and `restore` must take it exclusively.
//! The backup is checked first (integrity, made by this version or an older one); the
//! database it replaces is kept as `<database>.before-restore-<time>`.
//!
//! **PostgreSQL** has its own tools: both commands print the `pg_dump` / `pg_restore` line
//! for `DATABASE_URL` and exit non-zero, since they did not make or restore anything.

use std::fs::File;
use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::config::Config;
use crate::db::{Backend, DatabaseUrl};

/// The lock `serve` holds on a SQLite database while it runs (see the module).
pub struct ServeLock(#[allow(dead_code)] File);

fn lock_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-serve.lock");
    PathBuf::from(p)
}

fn open_lock(db: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(db))
}

/// Taken by `serve` on SQLite: many servers may share a database file, a restore may not.
pub fn hold_while_serving(url: &DatabaseUrl) -> Result<Option<ServeLock>, String> {
    let Some(db) = url.sqlite_file() else {
        return Ok(None);
    };
    let file =
        open_lock(db).map_err(|e| format!("cannot open {}: {e}", lock_path(db).display()))?;
    let locked = match file.try_lock_shared() {
        Err(std::fs::TryLockError::WouldBlock) => {
            // Only a restore holds it exclusively: start on the restored database.
            tracing::warn!("a restore of {} is under way; waiting for it", db.display());
            file.lock_shared()
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
        Ok(()) => Ok(()),
    };
    locked.map_err(|e| format!("cannot lock {}: {e}", lock_path(db).display()))?;
    Ok(Some(ServeLock(file)))
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// What a checked SQLite copy holds.
#[derive(Debug)]
pub struct Checked {
    pub bytes: u64,
    pub clients: i64,
    /// The migrations it had applied, by version.
    pub migrations: Vec<String>,
}

fn open(path: &Path) -> Result<SqliteConnection, String> {
    let mut c = SqliteConnection::establish(&path.to_string_lossy())
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    diesel::sql_query("PRAGMA busy_timeout = 5000")
        .execute(&mut c)
        .map_err(|e| e.to_string())?;
    Ok(c)
}

/// Opens a SQLite file that is a Clientele database, checks it and counts its clients.
pub fn check_copy(path: &Path) -> Result<Checked, String> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    let mut c = open(path)?;
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut c)
        .map_err(|e| format!("{} is not a SQLite database: {e}", path.display()))?;
    if lines.len() != 1 || lines[0].integrity_check != "ok" {
        let found: Vec<_> = lines
            .into_iter()
            .take(3)
            .map(|l| l.integrity_check)
            .collect();
        return Err(format!(
            "{} failed its integrity check: {}",
            path.display(),
            found.join("; ")
        ));
    }
    let migrations = crate::db::applied_migrations_of(&mut c)
        .map_err(|e| format!("{} is not a Clientele database: {e}", path.display()))?;
    let clients: Count = diesel::sql_query("SELECT count(*) AS n FROM accounts WHERE kind = ?")
        .bind::<Text, _>(crate::models::account::KIND_CLIENT)
        .get_result(&mut c)
        .map_err(|e| format!("{} is not a Clientele database: {e}", path.display()))?;
    Ok(Checked {
        bytes,
        clients: clients.n,
        migrations,
    })
}

/// The command line for PostgreSQL's own tool, `DATABASE_URL`'s password left out (given
/// as `PGPASSWORD`, so it is not shown to everyone who can list processes).
fn pg_line(url: &str, tool: &str, file: &Path) -> String {
    let (shown, has_password) = match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(None);
            (u.to_string(), true)
        }
        _ => (url.to_owned(), false),
    };
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let file = quote(&file.to_string_lossy());
    let line = match tool {
        "pg_dump" => format!(
            "pg_dump --format=custom --file={file} --dbname={}",
            quote(&shown)
        ),
        _ => format!(
            "pg_restore --clean --if-exists --no-owner --single-transaction --dbname={} {file}",
            quote(&shown)
        ),
    };
    if has_password {
        format!("PGPASSWORD=<the password in DATABASE_URL> {line}")
    } else {
        line
    }
}

fn sqlite_file(config: &Config) -> Result<&Path, String> {
    config
        .database
        .sqlite_file()
        .ok_or_else(|| "DATABASE_URL: an in-memory database has nothing to back up".to_owned())
}

/// A sibling of `path` with `suffix` added to its name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// `clientele backup --to FILE`: see the module. Returns what the copy holds.
pub fn backup(config: &Config, to: &Path) -> Result<Checked, String> {
    if config.database.backend == Backend::Postgres {
        return Err(format!(
            "DATABASE_URL is PostgreSQL: back it up with PostgreSQL's own tool, e.g. {}",
            pg_line(&config.database.target, "pg_dump", to)
        ));
    }
    let db = sqlite_file(config)?;
    if !db.exists() {
        return Err(format!("DATABASE_URL: {} does not exist", db.display()));
    }
    if to.exists() {
        return Err(format!(
            "--to: {} exists; a backup never overwrites a file",
            to.display()
        ));
    }
    let partial = beside(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    let made = (|| {
        let mut live = open(db)?;
        diesel::sql_query("VACUUM INTO ?")
            .bind::<Text, _>(partial.to_string_lossy())
            .execute(&mut live)
            .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        drop(live);
        let checked = check_copy(&partial)?;
        File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| e.to_string())?;
        std::fs::rename(&partial, to).map_err(|e| format!("{}: {e}", to.display()))?;
        Ok(checked)
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    made
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub checked: Checked,
    /// Where the database that was replaced is kept (None: there was none).
    pub kept: Option<PathBuf>,
}

/// `clientele restore --from FILE`: see the module.
pub fn restore(config: &Config, from: &Path) -> Result<Restored, String> {
    if config.database.backend == Backend::Postgres {
        return Err(format!(
            "DATABASE_URL is PostgreSQL: restore a pg_dump file with PostgreSQL's own tool, e.g. {}",
            pg_line(&config.database.target, "pg_restore", from)
        ));
    }
    let db = sqlite_file(config)?;
    if !from.is_file() {
        return Err(format!("--from: {} is not a file", from.display()));
    }
    let checked = check_copy(from).map_err(|e| format!("--from: {e}"))?;
    let known = crate::db::migration_versions(Backend::Sqlite);
    if let Some(newer) = checked.migrations.iter().find(|v| !known.contains(v)) {
        return Err(format!(
            "--from: the backup was made by a newer Clientele (migration {newer}); restore it with that version"
        ));
    }
    let lock = open_lock(db).map_err(|e| format!("DATABASE_URL: {e}"))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(format!(
                "DATABASE_URL: a running server holds {}; stop it (every instance) before restoring",
                db.display()
            ));
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(format!("cannot lock {}: {e}", lock_path(db).display()));
        }
    }
    let kept = if db.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let keep = beside(db, &format!(".before-restore-{stamp}"));
        let mut live = open(db)?;
        diesel::sql_query("VACUUM INTO ?")
            .bind::<Text, _>(keep.to_string_lossy())
            .execute(&mut live)
            .map_err(|e| {
                format!(
                    "cannot keep the current database as {}: {e}",
                    keep.display()
                )
            })?;
        Some(keep)
    } else {
        None
    };
    let incoming = beside(db, ".restoring");
    std::fs::copy(from, &incoming)
        .and_then(|_| File::open(&incoming)?.sync_all())
        .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    // The old database's write-ahead log and index belong to it, not to the copy.
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(beside(db, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot remove {}{suffix}: {e}", db.display()));
            }
            _ => {}
        }
    }
    std::fs::rename(&incoming, db).map_err(|e| format!("{}: {e}", db.display()))?;
    drop(lock);
    Ok(Restored { checked, kept })
}

/// One finding of `clientele check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Ok(String),
    Warn(String),
    Fail(String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Ok(m) => write!(f, "ok    {m}"),
            Finding::Warn(m) => write!(f, "warn  {m}"),
            Finding::Fail(m) => write!(f, "FAIL  {m}"),
        }
    }
}

/// Sizes as people read them: `812 B`, `3.4 KiB`, `1.2 GiB`.
pub fn human_bytes(bytes: i64) -> String {
    let mut value = bytes as f64;
    for unit in ["B", "KiB", "MiB", "GiB"] {
        if value < 1024.0 || unit == "GiB" {
            return if unit == "B" {
                format!("{bytes} B")
            } else {
                format!("{value:.1} {unit}")
            };
        }
        value /= 1024.0;
    }
    unreachable!()
}

/// The settings' findings (they were valid, or `check` would not be here).
pub fn check_settings(config: &Config) -> Vec<Finding> {
    let mut found = vec![Finding::Ok("settings: every setting is valid".to_owned())];
    if !config.is_https() {
        found.push(Finding::Warn(format!(
            "BASE_URL: {} is not https: session cookies go without the Secure flag (fine on a workstation, not on the internet)",
            config.base_url
        )));
    }
    if config.session_key.is_none() {
        found.push(Finding::Warn(
            "SESSION_KEY: not set; a key file beside the database is used (made at the first start); set it when several instances serve"
                .to_owned(),
        ));
    }
    if config.metrics_token.is_none() {
        found.push(Finding::Ok(
            "METRICS_TOKEN: not set; /metrics is off".to_owned(),
        ));
    }
    found
}

/// Reaches the database without changing it: its kind, size and migrations.
pub fn check_database(config: &Config) -> Finding {
    let target = crate::db::redact_url(&config.database.target);
    if let Some(file) = config.database.sqlite_file()
        && !file.exists()
    {
        return Finding::Warn(format!(
            "database: {} does not exist yet; serve or migrate makes it",
            file.display()
        ));
    }
    let facts = crate::db::connect(&config.database, 1, config.db_timeout)
        .and_then(|pool| pool.get().map_err(|e| e.to_string()))
        .and_then(|mut conn| crate::db::facts(&mut conn));
    match facts {
        Err(e) => Finding::Fail(format!("DATABASE_URL: cannot reach {target}: {e}")),
        Ok(f) => {
            let line = format!(
                "database: {} {target}, {}, {} migrations applied",
                f.backend.name(),
                human_bytes(f.size_bytes),
                f.migrations_applied
            );
            if f.migrations_pending > 0 {
                Finding::Warn(format!(
                    "{line}, {} pending (serve or migrate applies them)",
                    f.migrations_pending
                ))
            } else {
                Finding::Ok(line)
            }
        }
    }
}
