//! Queueing an email: render it and write its outbox row, in the caller's transaction, so
//! that a change that fails leaves no email behind and a change that succeeds always has
//! its email, whether or not the mail server answers now.

use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::mail::Email;
use crate::mail::templates::render;
use crate::models::outbox::{self as rows, NewOutboxRow};

/// How long an email is retried before it is given up and listed as a problem.
pub const RETRY_WINDOW: chrono::Duration = chrono::Duration::hours(24);

/// Renders and queues `email`; links start with `base_url`. Returns the row id.
pub fn enqueue(conn: &mut DbConn, base_url: &str, email: &Email) -> Result<i64, AppError> {
    let rendered = render(&email.kind, email.lang, &email.to, base_url)?;
    let now = db::now();
    let id = rows::insert(
        conn,
        &NewOutboxRow {
            group_id: email.group_id,
            to_address: email.to.trim(),
            language: email.lang.code(),
            template: email.kind.template(),
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            attempts: 0,
            next_attempt_at: now,
            give_up_at: now + RETRY_WINDOW,
            created_at: now,
        },
    )?;
    // The worker sends it as soon as the change that queued it is committed.
    db::after_commit(conn, crate::mail::wake::wake);
    Ok(id)
}
