//! Running it in production (issue 18): `clientele backup`, `restore` and `check`.
//!
//! **Backups of SQLite** are taken with `VACUUM INTO` while the server keeps serving: it
//! reads the database inside one read transaction, so the copy is the database as of one
//! instant (every write committed before the backup started is in it, none half), and in
//! WAL mode writers go on meanwhile. The copy is written beside the target under a
//! temporary name of this process, into a file only its owner can read (it holds password
//! hashes), checked (`PRAGMA integrity_check`, and that it is a Clientele database),
//! flushed, and only then given its name — by a link, which fails if the name was taken
//! meanwhile: a file with the name is a whole, checked backup, and an existing file is never
//! overwritten (yesterday's backup is not today's scratch space).
//!
//! **Restores** refuse while anything holds the database: `serve` and every other command
//! that opens it hold a shared lock on `<database>-serve.lock` for as long as they run (an
//! advisory `flock`, released by the system when the process ends, however it ends), and
//! `restore` must take it exclusively. The backup is copied beside the database first and
//! the copy is what is checked (integrity, a Clientele database, made by this version or an
//! older one) and then renamed into place: the file given is never written to, and a restore
//! that fails leaves the database as it was. The database it replaces is kept as
//! `<database>.before-restore-<time>` (byte for byte when it is too damaged to be read).
//!
//! **PostgreSQL** has its own tools: when `pg_dump` / `pg_restore` are installed, `backup`
//! and `restore` run them ([`pg_backup`], [`pg_restore`]: a dump only its owner reads,
//! never over an existing file; a restore in one transaction) and exit 0; otherwise they
//! print the line to run ([`pg_line`]) and exit non-zero, since they did nothing.

use std::fs::File;
use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::config::Config;
use crate::db::{Backend, DatabaseUrl};

/// The lock held on a SQLite database by every process that uses it (see the module).
pub struct DatabaseLock(#[allow(dead_code)] File);

fn lock_path(db: &Path) -> PathBuf {
    beside(db, "-serve.lock")
}

/// The lock file, read-only when it exists (`flock` needs no write access: a lock file
/// another user made still works), made when it does not.
fn open_lock(db: &Path) -> std::io::Result<File> {
    match File::open(lock_path(db)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path(db)),
        opened => opened,
    }
}

/// Taken by `serve` and every command that opens a SQLite database (all but `restore`,
/// which needs it alone, and `check`, which only looks): many may share the file, a restore
/// may not replace it under them. One that starts while a restore runs waits for it, then
/// opens the restored file.
pub fn hold_while_open(url: &DatabaseUrl) -> Result<Option<DatabaseLock>, String> {
    let Some(db) = url.sqlite_file() else {
        return Ok(None);
    };
    let file =
        open_lock(db).map_err(|e| format!("cannot open {}: {e}", lock_path(db).display()))?;
    let locked = match file.try_lock_shared() {
        Err(std::fs::TryLockError::WouldBlock) => {
            // Only a restore holds it exclusively.
            tracing::warn!("a restore of {} is under way; waiting for it", db.display());
            file.lock_shared()
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
        Ok(()) => Ok(()),
    };
    locked.map_err(|e| format!("cannot lock {}: {e}", lock_path(db).display()))?;
    Ok(Some(DatabaseLock(file)))
}

/// The exclusive lock a process holds on a SQLite database while it migrates it (a file
/// beside it, `<database>-migrate.lock`): several `serve` or `migrate` started at once take
/// turns, each finding what the one before applied. None for PostgreSQL (an advisory lock
/// there, `db::run_migrations`).
pub fn hold_for_migrations(url: &DatabaseUrl) -> Result<Option<DatabaseLock>, String> {
    let Some(db) = url.sqlite_file() else {
        return Ok(None);
    };
    let path = beside(db, "-migrate.lock");
    // Read-only when it exists (a lock file another user made still works), made when not.
    let file = match File::open(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path),
        opened => opened,
    }
    .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let cannot = |e: std::io::Error| format!("cannot lock {}: {e}", path.display());
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            tracing::info!("another process is migrating the database; waiting for it");
            file.lock().map_err(cannot)?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
    }
    Ok(Some(DatabaseLock(file)))
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

/// Checks a SQLite file that should be a Clientele database (a copy this process made: it
/// is opened as any database is) and counts its clients. Nothing is written to it.
pub fn check_copy(path: &Path) -> Result<Checked, String> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    let mut c = open(path)?;
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut c)
        .map_err(|e| format!("not a SQLite database: {e}"))?;
    if lines.len() != 1 || lines[0].integrity_check != "ok" {
        let found: Vec<_> = lines
            .into_iter()
            .take(3)
            .map(|l| l.integrity_check)
            .collect();
        return Err(format!(
            "it failed its integrity check: {}",
            found.join("; ")
        ));
    }
    let migrations = crate::db::applied_migrations_of(&mut c)
        .map_err(|e| format!("not a Clientele database: {e}"))?;
    let clients: Count = diesel::sql_query("SELECT count(*) AS n FROM accounts WHERE kind = ?")
        .bind::<Text, _>(crate::models::account::KIND_CLIENT)
        .get_result(&mut c)
        .map_err(|e| format!("not a Clientele database: {e}"))?;
    Ok(Checked {
        bytes,
        clients: clients.n,
        migrations,
    })
}

/// Whether `DATABASE_URL` is PostgreSQL: then `backup` and `restore` print the line of
/// PostgreSQL's own tool for it (see [`pg_line`]) instead.
pub fn is_postgres(config: &Config) -> bool {
    config.database.backend == Backend::Postgres
}

/// Whether PostgreSQL's own tool is installed here (on the `PATH`).
pub fn pg_tool_installed(tool: PgTool) -> bool {
    std::process::Command::new(tool.program())
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `backup` on PostgreSQL, `pg_dump` installed: a custom-format dump of `DATABASE_URL`
/// written under a scratch name into a file only its owner reads (0600: it holds password
/// hashes), flushed, and given its name only if the name is still free (a link), as the
/// SQLite backup is; the password goes to the tool as `PGPASSWORD`, never on its command
/// line. Returns the dump's size.
pub fn pg_backup(config: &Config, to: &Path) -> Result<u64, String> {
    write_backup(to, |partial| {
        new_private_file(partial, 0o600)?;
        let out = std::fs::OpenOptions::new()
            .write(true)
            .open(partial)
            .map_err(|e| format!("cannot open {}: {e}", partial.display()))?;
        let (url, _) = crate::db::without_secrets(&config.database.target, None);
        run_pg_tool(
            config,
            PgTool::Dump,
            &["--format=custom", &format!("--dbname={url}")],
            std::process::Stdio::from(out.try_clone().map_err(|e| e.to_string())?),
        )?;
        out.sync_all().map_err(|e| e.to_string())?;
        Ok(out.metadata().map_err(|e| e.to_string())?.len())
    })
}

/// Writes a backup to `to` as both backups do: `write` fills this process's own scratch
/// name beside it (two backups to one name do not meet), flushed; then the file gets its
/// name only if the name is still free (a link fails where a rename would replace), and
/// the scratch name goes either way. An existing file is never overwritten.
fn write_backup<T>(to: &Path, write: impl FnOnce(&Path) -> Result<T, String>) -> Result<T, String> {
    let taken = || {
        format!(
            "--to: {} exists; a backup never overwrites a file",
            to.display()
        )
    };
    if to.exists() {
        return Err(taken());
    }
    let partial = beside(to, &format!(".partial-{}", std::process::id()));
    let made = (|| {
        let written = write(&partial)?;
        match std::fs::hard_link(&partial, to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(taken()),
            // A file system without links: a copy into a new file, which cannot replace
            // one made meanwhile either.
            Err(_) => copy_to_new_file(&partial, to, 0o600)
                .map_err(|e| if to.exists() { taken() } else { e })?,
        }
        sync_dir_of(to);
        Ok(written)
    })();
    let _ = std::fs::remove_file(&partial);
    made
}

/// `restore` on PostgreSQL, `pg_restore` installed: the dump restored into `DATABASE_URL`
/// in one transaction (`--clean --if-exists --no-owner --single-transaction`): a failure
/// leaves the database as it was. Every instance must be stopped first (as for SQLite).
pub fn pg_restore(config: &Config, from: &Path) -> Result<(), String> {
    if !from.is_file() {
        return Err(format!("--from: {} is not a file", from.display()));
    }
    let (url, _) = crate::db::without_secrets(&config.database.target, None);
    run_pg_tool(
        config,
        PgTool::Restore,
        &[
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            &format!("--dbname={url}"),
            "--",
            &from.to_string_lossy(),
        ],
        std::process::Stdio::null(),
    )
}

/// Runs `tool` with `args`, its output to `stdout`, the password as `PGPASSWORD`; its own
/// words on failure.
fn run_pg_tool(
    config: &Config,
    tool: PgTool,
    args: &[&str],
    stdout: std::process::Stdio,
) -> Result<(), String> {
    let mut cmd = std::process::Command::new(tool.program());
    cmd.args(args)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped());
    if let Some(password) = crate::db::password_of(&config.database.target) {
        cmd.env("PGPASSWORD", password);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", tool.program()))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            tool.program(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(())
}

/// The command line of PostgreSQL's own tool for `DATABASE_URL`, ready to paste, and
/// whether a password was left out of it (not shown to everyone who can list processes or
/// read the terminal: given as `PGPASSWORD` or in `~/.pgpass`). Every argument is quoted
/// for the shell; the file comes after `--`.
pub fn pg_line(config: &Config, tool: PgTool, file: &Path) -> (String, bool) {
    let url = &config.database.target;
    let (shown, had_password) = crate::db::without_secrets(url, None);
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let file = quote(&file.to_string_lossy());
    let line = match tool {
        PgTool::Dump => format!(
            "pg_dump --format=custom --dbname={} --file={file}",
            quote(&shown)
        ),
        PgTool::Restore => format!(
            "pg_restore --clean --if-exists --no-owner --single-transaction --dbname={} -- {file}",
            quote(&shown)
        ),
    };
    (line, had_password)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PgTool {
    Dump,
    Restore,
}

impl PgTool {
    pub fn program(self) -> &'static str {
        match self {
            PgTool::Dump => "pg_dump",
            PgTool::Restore => "pg_restore",
        }
    }
}

fn sqlite_file(config: &Config) -> Result<&Path, String> {
    if is_postgres(config) {
        return Err("DATABASE_URL is PostgreSQL: use pg_dump and pg_restore".to_owned());
    }
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

/// A new empty file only its owner reads (backups hold password hashes and secrets); it
/// must not exist yet. `VACUUM INTO` writes into an empty file.
fn new_private_file(path: &Path, mode: u32) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    options
        .open(path)
        .map(drop)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))
}

/// `from`'s bytes in a new file `to` (which must not exist yet), flushed to disk; a
/// failure removes the part written.
fn copy_to_new_file(from: &Path, to: &Path, mode: u32) -> Result<(), String> {
    let mut src = File::open(from).map_err(|e| format!("{}: {e}", from.display()))?;
    new_private_file(to, mode)?;
    let copied = std::fs::OpenOptions::new()
        .write(true)
        .open(to)
        .and_then(|mut dst| {
            std::io::copy(&mut src, &mut dst)?;
            dst.sync_all()
        })
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()));
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

/// The permission bits of an existing file (0600 when unknown).
fn mode_of(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0o600
    }
}

/// A rename or a new name made durable: the directory's entry is flushed too.
fn sync_dir_of(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// `VACUUM INTO` a new private file: the database as of one instant, its write-ahead log
/// included.
fn vacuum_into(db: &Path, into: &Path) -> Result<(), String> {
    new_private_file(into, 0o600)?;
    // From here the file is this call's own: a failure removes it (and only it).
    let written = open(db).and_then(|mut live| {
        diesel::sql_query("VACUUM INTO ?")
            .bind::<Text, _>(into.to_string_lossy())
            .execute(&mut live)
            .map(drop)
            .map_err(|e| format!("cannot write {}: {e}", into.display()))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(into);
    }
    written
}

/// `clientele backup --to FILE`: see the module. Returns what the copy holds.
pub fn backup(config: &Config, to: &Path) -> Result<Checked, String> {
    let db = sqlite_file(config)?;
    if !db.exists() {
        return Err(format!("DATABASE_URL: {} does not exist", db.display()));
    }
    write_backup(to, |partial| {
        vacuum_into(db, partial)?;
        let checked = check_copy(partial).map_err(|e| format!("the copy is not sound: {e}"))?;
        File::open(partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| e.to_string())?;
        Ok(checked)
    })
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub checked: Checked,
    /// Where the database that was replaced is kept (None: there was none).
    pub kept: Option<PathBuf>,
}

/// Keeps the database a restore replaces: a `VACUUM INTO` copy, or, when the database is
/// too damaged to be read (which may be why it is restored), its bytes and its write-ahead
/// log as they are.
fn keep_current(db: &Path) -> Result<PathBuf, String> {
    // A name no earlier restore used (two in one second get `-2`, `-3`, …): a kept
    // database is never replaced. The restore holds the lock: nobody else makes one.
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let keep = (1..)
        .map(|n| match n {
            1 => beside(db, &format!(".before-restore-{stamp}")),
            n => beside(db, &format!(".before-restore-{stamp}-{n}")),
        })
        .find(|p| !p.exists() && !beside(p, "-wal").exists())
        .expect("a free name");
    if let Err(e) = vacuum_into(db, &keep) {
        tracing::warn!(error = %e, "the current database cannot be read; kept byte for byte");
        copy_to_new_file(db, &keep, 0o600)?;
        let wal = beside(db, "-wal");
        if wal.exists()
            && let Err(e) = copy_to_new_file(&wal, &beside(&keep, "-wal"), 0o600)
        {
            let _ = std::fs::remove_file(&keep);
            return Err(e);
        }
    }
    Ok(keep)
}

/// `clientele restore --from FILE`: see the module.
pub fn restore(config: &Config, from: &Path) -> Result<Restored, String> {
    let db = sqlite_file(config)?;
    if !from.is_file() {
        return Err(format!("--from: {} is not a file", from.display()));
    }
    let lock = open_lock(db)
        .map_err(|e| format!("DATABASE_URL: cannot open {}: {e}", lock_path(db).display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(format!(
                "DATABASE_URL: a running server or command holds {}; stop it (every instance) before restoring",
                db.display()
            ));
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(format!("cannot lock {}: {e}", lock_path(db).display()));
        }
    }
    // The copy is what is checked and installed (the file given may change meanwhile,
    // and is never written to).
    let incoming = beside(db, ".restoring");
    let _ = std::fs::remove_file(&incoming);
    let restored = (|| {
        let mode = if db.exists() { mode_of(db) } else { 0o600 };
        copy_to_new_file(from, &incoming, mode).map_err(|e| format!("--from: {e}"))?;
        let checked = check_copy(&incoming)
            .map_err(|e| format!("--from: {} is not a backup: {e}", from.display()))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(beside(&incoming, suffix));
        }
        let known = crate::db::migration_versions(Backend::Sqlite);
        if let Some(newer) = checked.migrations.iter().find(|v| !known.contains(v)) {
            return Err(format!(
                "--from: the backup was made by a newer Clientele (migration {newer}); restore it with that version"
            ));
        }
        let kept = if db.exists() {
            Some(keep_current(db)?)
        } else {
            None
        };
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
        sync_dir_of(db);
        Ok(Restored { checked, kept })
    })();
    if restored.is_err() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(beside(&incoming, suffix));
        }
    }
    drop(lock);
    restored
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
            "SESSION_KEY: not set; a key file is used (made at the first start: beside a SQLite database, else in the working folder); set it when several instances serve"
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
        // A first start makes it, in a folder that must be there (a typo or a volume not
        // mounted is a failure, not a first start).
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let writable =
            std::fs::metadata(dir).is_ok_and(|m| m.is_dir() && !m.permissions().readonly());
        return if writable {
            Finding::Warn(format!(
                "database: {} does not exist yet; serve or migrate makes it",
                file.display()
            ))
        } else {
            Finding::Fail(format!(
                "DATABASE_URL: {} does not exist, and its folder {} is missing or read-only",
                file.display(),
                dir.display()
            ))
        };
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
