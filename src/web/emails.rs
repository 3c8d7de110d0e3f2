//! "Email problems" (`/groups/{gid}/emails`): for group owners, the group's emails that
//! failed at least once — given up after 24 h, or still being retried — with the error
//! and "Retry now".

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, format_datetime};
use crate::models::outbox::OutboxRow;
use crate::services::email_problems;
use crate::views::Layout;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, see_other_with_flash},
};

pub struct ProblemRow {
    pub id: i64,
    pub to: String,
    /// What kind of email it was, in the reader's words (not its stored subject, which is
    /// in the recipient's language and so would tell whether the address had a user).
    pub kind: String,
    pub attempts: i64,
    pub error: String,
    pub given_up: bool,
    /// "Given up on …" or "Next attempt at …".
    pub state: Msg,
    pub queued: String,
}

/// The catalogue key naming an email's kind. An owner's activation link and an owner's
/// invitation are one kind to the group: "the owner's link".
pub fn kind_key(template: &str) -> &'static str {
    match template {
        "test" => "emails-kind-test",
        "owner_activation" | "owner_invitation" => "emails-kind-owner",
        "invitation" => "emails-kind-invitation",
        "email_change_confirm" | "email_address_confirm" | "email_changed" => "emails-kind-address",
        "password_reset" => "emails-kind-password",
        "deletion_requested" | "deletion_cancelled" | "client_deleted" => "emails-kind-deletion",
        _ => "emails-kind-other",
    }
}

impl ProblemRow {
    fn new(r: OutboxRow, lang: Lang) -> Self {
        let fmt = |t: chrono::NaiveDateTime| format_datetime(lang, t);
        ProblemRow {
            id: r.id,
            given_up: r.failed_at.is_some(),
            state: match r.failed_at {
                Some(at) => Msg::new("emails-given-up-at").with("when", fmt(at)),
                None => Msg::new("emails-next-attempt").with("when", fmt(r.next_attempt_at)),
            },
            to: r.to_address,
            kind: crate::i18n::t(lang, kind_key(&r.template)),
            attempts: r.attempts.into(),
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
pub async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let s = scope.clone();
    let problems = db::run(&state.pool, move |c| email_problems::list(c, &s, 200)).await?;
    let title = Msg::new("emails-page-title").with("group", scope.group_name());
    let layout = ctx.group_layout(&scope, "emails", title.in_lang(ctx.lang()))?;
    page(&EmailsPage {
        layout,
        group_id: scope.group_id().0,
        group_name: scope.group_name().to_owned(),
        problems: problems
            .into_iter()
            .map(|r| ProblemRow::new(r, ctx.lang()))
            .collect(),
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
    let scope = user.group_scope(GroupId(gid))?;
    let actor = user.actor(&req);
    let to = db::run(&state.pool, move |c| {
        email_problems::retry(c, &scope, email_id, &actor)
    })
    .await?;
    Ok(see_other_with_flash(
        &session,
        &format!("/groups/{gid}/emails"),
        "success",
        Msg::new("emails-retried").with("email", to),
    ))
}
