//! `/profile`: the signed-in person's own name and language, password, "Sign out
//! everywhere", "Add new account" (`POST /profile/accounts`) and personal API tokens
//! (`POST /profile/api-tokens`, `POST /profile/api-tokens/{id}/revoke`; a new token is
//! shown once, in the answer to the POST). While impersonating, all of it is refused: it is the person's own, not
//! their support's.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::password::check_new_password;
use crate::auth::throttle::retry_after_seconds;
use crate::db;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::input::FieldErrors;
use crate::services::profile::{self, AccountAdded, ApiTokens, DetailsForm, NotOffered};
use crate::services::throttle;
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::identity::{CurrentUser, sign_in};
use crate::web::login::THROTTLED;
use crate::web::reply::{page, page_with_status, see_other_with_flash, with_retry_after};
use crate::web::request::peer_ip;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    layout: Layout,
    email: String,
    details: DetailsForm,
    details_errors: FieldErrors,
    password_errors: FieldErrors,
    account_name: String,
    account_errors: FieldErrors,
    /// Why "Add new account" is not offered now (None: it is).
    new_account: Option<NotOffered>,
    languages: [Lang; 3],
    /// This session speaks a language picked before sign-in that is not the profile's:
    /// the page offers to make it the default (with the stored names, not a form's).
    session_lang: Option<Lang>,
    stored_names: (String, String),
    /// Shown read-only to a staff member signed in as this person.
    impersonating: bool,
    /// Signing in asks for a code after the password.
    two_step: bool,
    /// The person's API tokens, newest first.
    tokens: Vec<TokenRow>,
    /// A token just made: shown this once.
    new_token: Option<String>,
    /// How many of the person's tokens still work: the password form asks whether to
    /// keep them, "Sign out everywhere" says they stop.
    live_tokens: usize,
    /// The password form came back with "revoke my API tokens" ticked.
    revoke_tokens: bool,
    token_name: String,
    token_errors: FieldErrors,
}

/// An API token as the profile lists it.
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created: String,
    /// When it was last used (to the minute), if ever.
    pub last_used: Option<String>,
    pub revoked: Option<String>,
}

impl ProfilePage {
    /// The profile's language by its own name (the session-language offer).
    fn default_language_name(&self) -> &'static str {
        Lang::from_code(&self.details.language).native_name()
    }

    /// The bound the profile's sentence names.
    fn new_accounts_a_day() -> i64 {
        profile::NEW_ACCOUNTS_A_DAY
    }

    /// The page as it stands, the person's API tokens read.
    async fn load(
        ctx: &PageContext,
        state: &AppState,
        user: &CurrentUser,
    ) -> Result<Self, AppError> {
        let me = user.effective().id;
        let tokens = db::run(&state.pool, move |c| crate::services::api::tokens_of(c, me)).await?;
        let lang = ctx.lang();
        let mut p = ProfilePage::new(ctx, user)?;
        if !user.is_impersonating() {
            let (person, policy) = (user.effective().clone(), state.config.new_accounts);
            p.new_account = db::run(&state.pool, move |c| {
                profile::may_add_account(c, &person, policy)
            })
            .await?
            .err();
        }
        p.tokens = tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id,
                name: t.name,
                created: crate::i18n::format_date(lang, t.created_at.date()),
                last_used: t
                    .last_used_at
                    .map(|at| crate::i18n::format_datetime(lang, at)),
                revoked: t
                    .revoked_at
                    .map(|at| crate::i18n::format_date(lang, at.date())),
            })
            .collect();
        p.live_tokens = p.tokens.iter().filter(|t| t.revoked.is_none()).count();
        Ok(p)
    }

    fn new(ctx: &PageContext, user: &CurrentUser) -> Result<Self, AppError> {
        Ok(ProfilePage {
            tokens: Vec::new(),
            new_token: None,
            live_tokens: 0,
            revoke_tokens: false,
            token_name: String::new(),
            token_errors: FieldErrors::default(),
            layout: ctx.layout(ctx.t("profile-title"))?,
            email: user.effective().email.clone(),
            details: DetailsForm::of(user.effective()),
            details_errors: FieldErrors::default(),
            password_errors: FieldErrors::default(),
            account_name: String::new(),
            account_errors: FieldErrors::default(),
            new_account: None,
            languages: Lang::ALL,
            stored_names: (
                user.effective().first_name.clone(),
                user.effective().last_name.clone(),
            ),
            session_lang: Some(ctx.lang())
                .filter(|l| l.code() != Lang::from_code(&user.real().language).code()),
            impersonating: user.is_impersonating(),
            two_step: user.effective().uses_two_step(),
        })
    }
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    page(&ProfilePage::load(&ctx, &state, &user).await?)
}

pub async fn save_details(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    // The profile is the person's own: nothing of it changes on their behalf.
    user.refuse_while_impersonating()?;
    let form = form.into_inner();
    let (id, actor, f) = (user.effective().id, user.actor(&req), form.clone());
    match db::run(&state.pool, move |c| {
        profile::save_details(c, id, &f, &actor)
    })
    .await
    {
        Ok(changed) => {
            // The profile's language rules from now on, in this session too.
            crate::web::locale::forget_choice(&session);
            let key = if changed {
                "profile-saved"
            } else {
                "client-unchanged"
            };
            Ok(see_other_with_flash(&session, "/profile", "success", key))
        }
        Err(AppError::Invalid(errors)) => {
            let mut p = ProfilePage::load(&ctx, &state, &user).await?;
            p.details = DetailsForm {
                first_name: form.first_name.trim().to_owned(),
                last_name: form.last_name.trim().to_owned(),
                language: form.language,
            };
            p.details_errors = errors;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    /// Ticked: the person's API tokens are revoked with the old password.
    revoke_api_tokens: Option<String>,
}

/// What typing one's current password again gave.
pub enum PasswordCheck {
    Right,
    /// Empty or wrong: the message for the field.
    Wrong(&'static str),
    /// Too many failures for this address: refused unheard, for this many seconds.
    Throttled(i64),
}

/// Checks the signed-in person's current password (changing it, turning two-step
/// verification off, new recovery codes). Guessing here counts like failed sign-ins, and
/// is refused alike once the address is locked.
pub async fn check_current_password(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    typed: &str,
) -> Result<PasswordCheck, AppError> {
    if typed.is_empty() {
        return Ok(PasswordCheck::Wrong("error-enter-password"));
    }
    let email = user.effective().email.clone();
    let (addr, ip) = (email.clone(), peer_ip(req));
    let wait = db::run(&state.pool, move |c| {
        throttle::attempt(c, &addr, ip.as_deref(), db::now())
    })
    .await?;
    if let Some(wait) = wait {
        return Ok(PasswordCheck::Throttled(retry_after_seconds(wait)));
    }
    let current = user.effective().password_hash.clone();
    if state.hasher.verify(typed.to_owned(), current).await? {
        db::run(&state.pool, move |c| throttle::clear(c, &email)).await?;
        Ok(PasswordCheck::Right)
    } else {
        Ok(PasswordCheck::Wrong("error-current-password"))
    }
}

/// The message of a refusal for too many failures.
pub fn throttled_msg(seconds: i64) -> Msg {
    Msg::new(THROTTLED).with("minutes", (seconds + 59) / 60)
}

pub async fn change_password(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let mut errors = FieldErrors::default();
    match check_current_password(&req, &state, &user, &form.current_password).await? {
        PasswordCheck::Right => {}
        PasswordCheck::Wrong(key) => errors.add("current_password", key),
        PasswordCheck::Throttled(seconds) => {
            errors.add("current_password", throttled_msg(seconds));
            let mut p = ProfilePage::load(&ctx, &state, &user).await?;
            p.password_errors = errors;
            p.revoke_tokens = form.revoke_api_tokens.is_some();
            return with_retry_after(
                page_with_status(StatusCode::TOO_MANY_REQUESTS, &p)?,
                seconds,
            );
        }
    }
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    if !errors.is_empty() {
        let mut p = ProfilePage::load(&ctx, &state, &user).await?;
        p.password_errors = errors;
        p.revoke_tokens = form.revoke_api_tokens.is_some();
        return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let hash = state.hasher.hash(form.password.clone()).await?;
    let (id, actor) = (user.effective().id, user.actor(&req));
    let tokens = if form.revoke_api_tokens.is_some() {
        ApiTokens::Revoke
    } else {
        ApiTokens::Keep
    };
    db::run(&state.pool, move |c| {
        profile::change_password(c, id, &hash, tokens, &actor)
    })
    .await?;
    // Every session ended, this one too: this browser stays signed in, with a new id.
    sign_in(&session, id)?;
    Ok(see_other_with_flash(
        &session,
        "/profile",
        "success",
        "profile-password-changed",
    ))
}

pub async fn sign_out_everywhere(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let (id, actor) = (user.effective().id, user.actor(&req));
    db::run(&state.pool, move |c| {
        profile::sign_out_everywhere(c, id, &actor)
    })
    .await?;
    session.remove(crate::web::identity::USER_ID_KEY);
    session.renew();
    Ok(see_other_with_flash(
        &session,
        "/login",
        "success",
        "profile-signed-out-everywhere",
    ))
}

#[derive(Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    group_name: String,
}

pub async fn add_account(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<AccountForm>,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let (me, actor, name) = (
        user.effective().clone(),
        user.actor(&req),
        form.group_name.clone(),
    );
    let policy = state.config.new_accounts;
    match db::run(&state.pool, move |c| {
        profile::add_account(c, &me, &name, policy, &actor)
    })
    .await
    {
        Ok(AccountAdded::Added(gid)) => Ok(see_other_with_flash(
            &session,
            &format!("/groups/{gid}/clients"),
            "success",
            Msg::new("profile-account-added").with("name", form.group_name.trim()),
        )),
        // Not offered (the setting, or the day's bound): the page says why, nothing made.
        Ok(AccountAdded::NotOffered(why)) => {
            let p = ProfilePage::load(&ctx, &state, &user).await?;
            let status = if why == NotOffered::DailyLimit {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::FORBIDDEN
            };
            page_with_status(status, &p)
        }
        Err(AppError::Invalid(errors)) => {
            let mut p = ProfilePage::load(&ctx, &state, &user).await?;
            p.account_name = form.group_name.trim().to_owned();
            p.account_errors = errors;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token_name: String,
}

/// Makes a personal API token and shows it, in this answer only.
pub async fn create_api_token(
    req: HttpRequest,
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let name = form.token_name.trim().to_owned();
    let (me, actor, n) = (user.effective().id, user.actor(&req), name.clone());
    // The session this was asked from: checked again as the token is made.
    let session_row =
        crate::web::session_store::loaded_session_row().ok_or(AppError::SignInRequired {
            next: "/profile".into(),
        })?;
    match db::run(&state.pool, move |c| {
        crate::services::api::create_token(c, me, &session_row, &n, &actor)
    })
    .await
    {
        // Shown in this answer only (never stored, in the session neither), and kept out
        // of caches; reloading the page does not show it again.
        Ok(secret) => {
            let mut p = ProfilePage::load(&ctx, &state, &user).await?;
            p.new_token = Some(secret);
            p.layout.flash = Some(crate::views::Flash {
                kind: "success".into(),
                message: Msg::new("profile-token-made").with("name", name),
            });
            let mut answer = page(&p)?;
            answer.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-store"),
            );
            Ok(answer)
        }
        Err(AppError::Invalid(errors)) => {
            let mut p = ProfilePage::load(&ctx, &state, &user).await?;
            p.token_name = form.token_name.clone();
            p.token_errors = errors;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(e) => Err(e),
    }
}

/// Revokes one of the person's API tokens (another's is not found).
pub async fn revoke_api_token(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let (me, actor, id) = (user.effective().id, user.actor(&req), path.into_inner());
    db::run(&state.pool, move |c| {
        crate::services::api::revoke_token(c, me, id, &actor)
    })
    .await?;
    Ok(see_other_with_flash(
        &session,
        "/profile#api-tokens",
        "success",
        "profile-token-revoked",
    ))
}
