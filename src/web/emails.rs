//! "Email problems" (`/groups/{gid}/emails`): for group owners, the group's emails that
//! failed at least once — given up after 24 h, or still being retried — with the error
//! and "Retry now".

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::CurrentUser;
use crate::auth::scope::{GroupScope, StaffRole};
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::mail::outbox::RETRY_WINDOW;
use crate::models::outbox::{self as rows, OutboxRow};
use crate::services::audit::{self, Changes};
use crate::startup::AppState;
use crate::views::Layout;
use crate::web::{page, see_other_with_flash};

pub struct ProblemRow {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    pub error: String,
    pub given_up: bool,
    /// "Given up on …" or "Next attempt at …".
    pub state: String,
    pub queued: String,
}

impl From<OutboxRow> for ProblemRow {
    fn from(r: OutboxRow) -> Self {
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M UTC").to_string();
        ProblemRow {
            id: r.id,
            given_up: r.failed_at.is_some(),
            state: match r.failed_at {
                Some(at) => format!("Given up {}", fmt(at)),
                None => format!("Next attempt {}", fmt(r.next_attempt_at)),
            },
            to: r.to_address,
            subject: r.subject,
            attempts: r.attempts,
            error: r.last_error.unwrap_or_default(),
            queued: fmt(r.created_at),
        }
    }
}

#[derive(Template)]
#[template(path = "groups/emails.html")]
struct EmailsPage {
    layout: Layout,
    group_id: i64,
    group_name: String,
    problems: Vec<ProblemRow>,
}

/// Only the group's owners see its email problems; to anyone else the page does not exist.
fn owner_scope(user: &CurrentUser, gid: i64) -> Result<GroupScope, AppError> {
    let scope = user.group_scope(GroupId(gid))?;
    if scope.role != StaffRole::Owner {
        return Err(AppError::NotFound);
    }
    Ok(scope)
}

pub async fn list(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = owner_scope(&user, path.into_inner())?;
    let gid = scope.group_id.0;
    let problems = db::run(&state.pool, move |c| {
        Ok(rows::problems_of_group(c, gid, 200)?)
    })
    .await?;
    let layout = Layout::new(
        &session,
        Some(&user),
        format!("Email problems · {}", scope.group_name),
    )?
    .in_group(gid, "emails");
    page(&EmailsPage {
        layout,
        group_id: gid,
        group_name: scope.group_name,
        problems: problems.into_iter().map(ProblemRow::from).collect(),
    })
}

pub async fn retry(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, email_id) = path.into_inner();
    let scope = owner_scope(&user, gid)?;
    let gid = scope.group_id.0;
    let actor = user.actor(&req);
    let to = db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let now = db::now();
            if rows::retry_now(c, email_id, gid, now, now + RETRY_WINDOW)? != 1 {
                return Err(AppError::NotFound);
            }
            let row = rows::find(c, email_id)?;
            let changes = Changes::new()
                .field("email", serde_json::Value::Null, row.to_address.as_str())
                .field("subject", serde_json::Value::Null, row.subject.as_str());
            audit::record(c, &actor, Some(gid), Some(gid), "email.retried", &changes)?;
            Ok(row.to_address)
        })
    })
    .await?;
    Ok(see_other_with_flash(
        &session,
        &format!("/groups/{gid}/emails"),
        "success",
        format!("The email to {to} will be sent again within a minute."),
    ))
}
