//! `GET,POST /email-change/{token}`: the two links of an email change the staff of one of
//! a person's accounts asked for. The first, sent to the current address, lets the person
//! approve it; a second link then goes to the new address, and opening it there makes the
//! change (every session of theirs ends and the old address is told). Opening a link only
//! shows what its button does (mail scanners open links); its secret leaves the address
//! bar then ([`crate::web::kept_links`]).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::db;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::services::client_users::{self, ChangeStep, Confirmed, EmailChange};
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::error_page::render_error_page;
use crate::web::identity::USER_ID_KEY;
use crate::web::reply::{page, see_other_with_flash};
use crate::web::request::peer_ip;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "auth/email_change.html")]
struct ConfirmPage {
    layout: Layout,
    /// What the form posts to: the link's reference ([`crate::web::kept_links`]).
    link: String,
    old: String,
    new: String,
    /// The first link (approve, at the current address) or the second (confirm, at the
    /// new one).
    approve: bool,
}

fn dead_link(state: &EmailChange, lang: Lang) -> HttpResponse {
    match state {
        EmailChange::Used => render_error_page(
            StatusCode::GONE,
            "email-change-used-title",
            "email-change-used-text",
            lang,
        ),
        EmailChange::Expired => render_error_page(
            StatusCode::GONE,
            "email-change-expired-title",
            "email-change-expired-text",
            lang,
        ),
        _ => render_error_page(
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            "email-change-unknown-text",
            lang,
        ),
    }
}

pub async fn show(
    req: HttpRequest,
    ctx: PageContext,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let link = path.into_inner();
    let Some(t) = state.links.secret(&req, &link) else {
        return Ok(dead_link(&EmailChange::Unknown, ctx.lang()));
    };
    let change = db::run(&state.pool, move |c| client_users::email_change(c, &t)).await?;
    let EmailChange::Valid { old, new, step, .. } = change else {
        return Ok(dead_link(&change, ctx.lang()));
    };
    if let Some(moved) = state
        .links
        .keep(&req, &link, |r| format!("/email-change/{r}"))
    {
        return Ok(moved);
    }
    page(&ConfirmPage {
        layout: ctx.layout(ctx.t("email-change-title"))?,
        link,
        old,
        new,
        approve: step == ChangeStep::Approve,
    })
}

pub async fn confirm(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    ctx.refuse_while_impersonating()?;
    let Some(token) = state.links.secret(&req, &path.into_inner()) else {
        return Ok(dead_link(&EmailChange::Unknown, ctx.lang()));
    };
    let (base_url, ip) = (state.config.base_url.clone(), peer_ip(&req));
    let t = token.clone();
    let step = db::run(&state.pool, move |c| client_users::email_change(c, &t)).await?;
    if let EmailChange::Valid {
        step: ChangeStep::Approve,
        ..
    } = step
    {
        let approved = db::run(&state.pool, move |c| {
            client_users::approve_email_change(c, &token, &base_url, ip)
        })
        .await?;
        return Ok(match approved {
            Ok(new) => see_other_with_flash(
                &session,
                "/login",
                "info",
                Msg::new("email-change-approved").with("email", new),
            ),
            Err(dead) => dead_link(&dead, ctx.lang()),
        });
    }
    let done = db::run(&state.pool, move |c| {
        client_users::confirm_email_change(c, &token, &base_url, ip)
    })
    .await?;
    match done {
        Confirmed::Changed { new } => {
            // Every session of theirs ended: this browser signs in anew with the new address.
            session.remove(USER_ID_KEY);
            session.renew();
            Ok(see_other_with_flash(
                &session,
                "/login",
                "success",
                Msg::new("email-change-done").with("email", new),
            ))
        }
        Confirmed::Taken { new } => Ok(see_other_with_flash(
            &session,
            "/login",
            "error",
            Msg::new("email-change-taken").with("email", new),
        )),
        Confirmed::Dead(state) => Ok(dead_link(&state, ctx.lang())),
    }
}
