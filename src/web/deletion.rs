//! Deleting a client, from both sides.
//!
//! - The client area: `GET,POST /portal/{cid}/deletion` (the client's owner only): what a
//!   request stops, a confirmation, then the request; while it is open, the date and the
//!   days left.
//! - The console's "Delete client" tab: `GET /groups/{gid}/clients/{cid}/deletion` (every
//!   staff member sees it; owners and admins act): the open request (who, when, due date,
//!   days left), the history of all with their outcome and notes, "Cancel the deletion
//!   request" (`POST …/deletion/cancel`, a note) and "Delete account" (`POST …/delete`,
//!   what goes listed and the account's name typed to confirm), with or without a request.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::rights::Action;
use crate::auth::scope::{self, console_client_scope};
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, format_date, format_datetime};
use crate::input::FieldErrors;
use crate::models::deletion::DeletionRequest;
use crate::services::deletion::{self, WhatGoes, days_left};
use crate::views::{Layout, service_status_key};
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

// --- the client area ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "portal/deletion.html")]
struct PortalDeletionPage {
    layout: Layout,
    client_id: i64,
    /// The open request: its date and the days left.
    open: Option<(String, i64)>,
    /// The services a request stops: (name, status key).
    stopping: Vec<(String, &'static str)>,
    errors: FieldErrors,
    /// A staff member signed in as the owner sees the page, not the button.
    impersonating: bool,
}

async fn portal_page(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    cid: i64,
    errors: FieldErrors,
) -> Result<PortalDeletionPage, AppError> {
    let memberships = user.memberships().clone();
    let (scope, services, deletion::PortalView { open, running }) =
        db::run(&state.pool, move |c| {
            let scope = scope::member_client_scope(c, &memberships, ClientId(cid))?;
            let services = crate::services::client_services::visible_to_member(c, &scope)?;
            let view = deletion::portal_view(c, &scope)?;
            Ok((scope, services, view))
        })
        .await?;
    let lang = ctx.lang();
    let now = db::now();
    let nav = crate::web::portal::nav(&scope, &services, "deletion");
    Ok(PortalDeletionPage {
        layout: ctx.portal_layout(nav, ctx.t("deletion-portal-title"))?,
        client_id: cid,
        open: open.map(|r| (format_date(lang, r.due_at.date()), days_left(r.due_at, now))),
        stopping: running
            .into_iter()
            .map(|(name, status)| (name, service_status_key(&status)))
            .collect(),
        errors,
        impersonating: user.is_impersonating(),
    })
}

pub async fn portal_show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let p = portal_page(
        &ctx,
        &state,
        &user,
        path.into_inner(),
        FieldErrors::default(),
    )
    .await?;
    page(&p)
}

#[derive(Deserialize, Default)]
pub struct RequestForm {
    confirm: Option<String>,
}

pub async fn portal_request(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<RequestForm>,
) -> Result<HttpResponse, AppError> {
    // Asking for the account to be deleted is the owner's own decision.
    user.refuse_while_impersonating()?;
    let cid = path.into_inner();
    if form.confirm.is_none() {
        let mut errors = FieldErrors::default();
        errors.add("confirm", "deletion-confirm-tick");
        let p = portal_page(&ctx, &state, &user, cid, errors).await?;
        return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let memberships = user.memberships().clone();
    let (me, actor) = (user.effective().id, user.actor(&req));
    let base_url = state.config.base_url.clone();
    let done = db::run(&state.pool, move |c| {
        let scope = scope::member_client_scope(c, &memberships, ClientId(cid))?;
        deletion::request(c, &scope, me, &actor, &base_url)
    })
    .await;
    let home = format!("/portal/{cid}");
    match done {
        // Not a success to celebrate: the client area's one notice of the scheduled deletion
        // says it (with the days left), not a second message beside it.
        Ok(_) => Ok(crate::web::reply::see_other(&home)),
        Err(AppError::Conflict(_)) => Ok(see_other_with_flash(
            &session,
            &home,
            "info",
            "deletion-already-open",
        )),
        Err(e) => Err(e),
    }
}

// --- the console's Delete client tab -----------------------------------------------------

/// One request of the history, as shown.
pub struct RequestRow {
    pub requested: String,
    pub requested_by: String,
    pub due: String,
    pub days_left: i64,
    /// The catalogue key of its outcome (open, cancelled, deleted, deleted by staff).
    pub outcome: &'static str,
    /// When and by whom it closed.
    pub closed: Option<(String, String)>,
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "clients/deletion.html")]
struct DeletionTab {
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    layout: Layout,
    group_id: i64,
    client_id: i64,
    client_name: String,
    may_act: bool,
    open: Option<RequestRow>,
    history: Vec<RequestRow>,
    deleted_on: Option<String>,
    what_goes: WhatGoes,
    note: String,
    confirm_name: String,
    errors: FieldErrors,
}

impl DeletionTab {
    fn status_key(status: &str) -> &'static str {
        service_status_key(status)
    }
}

fn row(
    lang: Lang,
    r: &DeletionRequest,
    names: &std::collections::HashMap<i64, String>,
) -> RequestRow {
    let name = |id: Option<i64>, fallback: &str| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| crate::i18n::t(lang, fallback))
    };
    let (outcome, closed) = match (r.cancelled_at, r.completed_at) {
        (Some(at), _) => (
            "deletion-outcome-cancelled",
            Some((
                format_datetime(lang, at),
                name(r.cancelled_by, "deletion-someone"),
            )),
        ),
        (None, Some(at)) if r.by_staff => (
            "deletion-outcome-deleted-by-staff",
            Some((
                format_datetime(lang, at),
                name(r.completed_by, "deletion-someone"),
            )),
        ),
        (None, Some(at)) => (
            "deletion-outcome-deleted",
            Some((
                format_datetime(lang, at),
                name(r.completed_by, "audit-by-scheduler"),
            )),
        ),
        (None, None) => ("deletion-outcome-open", None),
    };
    RequestRow {
        requested: format_datetime(lang, r.requested_at),
        requested_by: name(r.requested_by, "deletion-someone"),
        due: format_date(lang, r.due_at.date()),
        days_left: days_left(r.due_at, db::now()),
        outcome,
        closed,
        note: r.cancel_note.clone(),
    }
}

async fn tab(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    (gid, cid): (i64, i64),
    note: String,
    confirm_name: String,
    errors: FieldErrors,
) -> Result<DeletionTab, AppError> {
    let memberships = user.memberships().clone();
    let (scope, t) = db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let t = deletion::tab(c, &scope)?;
        let facts = crate::services::clients::status_facts(c, scope.client_id())?;
        Ok((scope, (t, facts)))
    })
    .await?;
    let lang = ctx.lang();
    let title = Msg::new("deletion-tab-title")
        .with("client", scope.client_name())
        .in_lang(lang);
    let (t, facts) = t;
    Ok(DeletionTab {
        pill: Some(crate::views::clients::StatusPill::of_facts(&facts)),
        layout: ctx.group_layout(scope.group(), "clients", title)?,
        group_id: gid,
        client_id: cid,
        client_name: scope.client_name().to_owned(),
        may_act: scope.group().may(Action::ManageDeletion) && t.deleted_at.is_none(),
        open: t.open.as_ref().map(|r| row(lang, r, &t.names)),
        history: t.history.iter().map(|r| row(lang, r, &t.names)).collect(),
        deleted_on: t.deleted_at.map(|at| format_datetime(lang, at)),
        what_goes: t.what_goes,
        note,
        confirm_name,
        errors,
    })
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let t = tab(
        &ctx,
        &state,
        &user,
        path.into_inner(),
        String::new(),
        String::new(),
        FieldErrors::default(),
    )
    .await?;
    page(&t)
}

#[derive(Deserialize, Default)]
pub struct CancelForm {
    #[serde(default)]
    note: String,
}

pub async fn cancel(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let memberships = user.memberships().clone();
    let (actor, base_url, note) = (
        user.actor(&req),
        state.config.base_url.clone(),
        form.note.clone(),
    );
    let done = db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        deletion::cancel(c, &scope, &note, &actor, &base_url)
    })
    .await;
    let here = format!("/groups/{gid}/clients/{cid}/deletion");
    match done {
        Ok(()) => Ok(see_other_with_flash(
            &session,
            &here,
            "success",
            "deletion-cancelled-flash",
        )),
        Err(AppError::Conflict(_)) => Ok(see_other_with_flash(
            &session,
            &here,
            "info",
            "deletion-none-open",
        )),
        Err(AppError::Invalid(errors)) => {
            let t = tab(
                &ctx,
                &state,
                &user,
                (gid, cid),
                form.note.clone(),
                String::new(),
                errors,
            )
            .await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    confirm_name: String,
}

pub async fn delete(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let memberships = user.memberships().clone();
    let (actor, base_url, typed) = (
        user.actor(&req),
        state.config.base_url.clone(),
        form.confirm_name.clone(),
    );
    let done = db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        deletion::delete(c, &scope, &typed, &actor, &base_url)
            .map(|d| (d, scope.client_name().to_owned()))
    })
    .await;
    let here = format!("/groups/{gid}/clients/{cid}/deletion");
    match done {
        Ok((true, name)) => Ok(see_other_with_flash(
            &session,
            &here,
            "success",
            Msg::new("deletion-deleted-flash").with("client", name),
        )),
        Ok((false, _)) => Ok(see_other_with_flash(
            &session,
            &here,
            "info",
            "deletion-already-deleted",
        )),
        Err(AppError::Invalid(errors)) => {
            let t = tab(
                &ctx,
                &state,
                &user,
                (gid, cid),
                String::new(),
                form.confirm_name.clone(),
                errors,
            )
            .await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e),
    }
}
