//! First-run set-up: `/setup` exists only while no user does. It takes the one-time token
//! printed at start-up, makes the first group and its owner, and signs the owner in.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::password::check_new_password;
use crate::db;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::input::check_person_name;
use crate::services::groups::{NewGroupInput, check_group_fields};
use crate::services::setup::{self, SetupOutcome};
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::identity::sign_in;
use crate::web::reply::{page, page_with_status, see_other, see_other_with_flash};
use crate::web::state::AppState;

/// What was typed (passwords are never sent back).
#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    group_name: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "auth/setup.html")]
struct SetupPage<'a> {
    layout: Layout,
    form: &'a SetupForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
}

const BAD_TOKEN: &str = "error-setup-token-bad";

async fn ensure_needed(state: &AppState) -> Result<(), AppError> {
    let needed = db::run(&state.pool, |c| Ok(setup::is_needed(c)?)).await?;
    if needed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    query: web::Query<SetupQuery>,
) -> Result<HttpResponse, AppError> {
    ensure_needed(&state).await?;
    let form = SetupForm {
        token: query.into_inner().token.unwrap_or_default(),
        ..Default::default()
    };
    page(&SetupPage {
        layout: ctx.layout(ctx.t("setup-title"))?,
        form: &form,
        errors: FieldErrors::default(),
    })
}

fn check(form: &SetupForm) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if form.token.trim().is_empty() {
        errors.add("token", "error-setup-token-missing");
    }
    check_group_fields(&form.group_name, &form.email, &mut errors);
    check_person_name(
        &mut errors,
        "first_name",
        &form.first_name,
        "error-enter-first-name",
    );
    check_person_name(
        &mut errors,
        "last_name",
        &form.last_name,
        "error-enter-last-name",
    );
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    errors
}

pub async fn submit(
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    form: web::Form<SetupForm>,
) -> Result<HttpResponse, AppError> {
    ensure_needed(&state).await?;
    let form = form.into_inner();
    let mut errors = check(&form);
    if !errors.has("token") {
        let token = form.token.clone();
        if !db::run(&state.pool, move |c| Ok(setup::token_is_valid(c, &token)?)).await? {
            errors.add("token", BAD_TOKEN);
        }
    }
    let rerender = |errors: FieldErrors| -> Result<HttpResponse, AppError> {
        page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetupPage {
                layout: ctx.layout(ctx.t("setup-title"))?,
                form: &form,
                errors,
            },
        )
    };
    if !errors.is_empty() {
        return rerender(errors);
    }
    let hash = state.hasher.hash(form.password.clone()).await?;
    let input = NewGroupInput {
        name: form.group_name.clone(),
        owner_email: form.email.clone(),
        owner_first_name: form.first_name.clone(),
        owner_last_name: form.last_name.clone(),
        owner_password_hash: Some(hash),
        owner_language: ctx.lang(),
        operator: false,
    };
    let token = form.token.clone();
    let outcome = db::run(&state.pool, move |c| setup::complete(c, &token, &input)).await?;
    match outcome {
        SetupOutcome::Done(created) => {
            sign_in(&session, created.owner_id)?;
            Ok(see_other_with_flash(
                &session,
                &format!("/groups/{}/clients", created.group_id),
                "success",
                Msg::new("setup-welcome").with("group", form.group_name.trim()),
            ))
        }
        SetupOutcome::BadToken => {
            let mut errors = FieldErrors::default();
            errors.add("token", BAD_TOKEN);
            rerender(errors)
        }
        SetupOutcome::AlreadyDone => Ok(see_other("/login")),
    }
}
