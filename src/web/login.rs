//! Signing in and out.
//!
//! A wrong email, a wrong password, a disabled or a not yet activated account all get the
//! same message, after the same bcrypt work, so the form does not tell which emails exist.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::throttle::retry_after_seconds;
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::input::single_line_problem;
use crate::models::user::{self, User, normalize_email};
use crate::services::throttle;
use crate::views::Layout;
use crate::web::identity::{IMPERSONATION_KEY, USER_ID_KEY, sign_in};
use crate::web::locale;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::MaybeUser,
    reply::{page, page_with_status, see_other},
    request::{peer_ip, safe_next},
};

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    next: String,
    errors: FieldErrors,
    /// A form-level problem (wrong credentials, too many attempts), shown above the fields.
    problem: Option<Msg>,
    /// The message after signing out (the catalogue key), if the browser just did.
    signed_out: Option<&'static str>,
    /// The language selector (works without JavaScript: a GET form).
    languages: [Lang; 3],
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
    /// Chosen on the sign-in page's language selector.
    lang: Option<String>,
}

pub async fn show(
    mut ctx: PageContext,
    session: Session,
    MaybeUser(user): MaybeUser,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref());
    if user.is_some() {
        return Ok(see_other(next.as_deref().unwrap_or("/")));
    }
    if let Some(lang) = query.lang.as_deref().and_then(Lang::parse) {
        locale::choose(&session, lang);
        ctx.set_lang(lang);
    }
    page(&LoginPage {
        languages: Lang::ALL,
        layout: ctx.layout(ctx.t("login-title"))?,
        email: String::new(),
        next: next.unwrap_or_default(),
        errors: FieldErrors::default(),
        problem: None,
        signed_out: match query.signed_out.as_deref() {
            None => None,
            // Signed out while signed in as a client's user: that ended too.
            Some("support") => Some("login-signed-out-support"),
            Some(_) => Some("login-signed-out"),
        },
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub const WRONG_CREDENTIALS: &str = "login-wrong-credentials";
/// Too many failed sign-ins: the same words for every address.
pub const THROTTLED: &str = "login-throttled";

/// Why a sign-in was refused, for the log only (the page says the same for all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    UnknownEmail,
    WrongPassword,
    Disabled,
    NotActivated,
}

impl Refusal {
    /// The reason a refused sign-in of this account (None: no such email) had.
    pub fn of(user: Option<&User>) -> Refusal {
        match user {
            None => Refusal::UnknownEmail,
            Some(u) if u.disabled_at.is_some() => Refusal::Disabled,
            Some(u) if u.password_hash.is_none() => Refusal::NotActivated,
            Some(_) => Refusal::WrongPassword,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Refusal::UnknownEmail => "unknown_email",
            Refusal::WrongPassword => "wrong_password",
            Refusal::Disabled => "disabled",
            Refusal::NotActivated => "not_activated",
        }
    }
}

pub async fn submit(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    // Signing in (as anyone) from inside support access: return to the console first.
    ctx.refuse_while_impersonating()?;
    let form = form.into_inner();
    let email = normalize_email(&form.email);
    let next = safe_next(form.next.as_deref());
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "error-enter-email");
    } else if let Some(problem) = single_line_problem(&email) {
        errors.add("email", problem);
    } else if email.len() > crate::input::MAX_EMAIL_LEN {
        // No address is longer; nor does a failure row keep one.
        errors.add("email", "error-email-too-long");
    }
    // The password is only ever hashed: whatever it holds is compared, never refused.
    if form.password.is_empty() {
        errors.add("password", "error-enter-password");
    }
    let render = |status: StatusCode,
                  errors: FieldErrors,
                  problem: Option<Msg>|
     -> Result<HttpResponse, AppError> {
        page_with_status(
            status,
            &LoginPage {
                languages: Lang::ALL,
                layout: ctx.layout(ctx.t("login-title"))?,
                email: form.email.trim().to_owned(),
                next: next.clone().unwrap_or_default(),
                errors,
                problem,
                signed_out: None,
            },
        )
    };
    let rerender = |errors: FieldErrors, problem: Option<Msg>| {
        render(StatusCode::UNPROCESSABLE_ENTITY, errors, problem)
    };
    if !errors.is_empty() {
        return rerender(errors, None);
    }
    let ip = peer_ip(&req);
    // Too many failures for this address or from this client: refused unheard, before any
    // lookup, with the same words whether or not the address has a user. Otherwise the
    // attempt counts as a failure until the password proves right.
    let (typed, from) = (email.clone(), ip.clone());
    let wait = db::run(&state.pool, move |c| {
        throttle::attempt(c, &typed, from.as_deref(), db::now())
    })
    .await?;
    if let Some(wait) = wait {
        tracing::info!(ip = ip.as_deref().unwrap_or("-"), "sign-in throttled");
        let seconds = retry_after_seconds(wait);
        let minutes = (seconds + 59) / 60;
        let mut answer = render(
            StatusCode::TOO_MANY_REQUESTS,
            FieldErrors::default(),
            Some(Msg::new(THROTTLED).with("minutes", minutes)),
        )?;
        answer.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(seconds),
        );
        return Ok(answer);
    }
    let lookup = email.clone();
    let found = db::run(&state.pool, move |c| Ok(user::find_by_email(c, &lookup)?)).await?;
    let hash = found
        .as_ref()
        .filter(|u| u.disabled_at.is_none())
        .and_then(|u| u.password_hash.clone());
    let matches = state.hasher.verify(form.password.clone(), hash).await?;
    let Some(user) = found.as_ref().filter(|_| matches) else {
        let reason = Refusal::of(found.as_ref());
        // The reason and the address, so an operator can act on an attack; never what was
        // typed as the password, and no email for an unknown account.
        tracing::info!(
            reason = reason.code(),
            user_id = found.as_ref().map(|u| u.id),
            ip = ip.as_deref().unwrap_or("-"),
            "sign-in refused"
        );
        return rerender(FieldErrors::default(), Some(Msg::new(WRONG_CREDENTIALS)));
    };
    db::run(&state.pool, move |c| throttle::clear(c, &email)).await?;
    sign_in(&session, user.id)?;
    tracing::info!(
        user_id = user.id,
        ip = ip.as_deref().unwrap_or("-"),
        "signed in"
    );
    Ok(see_other(next.as_deref().unwrap_or("/")))
}

/// Ends the session: its row is deleted, so the old cookie opens nothing any more. The
/// sign-in page that follows keeps speaking the user's language.
/// Signs out. A staff member signed in as a client's user is signed out too (the support
/// access ends first, recorded), and the sign-in page says both ended.
pub async fn logout(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = locale::of_request(&req, None);
    let user_id = session.get::<i64>(USER_ID_KEY).ok().flatten();
    let impersonation = session.get::<i64>(IMPERSONATION_KEY).ok().flatten();
    let mut how = "1";
    if let (Some(user_id), Some(id)) = (user_id, impersonation) {
        let ip = crate::web::request::peer_ip(&req);
        db::run(&state.pool, move |c| {
            crate::services::impersonation::finish(
                c,
                id,
                user_id,
                crate::auth::impersonation::Ending::SignOut,
                ip,
            )
        })
        .await?;
        how = "support";
    }
    session.purge();
    Ok(see_other(&format!(
        "/login?signed_out={how}&lang={}",
        lang.code()
    )))
}
