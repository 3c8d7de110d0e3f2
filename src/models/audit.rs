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

/// The `group.created` events of one person since then (the bound on "Add new account"),
/// by the partial index `audit_events_groups_made`. Its condition is written out as the
/// index writes it: SQLite matches a partial index only to literal terms.
#[diesel::dsl::auto_type(no_type_alias)]
fn groups_made(actor_id: i64, since: NaiveDateTime) -> _ {
    let made: diesel::expression::SqlLiteral<diesel::sql_types::Bool> =
        diesel::dsl::sql("audit_events.action = 'group.created'");
    audit_events::table
        .filter(made)
        .filter(audit_events::actor_id.eq(actor_id))
        .filter(audit_events::at.gt(since))
}

/// How many groups this person made since then.
pub fn count_groups_made_since(
    conn: &mut DbConn,
    actor_id: i64,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    groups_made(actor_id, since).count().get_result(conn)
}

/// The plan of that count (a plan test).
pub fn groups_made_plan(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    crate::db::explain::explain(
        conn,
        groups_made(1, crate::db::now()).select(audit_events::id),
    )
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
