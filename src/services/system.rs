//! The operators' status page (`/groups/{gid}/system`): what the database says about the
//! installation. Only the owners of an operator group see it (`GroupScope`); to anyone else
//! the page does not exist.

use chrono::NaiveDateTime;

use crate::auth::scope::GroupScope;
use crate::db::{DatabaseFacts, DbConn};
use crate::error::AppError;
use crate::models::operations::{self, JobRun};

pub struct SystemStatus {
    pub database: DatabaseFacts,
    /// Emails waiting to be sent, and since when the longest-waiting due one has been due.
    pub outbox_depth: i64,
    pub oldest_due: Option<NaiveDateTime>,
    /// Each job's last run, on any instance (a job not run yet has none).
    pub runs: Vec<JobRun>,
}

pub fn status(conn: &mut DbConn, scope: &GroupScope) -> Result<SystemStatus, AppError> {
    if !scope.sees_system_status() {
        return Err(AppError::NotFound);
    }
    let database = crate::db::facts(conn).map_err(AppError::Internal)?;
    let (outbox_depth, oldest_due) = crate::models::outbox::backlog(conn, crate::db::now())?;
    let runs = operations::all(conn)?;
    Ok(SystemStatus {
        database,
        outbox_depth,
        oldest_due,
        runs,
    })
}
