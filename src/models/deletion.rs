//! Deletion requests: one row per request a client's owner made (10 days of grace), and
//! per deletion staff made without one (`by_staff`). Open: neither cancelled nor completed;
//! a unique index keeps at most one open per client.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::deletion_requests;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = deletion_requests)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DeletionRequest {
    pub id: i64,
    pub client_id: i64,
    pub requested_by: Option<i64>,
    pub requested_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancelled_by: Option<i64>,
    pub cancel_note: Option<String>,
    pub completed_at: Option<NaiveDateTime>,
    pub completed_by: Option<i64>,
    pub by_staff: bool,
}

impl DeletionRequest {
    pub fn is_open(&self) -> bool {
        self.cancelled_at.is_none() && self.completed_at.is_none()
    }
}

#[derive(Insertable)]
#[diesel(table_name = deletion_requests)]
pub struct NewDeletionRequest {
    pub client_id: i64,
    pub requested_by: Option<i64>,
    pub requested_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    pub completed_by: Option<i64>,
    pub by_staff: bool,
}

pub fn insert(conn: &mut DbConn, new: &NewDeletionRequest) -> QueryResult<i64> {
    diesel::insert_into(deletion_requests::table)
        .values(new)
        .returning(deletion_requests::id)
        .get_result(conn)
}

/// The client's open request, if any.
pub fn open_for(conn: &mut DbConn, client_id: i64) -> QueryResult<Option<DeletionRequest>> {
    deletion_requests::table
        .filter(deletion_requests::client_id.eq(client_id))
        .filter(deletion_requests::cancelled_at.is_null())
        .filter(deletion_requests::completed_at.is_null())
        .select(DeletionRequest::as_select())
        .first(conn)
        .optional()
}

/// Every request of the client, newest first.
pub fn history(conn: &mut DbConn, client_id: i64) -> QueryResult<Vec<DeletionRequest>> {
    deletion_requests::table
        .filter(deletion_requests::client_id.eq(client_id))
        .order_by((
            deletion_requests::requested_at.desc(),
            deletion_requests::id.desc(),
        ))
        .select(DeletionRequest::as_select())
        .load(conn)
}

/// Cancels the request if still open; false when it was closed meanwhile.
pub fn cancel(
    conn: &mut DbConn,
    id: i64,
    at: NaiveDateTime,
    by: i64,
    note: &str,
) -> QueryResult<bool> {
    let n = diesel::update(
        deletion_requests::table
            .find(id)
            .filter(deletion_requests::cancelled_at.is_null())
            .filter(deletion_requests::completed_at.is_null()),
    )
    .set((
        deletion_requests::cancelled_at.eq(at),
        deletion_requests::cancelled_by.eq(by),
        deletion_requests::cancel_note.eq(note),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Completes the request if still open; false when it was closed meanwhile.
pub fn complete(
    conn: &mut DbConn,
    id: i64,
    at: NaiveDateTime,
    by: Option<i64>,
) -> QueryResult<bool> {
    let n = diesel::update(
        deletion_requests::table
            .find(id)
            .filter(deletion_requests::cancelled_at.is_null())
            .filter(deletion_requests::completed_at.is_null()),
    )
    .set((
        deletion_requests::completed_at.eq(at),
        deletion_requests::completed_by.eq(by),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The clients whose open request is due at `now`.
pub fn due(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<Vec<i64>> {
    deletion_requests::table
        .filter(deletion_requests::cancelled_at.is_null())
        .filter(deletion_requests::completed_at.is_null())
        .filter(deletion_requests::due_at.le(now))
        .select(deletion_requests::client_id)
        .load(conn)
}

/// The due dates of these clients' open requests (the list's markers).
pub fn open_due_of(
    conn: &mut DbConn,
    client_ids: &[i64],
) -> QueryResult<HashMap<i64, NaiveDateTime>> {
    Ok(deletion_requests::table
        .filter(crate::db::in_ids(deletion_requests::client_id, client_ids))
        .filter(deletion_requests::cancelled_at.is_null())
        .filter(deletion_requests::completed_at.is_null())
        .select((deletion_requests::client_id, deletion_requests::due_at))
        .load::<(i64, NaiveDateTime)>(conn)?
        .into_iter()
        .collect())
}
