//! The audit log: who (and, while impersonating, on whose behalf) changed what, where, when.
//! `changes` is a JSON object `{field: [old, new]}`; secrets never go in it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::audit_events;

#[derive(Insertable, Default)]
#[diesel(table_name = audit_events)]
pub struct NewAuditEvent<'a> {
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub actor_email: Option<&'a str>,
    pub impersonator_id: Option<i64>,
    pub impersonator_email: Option<&'a str>,
    pub group_id: Option<i64>,
    pub account_id: Option<i64>,
    pub action: &'a str,
    pub changes: String,
    pub ip: Option<&'a str>,
}

pub fn insert(conn: &mut DbConn, event: &NewAuditEvent) -> QueryResult<i64> {
    diesel::insert_into(audit_events::table)
        .values(event)
        .returning(audit_events::id)
        .get_result(conn)
}

#[derive(Debug, Queryable)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_email: Option<String>,
    pub action: String,
    pub changes: String,
}

/// The newest events about one account.
pub fn for_account(conn: &mut DbConn, account_id: i64, limit: i64) -> QueryResult<Vec<AuditRow>> {
    audit_events::table
        .filter(audit_events::account_id.eq(account_id))
        .order_by((audit_events::at.desc(), audit_events::id.desc()))
        .limit(limit)
        .select((
            audit_events::id,
            audit_events::at,
            audit_events::actor_email,
            audit_events::action,
            audit_events::changes,
        ))
        .load(conn)
}

/// An event as the audit views show it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AuditEvent {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub actor_email: Option<String>,
    pub impersonator_id: Option<i64>,
    pub impersonator_email: Option<String>,
    pub account_id: Option<i64>,
    pub action: String,
    pub changes: String,
    pub ip: Option<String>,
}
