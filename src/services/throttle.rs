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
