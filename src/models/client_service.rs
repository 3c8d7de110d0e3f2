//! A client's own row per service: its visibility (used once the client's visibility is
//! customised) and its status (`trial | active | paused | trial_end | deleted`, or none:
//! not activated).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::client_services;

/// The statuses staff can give a visible service.
pub const STATUSES: [&str; 5] = ["trial", "active", "paused", "trial_end", "deleted"];

#[derive(Debug, Clone, Queryable)]
pub struct ClientServiceRow {
    pub service_id: i64,
    pub visible: bool,
    pub status: Option<String>,
}

pub fn of_client(conn: &mut DbConn, client_id: i64) -> QueryResult<Vec<ClientServiceRow>> {
    client_services::table
        .filter(client_services::client_id.eq(client_id))
        .select((
            client_services::service_id,
            client_services::visible,
            client_services::status,
        ))
        .load(conn)
}

/// The services in use of these clients, by client: (service name, status) in the
/// catalogue's order (what their status badges say).
pub fn in_use(
    conn: &mut DbConn,
    client_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, Vec<(String, String)>>> {
    use crate::db::schema::services;
    let rows: Vec<(i64, String, String)> = client_services::table
        .inner_join(services::table)
        .filter(crate::db::in_ids(client_services::client_id, client_ids))
        .filter(client_services::status.is_not_null())
        .order_by((services::position.asc(), services::id.asc()))
        .select((
            client_services::client_id,
            services::name,
            client_services::status.assume_not_null(),
        ))
        .load(conn)?;
    let mut out: std::collections::HashMap<i64, Vec<(String, String)>> = Default::default();
    for (cid, name, status) in rows {
        out.entry(cid).or_default().push((name, status));
    }
    Ok(out)
}

/// Sets a service's visibility for the client (its status, if any, stays).
pub fn set_visible(
    conn: &mut DbConn,
    client_id: i64,
    service_id: i64,
    visible: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let stmt = diesel::insert_into(client_services::table)
        .values((
            client_services::client_id.eq(client_id),
            client_services::service_id.eq(service_id),
            client_services::visible.eq(visible),
            client_services::updated_at.eq(now),
        ))
        .on_conflict((client_services::client_id, client_services::service_id))
        .do_update()
        .set((
            client_services::visible.eq(visible),
            client_services::updated_at.eq(now),
        ));
    crate::on_backend!(conn, |c| stmt.execute(c))
}

/// Sets a service's status for the client; a new row takes `visible` (the visibility the
/// client has now).
pub fn set_status(
    conn: &mut DbConn,
    client_id: i64,
    service_id: i64,
    status: &str,
    visible: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let stmt = diesel::insert_into(client_services::table)
        .values((
            client_services::client_id.eq(client_id),
            client_services::service_id.eq(service_id),
            client_services::visible.eq(visible),
            client_services::status.eq(status),
            client_services::updated_at.eq(now),
        ))
        .on_conflict((client_services::client_id, client_services::service_id))
        .do_update()
        .set((
            client_services::status.eq(status),
            client_services::updated_at.eq(now),
        ));
    crate::on_backend!(conn, |c| stmt.execute(c))
}
