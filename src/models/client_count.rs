//! `client_counts`: how many clients a group has, by seller (0 for none), status and test
//! flag. Written only by the database's triggers on `accounts` (migration
//! `2026-12-04-000001_client_counts`), in the same transaction as the change they count;
//! read by the client list instead of counting its rows.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::client_counts;

/// One counter: `n` clients of the group with this seller, status and test flag.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ClientCount {
    /// 0 for clients without a seller.
    pub seller_id: i64,
    pub status: String,
    pub test_account: bool,
    pub n: i64,
}

/// A group's counters (a few dozen rows at most: sellers × statuses × test flag).
pub fn of_group(conn: &mut DbConn, group_id: i64) -> QueryResult<Vec<ClientCount>> {
    client_counts::table
        .filter(client_counts::group_id.eq(group_id))
        .select((
            client_counts::seller_id,
            client_counts::status,
            client_counts::test_account,
            client_counts::n,
        ))
        .load(conn)
}
