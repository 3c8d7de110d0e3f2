//! "Forgot your password?": a single-use link, valid 1 hour, emailed to the address it
//! was asked for (built from `BASE_URL`), bound to that address; using it sets a new
//! password, ends every session of the user and clears the sign-in throttle of the
//! address. Asking answers the same whether or not the address has a user: the page does
//! not wait for this work (the handler runs [`request`] after answering), and no email
//! goes out for an unknown or disabled address.

use chrono::NaiveDateTime;

use crate::auth::tokens::{hash_token, new_token};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Email, EmailKind, outbox};
use crate::models::token::{self, NewToken, PURPOSE_PASSWORD_RESET};
use crate::models::user;
use crate::services::audit::{self, Actor, Changes};
use crate::services::{throttle, users};

/// How long a link to choose a new password works.
pub const RESET_LIFETIME: chrono::Duration = chrono::Duration::hours(1);
/// At most one email a minute for one address (a form sent again and again floods no one).
pub const RESEND_INTERVAL: chrono::Duration = chrono::Duration::minutes(1);

/// Emails a reset link to the user with this address, if there is one who is not
/// disabled; earlier links stop working. Returns whether an email was queued (for tests
/// and logs only: the page never says).
pub fn request(
    conn: &mut DbConn,
    email: &str,
    base_url: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    db::write_tx(conn, |conn| {
        let Some(u) = user::find_by_email(conn, email)? else {
            return Ok(false);
        };
        if u.disabled_at.is_some() {
            return Ok(false);
        }
        let last = token::latest_created_for_user(conn, PURPOSE_PASSWORD_RESET, u.id)?;
        if last.is_some_and(|at| at > now - RESEND_INTERVAL) {
            return Ok(false);
        }
        token::spend_all_of_user(conn, PURPOSE_PASSWORD_RESET, u.id, now)?;
        let secret = new_token();
        token::insert(
            conn,
            &NewToken {
                purpose: PURPOSE_PASSWORD_RESET,
                token_hash: &hash_token(&secret),
                user_id: Some(u.id),
                email: Some(&u.email),
                account_id: None,
                created_at: now,
                expires_at: now + RESET_LIFETIME,
            },
        )?;
        outbox::enqueue(
            conn,
            base_url,
            &Email {
                to: u.email.clone(),
                lang: Lang::from_code(&u.language),
                kind: EmailKind::PasswordReset {
                    first_name: u.first_name.clone(),
                    token: secret,
                },
                // No group's "Email problems" page lists it: it is the person's own.
                group_id: None,
            },
        )?;
        Ok(true)
    })
}

/// What a reset link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResetLink {
    Valid { user_id: i64, email: String },
    Used,
    Expired,
    Unknown,
}

pub fn link(conn: &mut DbConn, secret: &str) -> Result<ResetLink, AppError> {
    let Some(t) = token::find_by_hash(conn, PURPOSE_PASSWORD_RESET, &hash_token(secret))? else {
        return Ok(ResetLink::Unknown);
    };
    if t.used_at.is_some() {
        return Ok(ResetLink::Used);
    }
    if t.expires_at <= db::now() {
        return Ok(ResetLink::Expired);
    }
    let Some(user_id) = t.user_id else {
        return Ok(ResetLink::Unknown);
    };
    let Some(u) = user::find_by_email(conn, t.email.as_deref().unwrap_or_default())? else {
        return Ok(ResetLink::Unknown);
    };
    // Bound to the address it was sent to: a changed email (or a disabled user) voids it.
    if u.id != user_id || u.disabled_at.is_some() {
        return Ok(ResetLink::Unknown);
    }
    Ok(ResetLink::Valid {
        user_id,
        email: u.email,
    })
}

/// Spends the link and sets the new password: every session of the user ends and every
/// API token of theirs is revoked (the person may have lost control of the password).
pub fn reset(
    conn: &mut DbConn,
    secret: &str,
    password_hash: &str,
    ip: Option<String>,
) -> Result<ResetLink, AppError> {
    db::write_tx(conn, |conn| {
        let state = link(conn, secret)?;
        let ResetLink::Valid { user_id, ref email } = state else {
            return Ok(state);
        };
        let now = db::now();
        if !token::spend(conn, PURPOSE_PASSWORD_RESET, &hash_token(secret), now)? {
            return Ok(ResetLink::Used);
        }
        users::set_password(conn, user_id, password_hash, now)?;
        throttle::clear(conn, email)?;
        let actor = Actor::user(user_id, email, ip);
        audit::record(
            conn,
            &actor,
            None,
            None,
            "user.password_reset",
            &Changes::new(),
        )?;
        // Whoever had the password may have made tokens with it: they stop too.
        crate::services::api::revoke_all_tokens(conn, user_id, &actor)?;
        Ok(state)
    })
}

/// The job: links that expired an hour ago or more open nothing; remove them.
pub fn sweep(conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    token::delete_old(conn, PURPOSE_PASSWORD_RESET, now - RESET_LIFETIME)
}
