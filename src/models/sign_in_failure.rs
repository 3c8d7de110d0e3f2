//! Failed sign-ins, one row each: the typed address (lower-cased, whether or not it has a
//! user) and the client's address. The throttle reads those of the last minutes; a
//! success clears the address's rows; the job removes old ones. Beside them, the last
//! unlock of each address (`sign_in_unlocks`): a wait that began before it is lifted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{sign_in_failures, sign_in_unlocks};

#[derive(Insertable)]
#[diesel(table_name = sign_in_failures)]
pub struct NewFailure<'a> {
    pub email: &'a str,
    pub ip: Option<&'a str>,
    pub at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewFailure) -> QueryResult<usize> {
    diesel::insert_into(sign_in_failures::table)
        .values(new)
        .execute(conn)
}

/// The times of the address's failures since `since` (at most `limit`, newest first).
pub fn of_email(
    conn: &mut DbConn,
    email: &str,
    since: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<NaiveDateTime>> {
    sign_in_failures::table
        .filter(sign_in_failures::email.eq(email))
        .filter(sign_in_failures::at.gt(since))
        .order_by(sign_in_failures::at.desc())
        .select(sign_in_failures::at)
        .limit(limit)
        .load(conn)
}

/// The times of the client address's failures since `since` (at most `limit`, newest
/// first).
pub fn of_ip(
    conn: &mut DbConn,
    ip: &str,
    since: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<NaiveDateTime>> {
    sign_in_failures::table
        .filter(sign_in_failures::ip.eq(ip))
        .filter(sign_in_failures::at.gt(since))
        .order_by(sign_in_failures::at.desc())
        .select(sign_in_failures::at)
        .limit(limit)
        .load(conn)
}

/// How many failures each of these addresses has since `since`.
pub fn counts_of_emails(
    conn: &mut DbConn,
    emails: &[String],
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, i64)>> {
    use diesel::dsl::count_star;
    sign_in_failures::table
        .filter(sign_in_failures::email.eq_any(emails))
        .filter(sign_in_failures::at.gt(since))
        .group_by(sign_in_failures::email)
        .select((sign_in_failures::email, count_star()))
        .load(conn)
}

/// Forgets the address's failures and its unlock (a success).
pub fn clear_email(conn: &mut DbConn, email: &str) -> QueryResult<usize> {
    diesel::delete(sign_in_unlocks::table.filter(sign_in_unlocks::email.eq(email)))
        .execute(conn)?;
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::email.eq(email))).execute(conn)
}

/// Forgets which client address these failures came from (the operator lifted its lock):
/// they still count for the addresses typed.
pub fn forget_ip(conn: &mut DbConn, ip: &str) -> QueryResult<usize> {
    diesel::update(sign_in_failures::table.filter(sign_in_failures::ip.eq(ip)))
        .set(sign_in_failures::ip.eq(None::<&str>))
        .execute(conn)
}

/// When the address was last unlocked, if it was.
pub fn unlocked_at(conn: &mut DbConn, email: &str) -> QueryResult<Option<NaiveDateTime>> {
    sign_in_unlocks::table
        .find(email)
        .select(sign_in_unlocks::unlocked_at)
        .first(conn)
        .optional()
}

/// Records an unlock of the address at `at` (replacing an earlier one). Run it in a
/// transaction.
pub fn set_unlocked(conn: &mut DbConn, email: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sign_in_unlocks::table.filter(sign_in_unlocks::email.eq(email)))
        .execute(conn)?;
    diesel::insert_into(sign_in_unlocks::table)
        .values((
            sign_in_unlocks::email.eq(email),
            sign_in_unlocks::unlocked_at.eq(at),
        ))
        .execute(conn)
}

/// Removes failures older than `before` (they count for nothing any more), and unlocks as
/// old (the failures they lifted have gone).
pub fn delete_older(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sign_in_unlocks::table.filter(sign_in_unlocks::unlocked_at.le(before)))
        .execute(conn)?;
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::at.le(before))).execute(conn)
}
