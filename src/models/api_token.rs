//! Personal API tokens: a person's named bearer tokens for the read-only JSON API. Only
//! the secret's SHA-256 is stored; a revoked token stays listed and opens nothing.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{api_tokens, users};
use crate::models::user::User;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewApiToken) -> QueryResult<i64> {
    diesel::insert_into(api_tokens::table)
        .values(new)
        .returning(api_tokens::id)
        .get_result(conn)
}

/// A person's tokens, newest first (revoked ones included).
pub fn of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<ApiToken>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order_by(api_tokens::id.desc())
        .select(ApiToken::as_select())
        .load(conn)
}

/// How many tokens a person has that still work.
pub fn live_count(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .count()
        .get_result(conn)
}

/// Revokes one of a person's tokens; true when it was live.
pub fn revoke(conn: &mut DbConn, user_id: i64, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every live token of a person; returns the names of those it revoked.
pub fn revoke_all(conn: &mut DbConn, user_id: i64, now: NaiveDateTime) -> QueryResult<Vec<String>> {
    let live = api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null());
    let names = live
        .order_by(api_tokens::id)
        .select(api_tokens::name)
        .load(conn)?;
    diesel::update(live)
        .set(api_tokens::revoked_at.eq(now))
        .execute(conn)?;
    Ok(names)
}

/// The name of one of a person's tokens (revoked or not); None when it is not theirs.
pub fn name_of(conn: &mut DbConn, user_id: i64, id: i64) -> QueryResult<Option<String>> {
    api_tokens::table
        .filter(api_tokens::id.eq(id))
        .filter(api_tokens::user_id.eq(user_id))
        .select(api_tokens::name)
        .first(conn)
        .optional()
}

/// The live token with this hash and its user (one query).
pub fn find_live(conn: &mut DbConn, hash: &str) -> QueryResult<Option<(ApiToken, User)>> {
    api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(hash))
        .filter(api_tokens::revoked_at.is_null())
        .select((ApiToken::as_select(), User::as_select()))
        .first(conn)
        .optional()
}

/// Notes a use, at most once a minute per token (a busy script does not write on every
/// request).
pub fn touch(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        api_tokens::table.filter(api_tokens::id.eq(id)).filter(
            api_tokens::last_used_at
                .is_null()
                .or(api_tokens::last_used_at.lt(now - chrono::Duration::minutes(1))),
        ),
    )
    .set(api_tokens::last_used_at.eq(now))
    .execute(conn)
}
