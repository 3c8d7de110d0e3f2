//! First run: while no user exists, `/setup` makes the first group and its owner. It needs
//! a one-time token printed at start-up (only its hash is stored), so that whoever reaches
//! a fresh instance first over the network cannot take it over.

use diesel::prelude::*;

use crate::auth::tokens::{hash_token, new_token};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::models::token::{self, NewToken, PURPOSE_SETUP};
use crate::models::user;
use crate::services::audit::Actor;
use crate::services::groups::{self, GroupCreated, NewGroupInput};

/// How long a printed set-up link stays valid.
pub const SETUP_TOKEN_LIFETIME: chrono::Duration = chrono::Duration::hours(24);

/// Whether the instance still waits for its first user.
pub fn is_needed(conn: &mut DbConn) -> QueryResult<bool> {
    Ok(!user::any(conn)?)
}

/// Issues a set-up token when no user exists yet; returns it (to print) or None.
pub fn issue_token_if_needed(conn: &mut DbConn) -> QueryResult<Option<String>> {
    db::write_tx(conn, |conn| {
        if !is_needed(conn)? {
            return Ok(None);
        }
        let now = db::now();
        let secret = new_token();
        token::insert(
            conn,
            &NewToken {
                purpose: PURPOSE_SETUP,
                token_hash: &hash_token(&secret),
                user_id: None,
                email: None,
                account_id: None,
                created_at: now,
                expires_at: now + SETUP_TOKEN_LIFETIME,
            },
        )?;
        Ok(Some(secret))
    })
}

pub fn token_is_valid(conn: &mut DbConn, secret: &str) -> QueryResult<bool> {
    token::is_valid(conn, PURPOSE_SETUP, &hash_token(secret.trim()), db::now())
}

pub enum SetupOutcome {
    Done(GroupCreated),
    /// Someone finished the set-up first.
    AlreadyDone,
    /// The token is unknown, used or expired.
    BadToken,
}

/// Spends the token and makes the first group and owner, in one transaction.
pub fn complete(
    conn: &mut DbConn,
    secret: &str,
    input: &NewGroupInput,
) -> Result<SetupOutcome, AppError> {
    db::write_tx(conn, |conn| {
        db::advisory_lock(conn, db::locks::SETUP)?;
        if !is_needed(conn)? {
            return Ok(SetupOutcome::AlreadyDone);
        }
        if !token::spend(conn, PURPOSE_SETUP, &hash_token(secret.trim()), db::now())? {
            return Ok(SetupOutcome::BadToken);
        }
        let created = groups::create_group(conn, input, &Actor::default())?;
        token::delete_purpose(conn, PURPOSE_SETUP)?;
        Ok(SetupOutcome::Done(created))
    })
}
