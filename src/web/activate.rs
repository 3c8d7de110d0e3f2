//! `GET,POST /activate/{token}`: a new client's owner sets a password and is signed in to
//! the client area. Used and expired links get a page that says so (410); unknown ones 404.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::password::check_new_password;
use crate::db;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::input::FieldErrors;
use crate::services::clients::{self, Activation};
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::error_page::render_error_page;
use crate::web::identity::sign_in;
use crate::web::reply::{page, page_with_status, see_other_with_flash};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "auth/activate.html")]
struct ActivatePage {
    layout: Layout,
    token: String,
    email: String,
    client_name: String,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct ActivateForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

fn dead_link(state: &Activation, lang: Lang) -> HttpResponse {
    match state {
        Activation::Used => render_error_page(
            StatusCode::GONE,
            "activate-used-title",
            "activate-used-text",
            lang,
        ),
        Activation::Expired => render_error_page(
            StatusCode::GONE,
            "activate-expired-title",
            "activate-expired-text",
            lang,
        ),
        _ => render_error_page(
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            "activate-unknown-text",
            lang,
        ),
    }
}

/// What the link leads to (the page that says why it is dead is [`dead_link`]).
async fn open_link(state: &AppState, token: &str) -> Result<Activation, AppError> {
    let t = token.to_owned();
    db::run(&state.pool, move |c| Ok(clients::activation(c, &t)?)).await
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (email, client_name) = match open_link(&state, &token).await? {
        Activation::Valid {
            email, client_name, ..
        } => (email, client_name),
        dead => return Ok(dead_link(&dead, ctx.lang())),
    };
    page(&ActivatePage {
        layout: ctx.layout(ctx.t("activate-title"))?,
        token,
        email,
        client_name,
        errors: FieldErrors::default(),
    })
}

pub async fn submit(
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<ActivateForm>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (email, client_name) = match open_link(&state, &token).await? {
        Activation::Valid {
            email, client_name, ..
        } => (email, client_name),
        dead => return Ok(dead_link(&dead, ctx.lang())),
    };
    let mut errors = FieldErrors::default();
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    if !errors.is_empty() {
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ActivatePage {
                layout: ctx.layout(ctx.t("activate-title"))?,
                token,
                email,
                client_name,
                errors,
            },
        );
    }
    let hash = state.hasher.hash(form.password.clone()).await?;
    let done = db::run(&state.pool, move |c| clients::activate(c, &token, &hash)).await?;
    let Activation::Valid {
        user_id,
        client_id,
        client_name,
        ..
    } = done
    else {
        return Ok(dead_link(&done, ctx.lang()));
    };
    sign_in(&session, user_id)?;
    Ok(see_other_with_flash(
        &session,
        &format!("/portal/{client_id}"),
        "success",
        Msg::new("activate-welcome").with("client", client_name),
    ))
}
