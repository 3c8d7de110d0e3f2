//! Who belongs to which account, in which role, with which permissions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{accounts, memberships};

#[derive(Insertable)]
#[diesel(table_name = memberships)]
pub struct NewMembership<'a> {
    pub account_id: i64,
    pub user_id: i64,
    pub role: &'a str,
    pub permissions: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewMembership) -> QueryResult<i64> {
    diesel::insert_into(memberships::table)
        .values(new)
        .returning(memberships::id)
        .get_result(conn)
}

/// A membership with what the console needs of its account (header switcher, scopes).
#[derive(Debug, Clone, Queryable)]
pub struct MembershipRow {
    pub account_id: i64,
    pub role: String,
    pub permissions: String,
    pub account_kind: String,
    pub account_name: String,
    pub parent_id: Option<i64>,
    pub deleted_at: Option<NaiveDateTime>,
}

/// Every membership of a user, groups first, then by account name.
pub fn of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<MembershipRow>> {
    memberships::table
        .inner_join(accounts::table)
        .filter(memberships::user_id.eq(user_id))
        .order_by((
            accounts::kind.desc(),
            accounts::name_key.asc(),
            accounts::id.asc(),
        ))
        .select((
            memberships::account_id,
            memberships::role,
            memberships::permissions,
            accounts::kind,
            accounts::name,
            accounts::parent_id,
            accounts::deleted_at,
        ))
        .load(conn)
}
