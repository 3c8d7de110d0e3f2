//! "Email problems": a group's emails that failed at least once, and "Retry now".

use crate::auth::rights::Action;
use crate::auth::scope::GroupScope;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::mail::outbox::RETRY_WINDOW;
use crate::models::outbox::{self as rows, OutboxRow};
use crate::services::audit::{self, Actor, Changes};

/// The newest problems of the group (owners only).
pub fn list(conn: &mut DbConn, scope: &GroupScope, limit: i64) -> Result<Vec<OutboxRow>, AppError> {
    if !scope.may(Action::SeeEmailProblems) {
        return Err(AppError::NotFound);
    }
    Ok(rows::problems_of_group(conn, scope.group_id().0, limit)?)
}

/// Queues one of the group's emails for delivery at once, with a new 24-hour window, and
/// audits it. Returns the recipient. An email of another group is `NotFound`.
pub fn retry(
    conn: &mut DbConn,
    scope: &GroupScope,
    email_id: i64,
    actor: &Actor,
) -> Result<String, AppError> {
    if !scope.may(Action::SeeEmailProblems) {
        return Err(AppError::NotFound);
    }
    let gid = scope.group_id().0;
    db::write_tx(conn, |c| {
        let now = db::now();
        if rows::retry_now(c, email_id, gid, now, now + RETRY_WINDOW)? != 1 {
            return Err(AppError::NotFound);
        }
        let row = rows::find(c, email_id)?;
        let changes = Changes::new()
            .field("email", serde_json::Value::Null, row.to_address.as_str())
            .field("kind", serde_json::Value::Null, row.template.as_str());
        audit::record(c, actor, Some(gid), Some(gid), "email.retried", &changes)?;
        Ok(row.to_address)
    })
}
