//! The seller sort's stored key (`accounts.seller_rank`, issue 15): each client keeps its
//! seller's place among the group's staff sorted by name as the console shows it (lower-cased
//! in Rust, so both backends agree), so that the list sorts by an index instead of a
//! `CASE` over the staff. The services that change a group's staff or a person's name or
//! address call [`rank_group`] / [`rank_groups_of_user`]; a client's own save stores
//! [`rank_of`]'s value.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{accounts, memberships};
use crate::models::account::KIND_GROUP;
use crate::models::membership::{self, StaffMember};

/// The seller sort's stored key of a client without a seller: last.
pub const NO_SELLER_RANK: i32 = i32::MAX;
/// … and of a client whose seller has left the group's staff: just before them.
pub const FORMER_SELLER_RANK: i32 = i32::MAX - 1;

/// A client's place in the seller sort: its seller's among the group's staff sorted by
/// name (`staff_by_name`), a former staff member's after them, no seller last.
pub fn rank_in(staff_by_name: &[StaffMember], seller_id: Option<i64>) -> i32 {
    match seller_id {
        None => NO_SELLER_RANK,
        Some(id) => staff_by_name
            .iter()
            .position(|s| s.user_id == id)
            .map_or(FORMER_SELLER_RANK, |r| r as i32),
    }
}

/// The seller sort key a client of this group with this seller gets.
pub fn rank_of(conn: &mut DbConn, group_id: i64, seller_id: Option<i64>) -> QueryResult<i32> {
    if seller_id.is_none() {
        return Ok(NO_SELLER_RANK);
    }
    let staff = membership::staff_by_name(conn, group_id)?;
    Ok(rank_in(&staff, seller_id))
}

/// Brings the stored seller sort of a group's clients up to date with its staff (who is
/// staff, and their names). Writes only the clients whose key changes. The sellers its
/// clients have come from the maintained counters (`client_counts`); for each, the lowest
/// and highest key its clients hold are read first, each the end of a range of the
/// `(parent_id, seller_id, seller_rank)` index, and the clients are written only when one
/// differs — so a group whose keys are right costs two index probes per seller however
/// many clients it has (this runs at every start). An `UPDATE … WHERE seller_rank > r`
/// that changes nothing is not as cheap: PostgreSQL, which cannot know that a seller's
/// clients all hold one rank, guessed thousands of matches and read them through the
/// seller index (10 ms a seller at 100 000 clients, 1 s for the start at 1 000 000).
pub fn rank_group(conn: &mut DbConn, group_id: i64) -> QueryResult<()> {
    use crate::db::schema::client_counts;
    let staff = membership::staff_by_name(conn, group_id)?;
    let sellers: Vec<i64> = client_counts::table
        .filter(client_counts::group_id.eq(group_id))
        .filter(client_counts::seller_id.ne(0))
        .filter(client_counts::n.gt(0))
        .select(client_counts::seller_id)
        .distinct()
        .load(conn)?;
    for seller in sellers {
        let rank = rank_in(&staff, Some(seller));
        let lowest: Option<i32> = lowest_rank(group_id, seller).get_result(conn).optional()?;
        let highest: Option<i32> = highest_rank(group_id, seller).get_result(conn).optional()?;
        // Each write is a range of the index (ranks below, ranks above), and is made only
        // when the probes found clients there.
        if lowest.is_some_and(|r| r < rank) {
            diesel::update(
                accounts::table
                    .filter(accounts::parent_id.eq(group_id))
                    .filter(accounts::seller_id.eq(seller))
                    .filter(accounts::seller_rank.lt(rank)),
            )
            .set(accounts::seller_rank.eq(rank))
            .execute(conn)?;
        }
        if highest.is_some_and(|r| r > rank) {
            diesel::update(
                accounts::table
                    .filter(accounts::parent_id.eq(group_id))
                    .filter(accounts::seller_id.eq(seller))
                    .filter(accounts::seller_rank.gt(rank)),
            )
            .set(accounts::seller_rank.eq(rank))
            .execute(conn)?;
        }
    }
    Ok(())
}

/// The lowest seller sort key among a seller's clients in a group.
#[diesel::dsl::auto_type(no_type_alias)]
fn lowest_rank(group_id: i64, seller_id: i64) -> _ {
    let one: i64 = 1;
    accounts::table
        .filter(accounts::parent_id.eq(group_id))
        .filter(accounts::seller_id.eq(seller_id))
        .select(accounts::seller_rank)
        .order_by(accounts::seller_rank.asc())
        .limit(one)
}

/// The highest, likewise.
#[diesel::dsl::auto_type(no_type_alias)]
fn highest_rank(group_id: i64, seller_id: i64) -> _ {
    let one: i64 = 1;
    accounts::table
        .filter(accounts::parent_id.eq(group_id))
        .filter(accounts::seller_id.eq(seller_id))
        .select(accounts::seller_rank)
        .order_by(accounts::seller_rank.desc())
        .limit(one)
}

/// The plans of [`rank_group`]'s two probes per seller (a plan test).
pub fn rank_probe_plans(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    let mut plan = crate::db::explain::explain(conn, lowest_rank(1, 2))?;
    plan.extend(crate::db::explain::explain(conn, highest_rank(1, 2))?);
    Ok(plan)
}

/// [`rank_group`] when the account is a group (its staff changed).
pub fn rank_if_group(conn: &mut DbConn, account_id: i64) -> QueryResult<()> {
    let kind: Option<String> = accounts::table
        .find(account_id)
        .select(accounts::kind)
        .first(conn)
        .optional()?;
    if kind.as_deref() == Some(KIND_GROUP) {
        rank_group(conn, account_id)?;
    }
    Ok(())
}

/// [`rank_group`] for every group this user belongs to (their name, email or staff
/// role changed).
pub fn rank_groups_of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<()> {
    let groups: Vec<i64> = memberships::table
        .inner_join(accounts::table)
        .filter(memberships::user_id.eq(user_id))
        .filter(accounts::kind.eq(KIND_GROUP))
        .select(accounts::id)
        .load(conn)?;
    groups.into_iter().try_for_each(|gid| rank_group(conn, gid))
}

/// [`rank_group`] for every group (at start: ranks the clients of every seller saved
/// before the key existed or by an instance that missed a staff change; clients without a
/// seller get theirs, last, from every save).
pub fn rank_all_groups(conn: &mut DbConn) -> QueryResult<()> {
    // Groups have no parent: read from the head of the parent index, not the whole table.
    let groups: Vec<i64> = accounts::table
        .filter(accounts::parent_id.is_null())
        .filter(accounts::kind.eq(KIND_GROUP))
        .select(accounts::id)
        .load(conn)?;
    groups.into_iter().try_for_each(|gid| rank_group(conn, gid))
}
