//! Single-use secret links (first-run setup, owner activation, password reset). Only the
//! token's hash is stored; a token is spent by one conditional UPDATE, so two requests
//! racing with the same link cannot both succeed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::tokens;

pub const PURPOSE_SETUP: &str = "setup";

#[derive(Insertable)]
#[diesel(table_name = tokens)]
pub struct NewToken<'a> {
    pub purpose: &'a str,
    pub token_hash: &'a str,
    pub user_id: Option<i64>,
    pub email: Option<&'a str>,
    pub account_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewToken) -> QueryResult<i64> {
    diesel::insert_into(tokens::table)
        .values(new)
        .returning(tokens::id)
        .get_result(conn)
}

/// Whether an unspent, unexpired token of that purpose has this hash.
pub fn is_valid(
    conn: &mut DbConn,
    purpose: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n: i64 = tokens::table
        .filter(tokens::purpose.eq(purpose))
        .filter(tokens::token_hash.eq(hash))
        .filter(tokens::used_at.is_null())
        .filter(tokens::expires_at.gt(now))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Spends the token: true only for the one caller that found it unspent and unexpired.
pub fn spend(
    conn: &mut DbConn,
    purpose: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        tokens::table
            .filter(tokens::purpose.eq(purpose))
            .filter(tokens::token_hash.eq(hash))
            .filter(tokens::used_at.is_null())
            .filter(tokens::expires_at.gt(now)),
    )
    .set(tokens::used_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn delete_purpose(conn: &mut DbConn, purpose: &str) -> QueryResult<usize> {
    diesel::delete(tokens::table.filter(tokens::purpose.eq(purpose))).execute(conn)
}

/// Removes expired setup tokens (other purposes keep their rows for their own jobs).
pub fn delete_expired_setup(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        tokens::table
            .filter(tokens::purpose.eq(PURPOSE_SETUP))
            .filter(tokens::expires_at.le(now)),
    )
    .execute(conn)
}

pub const PURPOSE_ACTIVATION: &str = "activation";
/// A link, sent to a user's current address, to confirm a new one (`/email-change/{token}`).
pub const PURPOSE_EMAIL_CHANGE: &str = "email_change";
/// A link, sent to the new address once the change was approved, that proves the person
/// receives mail there (`/email-change/{token}`).
pub const PURPOSE_EMAIL_CONFIRM: &str = "email_confirm";
/// A link to choose a new password (`/password/reset/{token}`).
pub const PURPOSE_PASSWORD_RESET: &str = "password_reset";
/// How long an owner's activation link is valid; an owner not activated by then is removed.
pub const ACTIVATION_LIFETIME: chrono::Duration = chrono::Duration::days(14);

/// A token row, to tell an unknown link from a used or expired one.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tokens)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct TokenRow {
    pub id: i64,
    pub user_id: Option<i64>,
    pub account_id: Option<i64>,
    pub email: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn find_by_hash(conn: &mut DbConn, purpose: &str, hash: &str) -> QueryResult<Option<TokenRow>> {
    tokens::table
        .filter(tokens::purpose.eq(purpose))
        .filter(tokens::token_hash.eq(hash))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}

/// Voids the unspent tokens of a purpose for a user in an account (a resend replaces them).
pub fn void_for(
    conn: &mut DbConn,
    purpose: &str,
    user_id: i64,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        tokens::table
            .filter(tokens::purpose.eq(purpose))
            .filter(tokens::user_id.eq(user_id))
            .filter(tokens::account_id.eq(account_id))
            .filter(tokens::used_at.is_null())
            .filter(tokens::expires_at.gt(now)),
    )
    .set(tokens::expires_at.eq(now))
    .execute(conn)
}

/// The newest token of a purpose for each (user, account), with its expiry.
pub fn latest_for(
    conn: &mut DbConn,
    purpose: &str,
    user_id: i64,
    account_id: i64,
) -> QueryResult<Option<TokenRow>> {
    tokens::table
        .filter(tokens::purpose.eq(purpose))
        .filter(tokens::user_id.eq(user_id))
        .filter(tokens::account_id.eq(account_id))
        .order_by((tokens::created_at.desc(), tokens::id.desc()))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}

/// Marks every open token of a purpose held by a user as used (activating with one link
/// voids the others: owner of two clients, or a resend race).
pub fn spend_all_of_user(
    conn: &mut DbConn,
    purpose: &str,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        tokens::table
            .filter(tokens::purpose.eq(purpose))
            .filter(tokens::user_id.eq(user_id))
            .filter(tokens::used_at.is_null()),
    )
    .set(tokens::used_at.eq(now))
    .execute(conn)
}

/// When the newest token of a purpose was made for a user (any account).
pub fn latest_created_for_user(
    conn: &mut DbConn,
    purpose: &str,
    user_id: i64,
) -> QueryResult<Option<NaiveDateTime>> {
    tokens::table
        .filter(tokens::purpose.eq(purpose))
        .filter(tokens::user_id.eq(user_id))
        .order_by((tokens::created_at.desc(), tokens::id.desc()))
        .select(tokens::created_at)
        .first(conn)
        .optional()
}

/// Removes spent or expired tokens of a purpose older than `before` (they open nothing).
pub fn delete_old(conn: &mut DbConn, purpose: &str, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        tokens::table
            .filter(tokens::purpose.eq(purpose))
            .filter(tokens::expires_at.le(before)),
    )
    .execute(conn)
}

/// The user's open (unspent, unexpired) token of a purpose for an account, newest first.
pub fn open_for(
    conn: &mut DbConn,
    purpose: &str,
    user_id: i64,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<Option<TokenRow>> {
    tokens::table
        .filter(tokens::purpose.eq(purpose))
        .filter(tokens::user_id.eq(user_id))
        .filter(tokens::account_id.eq(account_id))
        .filter(tokens::used_at.is_null())
        .filter(tokens::expires_at.gt(now))
        .order_by((tokens::created_at.desc(), tokens::id.desc()))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}
