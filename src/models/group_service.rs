//! A group's global service visibility (vendor settings): one row per service it set;
//! a service without a row is visible.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::group_services;

/// Visible by default: a new group shows every service of the catalogue.
pub const DEFAULT_VISIBLE: bool = true;

/// The group's visibility, by service id (services without a row are absent: default).
pub fn visibility(conn: &mut DbConn, group_id: i64) -> QueryResult<HashMap<i64, bool>> {
    let rows: Vec<(i64, bool)> = group_services::table
        .filter(group_services::group_id.eq(group_id))
        .select((group_services::service_id, group_services::visible))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Sets one service's visibility for the group.
pub fn set(
    conn: &mut DbConn,
    group_id: i64,
    service_id: i64,
    visible: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let stmt = diesel::insert_into(group_services::table)
        .values((
            group_services::group_id.eq(group_id),
            group_services::service_id.eq(service_id),
            group_services::visible.eq(visible),
            group_services::updated_at.eq(now),
        ))
        .on_conflict((group_services::group_id, group_services::service_id))
        .do_update()
        .set((
            group_services::visible.eq(visible),
            group_services::updated_at.eq(now),
        ));
    crate::on_backend!(conn, |c| stmt.execute(c))
}
