//! "Forgot your password?" (`GET,POST /password/forgot`) and the emailed link
//! (`GET,POST /password/reset/{token}`).
//!
//! Asking for a link answers at once and the same for every address: the lookup and the
//! email are done after the answer (`actix_web::rt::spawn`), so neither the words nor the
//! time tell whether the address has a user. The link's secret leaves the address bar on
//! the first GET ([`crate::web::kept_links`]).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::password::check_new_password;
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{FieldErrors, email_problem};
use crate::models::user::normalize_email;
use crate::services::password_reset::{self, ResetLink};
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::error_page::render_error_page;
use crate::web::identity::USER_ID_KEY;
use crate::web::reply::{page, page_with_status, see_other_with_flash};
use crate::web::request::peer_ip;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    layout: Layout,
    email: String,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

pub async fn forgot_show(ctx: PageContext) -> Result<HttpResponse, AppError> {
    page(&ForgotPage {
        layout: ctx.layout(ctx.t("forgot-title"))?,
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn forgot_submit(
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    form: web::Form<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let email = normalize_email(&form.email);
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "error-enter-email");
    } else if let Some(problem) = email_problem(&email) {
        errors.add("email", problem);
    }
    if !errors.is_empty() {
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ForgotPage {
                layout: ctx.layout(ctx.t("forgot-title"))?,
                email: form.email.trim().to_owned(),
                errors,
            },
        );
    }
    let pool = state.pool.clone();
    let base_url = state.config.base_url.clone();
    actix_web::rt::spawn(async move {
        let done = db::run(&pool, move |c| {
            password_reset::request(c, &email, &base_url, db::now())
        })
        .await;
        if let Err(e) = done {
            tracing::warn!(error = %e, "a password reset request failed");
        }
    });
    Ok(see_other_with_flash(
        &session,
        "/login",
        "info",
        "forgot-sent",
    ))
}

#[derive(Template)]
#[template(path = "auth/reset.html")]
struct ResetPage {
    layout: Layout,
    /// What the form posts to: the link's reference ([`crate::web::kept_links`]).
    link: String,
    email: String,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

fn dead_link(state: &ResetLink, lang: Lang) -> HttpResponse {
    match state {
        ResetLink::Used => render_error_page(
            StatusCode::GONE,
            "reset-used-title",
            "reset-used-text",
            lang,
        ),
        ResetLink::Expired => render_error_page(
            StatusCode::GONE,
            "reset-expired-title",
            "reset-expired-text",
            lang,
        ),
        _ => render_error_page(
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            "reset-unknown-text",
            lang,
        ),
    }
}

async fn open_link(state: &AppState, token: &str) -> Result<ResetLink, AppError> {
    let t = token.to_owned();
    db::run(&state.pool, move |c| password_reset::link(c, &t)).await
}

pub async fn reset_show(
    req: HttpRequest,
    ctx: PageContext,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let link = path.into_inner();
    let Some(token) = state.links.secret(&req, &link) else {
        return Ok(dead_link(&ResetLink::Unknown, ctx.lang()));
    };
    let email = match open_link(&state, &token).await? {
        ResetLink::Valid { email, .. } => email,
        dead => return Ok(dead_link(&dead, ctx.lang())),
    };
    if let Some(moved) = state
        .links
        .keep(&req, &link, |r| format!("/password/reset/{r}"))
    {
        return Ok(moved);
    }
    page(&ResetPage {
        layout: ctx.layout(ctx.t("reset-title"))?,
        link,
        email,
        errors: FieldErrors::default(),
    })
}

pub async fn reset_submit(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, AppError> {
    ctx.refuse_while_impersonating()?;
    let link = path.into_inner();
    let Some(token) = state.links.secret(&req, &link) else {
        return Ok(dead_link(&ResetLink::Unknown, ctx.lang()));
    };
    let email = match open_link(&state, &token).await? {
        ResetLink::Valid { email, .. } => email,
        dead => return Ok(dead_link(&dead, ctx.lang())),
    };
    let mut errors = FieldErrors::default();
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    if !errors.is_empty() {
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetPage {
                layout: ctx.layout(ctx.t("reset-title"))?,
                link,
                email,
                errors,
            },
        );
    }
    let hash = state.hasher.hash(form.password.clone()).await?;
    let ip = peer_ip(&req);
    let done = db::run(&state.pool, move |c| {
        password_reset::reset(c, &token, &hash, ip)
    })
    .await?;
    if !matches!(done, ResetLink::Valid { .. }) {
        return Ok(dead_link(&done, ctx.lang()));
    }
    // Every session of the user ended; this browser starts anew, signed out, and signs in
    // with the new password.
    session.remove(USER_ID_KEY);
    session.renew();
    Ok(see_other_with_flash(
        &session,
        "/login",
        "success",
        "reset-done",
    ))
}
