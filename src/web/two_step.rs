//! `/profile/two-step`: turning two-step verification on (a QR code and the secret to type,
//! then a code from the app and the password to confirm it; every other session ends; ten
//! recovery codes shown once), new recovery codes and turning it off (both with the
//! password), for the signed-in person only: all of it is refused while a staff member is
//! signed in as them (403). The secret being set up waits in the session until confirmed;
//! nothing is stored before.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::two_step as rules;
use crate::db;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::services::two_step;
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::identity::{CurrentUser, sign_in};
use crate::web::profile::{PasswordCheck, check_current_password, throttled_msg};
use crate::web::reply::{
    page, page_with_status, see_other, see_other_with_flash, with_retry_after,
};
use crate::web::state::AppState;

/// The session key of a secret being set up (until its first code is confirmed).
const ENROLLING_KEY: &str = "two_step_enrolling";

#[derive(Template)]
#[template(path = "two_step.html")]
struct TwoStepPage {
    layout: Layout,
    /// On since (formatted), if it is on.
    enabled_since: Option<String>,
    codes_left: i64,
    /// Being set up: the QR code (an SVG `data:` URL) and the secret in groups of four.
    enrolling: Option<(String, String)>,
    /// Just made: shown this once.
    recovery_codes: Vec<String>,
    /// The groups of which the person is staff that require it (names).
    required_by: Vec<String>,
    errors: FieldErrors,
}

fn staff_groups(user: &CurrentUser) -> Vec<(i64, String)> {
    user.memberships()
        .iter()
        .filter(|m| m.account_kind == crate::models::account::KIND_GROUP)
        .map(|m| (m.account_id, m.account_name.clone()))
        .collect()
}

async fn render(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    session: &Session,
    recovery_codes: Vec<String>,
    errors: FieldErrors,
) -> Result<TwoStepPage, AppError> {
    let me = user.effective().clone();
    let groups = staff_groups(user);
    let ids: Vec<i64> = groups.iter().map(|(id, _)| *id).collect();
    let (codes_left, requiring) = db::run(&state.pool, move |c| {
        Ok((
            two_step::recovery_codes_left(c, me.id)?,
            two_step::requiring(c, &ids)?,
        ))
    })
    .await?;
    let enabled_since = user
        .effective()
        .totp_enabled_at
        .filter(|_| user.effective().uses_two_step())
        .map(|t| crate::i18n::format_date(ctx.lang(), t.date()));
    let enrolling = if enabled_since.is_none() {
        session
            .get::<String>(ENROLLING_KEY)
            .ok()
            .flatten()
            .and_then(|secret| {
                let qr = rules::qr_data_url(&secret, &user.effective().email)?;
                Some((qr, rules::grouped(&secret)))
            })
    } else {
        None
    };
    Ok(TwoStepPage {
        layout: ctx.layout(ctx.t("two-step-title"))?,
        enabled_since,
        codes_left,
        enrolling,
        recovery_codes,
        required_by: groups
            .into_iter()
            .filter(|(id, _)| requiring.contains(id))
            .map(|(_, name)| name)
            .collect(),
        errors,
    })
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let codes = match session.get::<Vec<String>>(NEW_CODES_KEY).ok().flatten() {
        Some(codes) => {
            session.remove(NEW_CODES_KEY);
            codes
        }
        None => Vec::new(),
    };
    page(&render(&ctx, &state, &user, &session, codes, FieldErrors::default()).await?)
}

/// "Set up": a new secret in the session, shown as a QR code on the page.
pub async fn start(session: Session, user: CurrentUser) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    if !user.effective().uses_two_step() {
        session
            .insert(ENROLLING_KEY, rules::new_secret())
            .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    }
    Ok(see_other("/profile/two-step"))
}

fn flash(key: &'static str) -> crate::views::Flash {
    crate::views::Flash {
        kind: "success".into(),
        message: Msg::new(key),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

/// The session key of recovery codes just made, shown by the next page once.
const NEW_CODES_KEY: &str = "two_step_new_codes";

/// The first code from the app: it proves the app holds the secret. On: the recovery
/// codes are shown, this once.
pub async fn confirm(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    if user.effective().uses_two_step() {
        return Ok(see_other("/profile/two-step"));
    }
    let Some(secret) = session.get::<String>(ENROLLING_KEY).ok().flatten() else {
        return Ok(see_other_with_flash(
            &session,
            "/profile/two-step",
            "error",
            "two-step-start-again",
        ));
    };
    // The password again: a session alone (left open, taken) does not tie a phone to the
    // account.
    if let Some(refused) =
        password_again(&req, &ctx, &session, &state, &user, &form.password).await?
    {
        return Ok(refused);
    }
    let unix = db::now().and_utc().timestamp().max(0) as u64;
    let Some(step) = rules::matching_step(&secret, &form.code, unix, None) else {
        let mut errors = FieldErrors::default();
        errors.add("code", "two-step-code-wrong");
        let page = render(&ctx, &state, &user, &session, Vec::new(), errors).await?;
        return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let (id, actor) = (user.effective().id, user.actor(&req));
    let codes = db::run(&state.pool, move |c| {
        two_step::enable(c, id, &secret, step, &actor)
    })
    .await?;
    session.remove(ENROLLING_KEY);
    // Every other session ended with it (one opened before by someone with the password
    // has no code); this browser stays signed in, with a new id. The codes are shown by
    // the page this leads to, once.
    sign_in(&session, id)?;
    session
        .insert(NEW_CODES_KEY, &codes)
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    Ok(see_other_with_flash(
        &session,
        "/profile/two-step",
        "success",
        "two-step-enabled",
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// The password again, for new recovery codes and for turning it off. On a refusal the
/// page is drawn again with the answer (422 or 429).
async fn password_again(
    req: &HttpRequest,
    ctx: &PageContext,
    session: &Session,
    state: &AppState,
    user: &CurrentUser,
    typed: &str,
) -> Result<Option<HttpResponse>, AppError> {
    let mut errors = FieldErrors::default();
    let status = match check_current_password(req, state, user, typed).await? {
        PasswordCheck::Right => return Ok(None),
        PasswordCheck::Wrong(key) => {
            errors.add("password", key);
            None
        }
        PasswordCheck::Throttled(seconds) => {
            errors.add("password", throttled_msg(seconds));
            Some(seconds)
        }
    };
    let page = render(ctx, state, user, session, Vec::new(), errors).await?;
    Ok(Some(match status {
        None => page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)?,
        Some(seconds) => with_retry_after(
            page_with_status(StatusCode::TOO_MANY_REQUESTS, &page)?,
            seconds,
        )?,
    }))
}

/// What a change of two-step verification that is on asks first (new recovery codes,
/// turning it off): not from inside support access (403), on (else back to the page), and
/// the password again. The answer to give instead, when one of them refuses.
async fn while_on(
    req: &HttpRequest,
    ctx: &PageContext,
    session: &Session,
    state: &AppState,
    user: &CurrentUser,
    password: &str,
) -> Result<Option<HttpResponse>, AppError> {
    user.refuse_while_impersonating()?;
    if !user.effective().uses_two_step() {
        return Ok(Some(see_other("/profile/two-step")));
    }
    password_again(req, ctx, session, state, user, password).await
}

pub async fn renew_recovery_codes(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    if let Some(refused) = while_on(&req, &ctx, &session, &state, &user, &form.password).await? {
        return Ok(refused);
    }
    let (id, actor) = (user.effective().id, user.actor(&req));
    let codes = db::run(&state.pool, move |c| {
        two_step::renew_recovery_codes(c, id, &actor)
    })
    .await?;
    let mut p = render(&ctx, &state, &user, &session, codes, FieldErrors::default()).await?;
    p.layout.flash = Some(flash("two-step-codes-renewed"));
    page(&p)
}

pub async fn disable(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    if let Some(refused) = while_on(&req, &ctx, &session, &state, &user, &form.password).await? {
        return Ok(refused);
    }
    let ids: Vec<i64> = staff_groups(&user).into_iter().map(|(id, _)| id).collect();
    let (id, actor) = (user.effective().id, user.actor(&req));
    match db::run(&state.pool, move |c| two_step::disable(c, id, &ids, &actor)).await {
        Ok(()) => Ok(see_other_with_flash(
            &session,
            "/profile/two-step",
            "success",
            Msg::new("two-step-disabled"),
        )),
        Err(AppError::Invalid(errors)) => {
            let page = render(&ctx, &state, &user, &session, Vec::new(), errors).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
