//! `job_runs`: the last run of each scheduled job, whichever instance ran it (the
//! operators' status page), and `operator_groups`: the groups whose owners see that page
//! besides the first group's.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{accounts, job_runs, operator_groups};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = job_runs)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_null = true)]
pub struct JobRun {
    pub job: String,
    pub started_at: NaiveDateTime,
    pub finished_at: NaiveDateTime,
    pub ok: bool,
    pub rows_affected: i64,
    pub error: Option<String>,
}

/// Keeps `run` as its job's last run (replacing the one before).
pub fn record(conn: &mut DbConn, run: &JobRun) -> QueryResult<()> {
    let stmt = diesel::insert_into(job_runs::table)
        .values(run)
        .on_conflict(job_runs::job)
        .do_update()
        .set(run);
    crate::on_backend!(conn, |c| stmt.execute(c))?;
    Ok(())
}

/// Every job's last run, by name.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<JobRun>> {
    job_runs::table
        .order(job_runs::job)
        .select(JobRun::as_select())
        .load(conn)
}

/// Marks a group as an operator group (idempotent).
pub fn add_operator_group(conn: &mut DbConn, group_id: i64, now: NaiveDateTime) -> QueryResult<()> {
    let stmt = diesel::insert_into(operator_groups::table)
        .values((
            operator_groups::group_id.eq(group_id),
            operator_groups::since.eq(now),
        ))
        .on_conflict_do_nothing();
    crate::on_backend!(conn, |c| stmt.execute(c))?;
    Ok(())
}

pub fn is_operator_group(conn: &mut DbConn, group_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        operator_groups::table.filter(operator_groups::group_id.eq(group_id)),
    ))
    .get_result(conn)
}

/// Marks `group_id` as an operator group when it is the only group (the first one made).
pub fn mark_if_first_group(
    conn: &mut DbConn,
    group_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let others: bool = diesel::select(diesel::dsl::exists(
        accounts::table.filter(
            accounts::kind
                .eq(crate::models::account::KIND_GROUP)
                .and(accounts::id.ne(group_id)),
        ),
    ))
    .get_result(conn)?;
    if !others {
        add_operator_group(conn, group_id, now)?;
    }
    Ok(())
}
