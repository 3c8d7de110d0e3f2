//! The catalogue of services a group can show its clients (CDN, Storage, Streaming, DNS,
//! Cloud by migration; more by `clientele services add`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::services;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = services)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Service {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = services)]
pub struct NewService<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

/// The catalogue in its order.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Service>> {
    services::table
        .order_by((services::position.asc(), services::id.asc()))
        .select(Service::as_select())
        .load(conn)
}

pub fn insert(conn: &mut DbConn, new: &NewService) -> QueryResult<i64> {
    diesel::insert_into(services::table)
        .values(new)
        .returning(services::id)
        .get_result(conn)
}

/// The position after the last service (a new one goes at the end).
pub fn next_position(conn: &mut DbConn) -> QueryResult<i32> {
    let last: Option<i32> = services::table
        .select(diesel::dsl::max(services::position))
        .first(conn)?;
    Ok(last.unwrap_or(0) + 1)
}
