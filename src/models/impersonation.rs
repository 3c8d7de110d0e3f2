//! Support access: one row per impersonation, from "Log in" to its end.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::impersonations;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = impersonations)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Impersonation {
    pub id: i64,
    pub group_id: i64,
    pub client_id: i64,
    pub staff_user_id: i64,
    pub target_user_id: i64,
    pub reason: Option<String>,
    pub started_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
    pub end_reason: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = impersonations)]
pub struct NewImpersonation<'a> {
    pub group_id: i64,
    pub client_id: i64,
    pub staff_user_id: i64,
    pub target_user_id: i64,
    pub reason: Option<&'a str>,
    pub started_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewImpersonation) -> QueryResult<i64> {
    diesel::insert_into(impersonations::table)
        .values(new)
        .returning(impersonations::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Impersonation>> {
    impersonations::table
        .find(id)
        .select(Impersonation::as_select())
        .first(conn)
        .optional()
}

/// Notes a request, writing only when the last one is more than `slack` old (a page view
/// does not cost a write each time; the idle limit is read to within `slack`).
pub fn touch(
    conn: &mut DbConn,
    id: i64,
    now: NaiveDateTime,
    slack: chrono::Duration,
) -> QueryResult<usize> {
    diesel::update(
        impersonations::table
            .find(id)
            .filter(impersonations::ended_at.is_null())
            .filter(impersonations::last_seen_at.lt(now - slack)),
    )
    .set(impersonations::last_seen_at.eq(now))
    .execute(conn)
}

/// Ends it, once: returns false when it had ended already (another request, another
/// instance, the sweep), so that the end is recorded once.
pub fn end(conn: &mut DbConn, id: i64, at: NaiveDateTime, reason: &str) -> QueryResult<bool> {
    let n = diesel::update(
        impersonations::table
            .find(id)
            .filter(impersonations::ended_at.is_null()),
    )
    .set((
        impersonations::ended_at.eq(at),
        impersonations::end_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Open ones whose time may be up at `now` (idle since `idle_before`, or started before
/// `started_before`).
pub fn open_and_stale(
    conn: &mut DbConn,
    idle_before: NaiveDateTime,
    started_before: NaiveDateTime,
) -> QueryResult<Vec<Impersonation>> {
    impersonations::table
        .filter(impersonations::ended_at.is_null())
        .filter(
            impersonations::last_seen_at
                .le(idle_before)
                .or(impersonations::started_at.le(started_before)),
        )
        .select(Impersonation::as_select())
        .load(conn)
}

/// A client's support access, newest first.
pub fn of_client(conn: &mut DbConn, client_id: i64, limit: i64) -> QueryResult<Vec<Impersonation>> {
    impersonations::table
        .filter(impersonations::client_id.eq(client_id))
        .order_by((impersonations::started_at.desc(), impersonations::id.desc()))
        .limit(limit)
        .select(Impersonation::as_select())
        .load(conn)
}

/// Open ones of a staff member (in one group, or any).
pub fn open_by_staff(
    conn: &mut DbConn,
    staff_user_id: i64,
    group_id: Option<i64>,
) -> QueryResult<Vec<Impersonation>> {
    let mut q = impersonations::table
        .filter(impersonations::ended_at.is_null())
        .filter(impersonations::staff_user_id.eq(staff_user_id))
        .into_boxed();
    if let Some(g) = group_id {
        q = q.filter(impersonations::group_id.eq(g));
    }
    q.select(Impersonation::as_select()).load(conn)
}

/// Open ones signed in as a client user (in one client, or any).
pub fn open_as(
    conn: &mut DbConn,
    target_user_id: i64,
    client_id: Option<i64>,
) -> QueryResult<Vec<Impersonation>> {
    let mut q = impersonations::table
        .filter(impersonations::ended_at.is_null())
        .filter(impersonations::target_user_id.eq(target_user_id))
        .into_boxed();
    if let Some(c) = client_id {
        q = q.filter(impersonations::client_id.eq(c));
    }
    q.select(Impersonation::as_select()).load(conn)
}

/// Open ones into a client.
pub fn open_in_client(conn: &mut DbConn, client_id: i64) -> QueryResult<Vec<Impersonation>> {
    impersonations::table
        .filter(impersonations::ended_at.is_null())
        .filter(impersonations::client_id.eq(client_id))
        .select(Impersonation::as_select())
        .load(conn)
}
