//! The outbox: one row per email. A row is *due* while unsent, not given up, its next
//! attempt has come and no worker holds a live claim on it. Claiming is one conditional
//! UPDATE, so two workers (two instances on PostgreSQL) never take the same row.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::outbox;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OutboxRow {
    pub id: i64,
    pub group_id: Option<i64>,
    pub to_address: String,
    pub language: String,
    pub template: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub give_up_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
pub struct NewOutboxRow<'a> {
    pub group_id: Option<i64>,
    pub to_address: &'a str,
    pub language: &'a str,
    pub template: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub give_up_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewOutboxRow) -> QueryResult<i64> {
    diesel::insert_into(outbox::table)
        .values(new)
        .returning(outbox::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<OutboxRow> {
    outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first(conn)
}

/// Due at `now`: unsent, not given up, its time come, and no live claim on it.
#[diesel::dsl::auto_type(no_type_alias)]
fn due(now: NaiveDateTime) -> _ {
    outbox::sent_at
        .is_null()
        .and(outbox::failed_at.is_null())
        .and(outbox::next_attempt_at.le(now))
        .and(
            outbox::claimed_until
                .is_null()
                .or(outbox::claimed_until.le(now)),
        )
}

/// The ids of rows due at `now`, oldest first.
pub fn due_ids(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<i64>> {
    outbox::table
        .filter(due(now))
        .order_by((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .limit(limit)
        .select(outbox::id)
        .load(conn)
}

/// Takes the row for one worker until `lease_until`; false when it was not due any more
/// (another worker claimed or sent it meanwhile).
pub fn claim(
    conn: &mut DbConn,
    id: i64,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(outbox::table.find(id).filter(due(now)))
        .set(outbox::claimed_until.eq(lease_until))
        .execute(conn)?;
    Ok(n == 1)
}

/// Gives claimed emails back (unsent), for any instance to take at once.
pub fn release(conn: &mut DbConn, ids: &[i64]) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::sent_at.is_null()),
    )
    .set(outbox::claimed_until.eq(None::<NaiveDateTime>))
    .execute(conn)
}

pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(now),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
}

/// Records a failed attempt: either the next attempt's time, or (`gave_up`) the end.
pub fn mark_failed(
    conn: &mut DbConn,
    id: i64,
    error: &str,
    next_attempt_at: NaiveDateTime,
    gave_up: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(error),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::failed_at.eq(gave_up),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
}

/// A group's emails that are not delivered and have failed at least once (given up or
/// still retrying), newest first.
pub fn problems_of_group(
    conn: &mut DbConn,
    group_id: i64,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::group_id.eq(group_id))
        .filter(outbox::sent_at.is_null())
        .filter(outbox::attempts.gt(0))
        .order_by((outbox::created_at.desc(), outbox::id.desc()))
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)
}

/// "Retry now": due at once again, with a fresh 24-hour window. Only an undelivered row of
/// that group; returns how many rows changed.
pub fn retry_now(
    conn: &mut DbConn,
    id: i64,
    group_id: i64,
    now: NaiveDateTime,
    give_up_at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::group_id.eq(group_id))
            .filter(outbox::sent_at.is_null()),
    )
    .set((
        outbox::failed_at.eq(None::<NaiveDateTime>),
        outbox::next_attempt_at.eq(now),
        outbox::give_up_at.eq(give_up_at),
        outbox::claimed_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)
}

/// The outbox as operators watch it: how many emails wait to be sent (not sent, not given
/// up) and the time the longest-waiting one has been due since (None: none is due). One
/// query over the `outbox_due` index.
pub fn backlog(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    use diesel::dsl::{count_star, min};
    let waiting = outbox::table.filter(outbox::sent_at.is_null().and(outbox::failed_at.is_null()));
    let depth: i64 = waiting.select(count_star()).first(conn)?;
    let oldest: Option<NaiveDateTime> = waiting
        .filter(outbox::next_attempt_at.le(now))
        .select(min(outbox::next_attempt_at))
        .first(conn)?;
    Ok((depth, oldest))
}
