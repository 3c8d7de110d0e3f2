//! The sign-in throttle over the database ([`crate::auth::throttle`] is the rule): how long
//! an attempt must wait, recording failures, forgetting them on success, lifting the
//! current wait on an unlock (the failures stay, so the next lock is longer), and which of
//! a group's staff are locked out now.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};

use crate::auth::throttle::{self, EMAIL_LIMIT, IP_LIMIT, WINDOW};
use crate::db::DbConn;
use crate::error::AppError;
use crate::models::sign_in_failure::{self as rows, NewFailure};

/// More failures than this of one address change nothing (the delay is at its longest).
const EMAIL_ROWS: i64 = 20;

/// How long until an attempt for this address from this client address is heard (None:
/// now). Two indexed reads, whatever the history.
pub fn wait(
    conn: &mut DbConn,
    email: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<Option<Duration>, AppError> {
    let since = now - WINDOW;
    let by_email = rows::of_email(conn, email, since, EMAIL_ROWS)?;
    let by_ip = match ip {
        Some(ip) => rows::of_ip(conn, ip, since, IP_LIMIT as i64)?,
        None => Vec::new(),
    };
    // Only a locked address can have been unlocked: no third read below the limit.
    let unlocked = if by_email.len() >= EMAIL_LIMIT {
        rows::unlocked_at(conn, email)?
    } else {
        None
    };
    Ok(throttle::wait(&by_email, &by_ip, unlocked, now))
}

/// One sign-in attempt, heard or not: when the address (or the client's address) is
/// locked, how long it must wait; otherwise the attempt is counted as a failure *before*
/// the password is checked (a success clears it with [`clear`]), so that attempts sent in
/// parallel cannot all slip under the limit. Attempts on one address are taken one at a
/// time across instances (an advisory lock on PostgreSQL; SQLite's write transactions are
/// serialised).
pub fn attempt(
    conn: &mut DbConn,
    email: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<Option<Duration>, AppError> {
    crate::db::write_tx(conn, |conn| {
        crate::db::advisory_lock(conn, lock_key(email))?;
        if let Some(w) = wait(conn, email, ip, now)? {
            return Ok(Some(w));
        }
        failed(conn, email, ip, now)?;
        Ok(None)
    })
}

/// The advisory-lock key of an address's attempts.
fn lock_key(email: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("sign-in:{email}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().unwrap_or_default())
}

/// Records a failed sign-in for the typed address (known or not) from this client address.
pub fn failed(
    conn: &mut DbConn,
    email: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    rows::insert(conn, &NewFailure { email, ip, at: now })?;
    Ok(())
}

/// A success forgets the address's failures.
pub fn clear(conn: &mut DbConn, email: &str) -> Result<(), AppError> {
    rows::clear_email(conn, email)?;
    Ok(())
}

/// An unlock: the address's current wait is lifted at `now`; its failures stay. Taken
/// with the address's attempts' lock, so an unlock and an attempt never interleave.
pub fn unlock(conn: &mut DbConn, email: &str, now: NaiveDateTime) -> Result<(), AppError> {
    crate::db::write_tx(conn, |conn| {
        crate::db::advisory_lock(conn, lock_key(email))?;
        rows::set_unlocked(conn, email, now)?;
        Ok(())
    })
}

/// A lock the operator lifts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lock {
    /// An address typed at sign-in (lower-cased).
    Email(String),
    /// A client's address.
    Ip(String),
}

/// What an operator's unlock found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocked {
    Lifted,
    NotLocked,
}

/// `clientele unlock`: an address typed at sign-in gets its current wait lifted, as on the
/// Staff page (its failures still count); a client's address has its failures forgotten
/// as that address's (they still count for the addresses typed). Audited under the command
/// line, with no group (the lock is the installation's). Nothing locked: nothing changes.
pub fn unlock_by_operator(
    conn: &mut DbConn,
    lock: &Lock,
    now: NaiveDateTime,
    actor: &crate::services::audit::Actor,
) -> Result<Unlocked, AppError> {
    use crate::services::audit::{self, Changes};
    crate::db::write_tx(conn, |conn| {
        let (locked, action, changes) = match lock {
            Lock::Email(email) => (
                wait(conn, email, None, now)?.is_some(),
                "user.unlocked",
                Changes::new().field("user", serde_json::Value::Null, email.as_str()),
            ),
            Lock::Ip(ip) => (
                rows::of_ip(conn, ip, now - WINDOW, IP_LIMIT as i64)?.len() >= IP_LIMIT,
                "sign_in.address_unlocked",
                Changes::new().field("ip", serde_json::Value::Null, ip.as_str()),
            ),
        };
        if !locked {
            return Ok(Unlocked::NotLocked);
        }
        match lock {
            Lock::Email(email) => unlock(conn, email, now)?,
            Lock::Ip(ip) => {
                rows::forget_ip(conn, ip)?;
            }
        }
        audit::record(conn, actor, None, None, action, &changes)?;
        Ok(Unlocked::Lifted)
    })
}

/// Which of these addresses are locked now, with how long is left.
pub fn locked(
    conn: &mut DbConn,
    emails: &[String],
    now: NaiveDateTime,
) -> Result<HashMap<String, Duration>, AppError> {
    let mut out = HashMap::new();
    for (email, n) in rows::counts_of_emails(conn, emails, now - WINDOW)? {
        if n < EMAIL_LIMIT as i64 {
            continue;
        }
        if let Some(w) = wait(conn, &email, None, now)? {
            out.insert(email, w);
        }
    }
    Ok(out)
}

/// The job: failures older than the window count for nothing; remove them.
pub fn sweep(conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    rows::delete_older(conn, now - WINDOW)
}
