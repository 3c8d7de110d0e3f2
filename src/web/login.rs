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
    /// The second step: the password was right, the code is asked.
    two_step: bool,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
    /// Chosen on the sign-in page's language selector.
    lang: Option<String>,
}

/// The sign-in page's frame: its own language selector (which keeps `next`) instead of
/// the one under other pages.
fn login_layout(ctx: &PageContext) -> Result<crate::views::Layout, AppError> {
    let mut layout = ctx.layout(ctx.t("login-title"))?;
    layout.language_form = None;
    Ok(layout)
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
        two_step: false,
        languages: Lang::ALL,
        layout: login_layout(&ctx)?,
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
    /// The code of the second step (or with the password, all at once).
    totp: Option<String>,
}

/// The session key of a sign-in whose password was right and whose code is awaited.
const PENDING_KEY: &str = "two_step_pending";

/// A sign-in waiting for its code.
#[derive(serde::Serialize, Deserialize)]
struct Pending {
    user_id: i64,
    email: String,
    /// When the password was right (Unix seconds): the code is awaited five minutes.
    since: i64,
    next: Option<String>,
    /// What the password was (a hash of its hash): a new password since, or the account
    /// disabled, and the code step is over.
    password: String,
}

/// A short fingerprint of the stored password hash (never the hash itself in the session).
fn fingerprint(hash: Option<&str>) -> String {
    crate::auth::tokens::hash_token(hash.unwrap_or(""))[..16].to_owned()
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
    let waiting = session.get::<Pending>(PENDING_KEY).ok().flatten();
    if let Some(pending) = waiting.filter(|_| form.email.is_empty() && form.password.is_empty()) {
        let typed = form.totp.unwrap_or_default();
        return second_step(&req, &ctx, &session, &state, pending, &typed).await;
    }
    forget_pending(&session);
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
                two_step: false,
                languages: Lang::ALL,
                layout: login_layout(&ctx)?,
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
        state.metrics.sign_in_throttled();
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
        state.metrics.sign_in_failed();
        return rerender(FieldErrors::default(), Some(Msg::new(WRONG_CREDENTIALS)));
    };
    if user.uses_two_step() {
        // The failure counted above stays until the code proves right too: the password
        // alone does not reset the count the codes are guessed against.
        let pending = Pending {
            user_id: user.id,
            email: email.clone(),
            since: db::now().and_utc().timestamp(),
            next: next.clone(),
            password: fingerprint(user.password_hash.as_deref()),
        };
        return match form.totp.as_deref().filter(|t| !t.trim().is_empty()) {
            // All at once (a password manager filling both).
            Some(typed) => second_step(&req, &ctx, &session, &state, pending, typed).await,
            None => {
                session
                    .insert(PENDING_KEY, &pending)
                    .map_err(|e| AppError::Internal(format!("session: {e}")))?;
                code_page(&ctx, StatusCode::OK, FieldErrors::default(), None)
            }
        };
    }
    db::run(&state.pool, move |c| throttle::clear(c, &email)).await?;
    finish(&session, user.id, ip.as_deref(), next.as_deref())
}

/// Drops a waiting sign-in, touching the session only when there is one (a session
/// marked changed is written again).
fn forget_pending(session: &Session) {
    if session.get::<Pending>(PENDING_KEY).ok().flatten().is_some() {
        session.remove(PENDING_KEY);
    }
}

/// The one end of every sign-in here: a new session, and on to where the person was going.
fn finish(
    session: &Session,
    user_id: i64,
    ip: Option<&str>,
    next: Option<&str>,
) -> Result<HttpResponse, AppError> {
    forget_pending(session);
    sign_in(session, user_id)?;
    tracing::info!(user_id, ip = ip.unwrap_or("-"), "signed in");
    Ok(see_other(next.unwrap_or("/")))
}

/// The page asking for the code.
fn code_page(
    ctx: &PageContext,
    status: StatusCode,
    errors: FieldErrors,
    problem: Option<Msg>,
) -> Result<HttpResponse, AppError> {
    page_with_status(
        status,
        &LoginPage {
            two_step: true,
            languages: Lang::ALL,
            layout: login_layout(ctx)?,
            email: String::new(),
            next: String::new(),
            errors,
            problem,
            signed_out: None,
        },
    )
}

/// The code after the password: the authenticator's (a step not used before) or a
/// recovery code. Wrong codes count as failed sign-ins of the address (5 in 15 minutes
/// lock it, as for passwords); the wait is five minutes, then the password is asked again.
async fn second_step(
    req: &HttpRequest,
    ctx: &PageContext,
    session: &Session,
    state: &AppState,
    pending: Pending,
    typed: &str,
) -> Result<HttpResponse, AppError> {
    let ip = peer_ip(req);
    let uid = pending.user_id;
    let current = db::run(&state.pool, move |c| Ok(user::find(c, uid).ok())).await?;
    let still = current.is_some_and(|u| {
        u.can_sign_in() && fingerprint(u.password_hash.as_deref()) == pending.password
    });
    let late =
        db::now().and_utc().timestamp() - pending.since > crate::auth::two_step::PENDING_SECONDS;
    if late || !still {
        forget_pending(session);
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &LoginPage {
                two_step: false,
                languages: Lang::ALL,
                layout: login_layout(ctx)?,
                email: pending.email,
                next: pending.next.unwrap_or_default(),
                errors: FieldErrors::default(),
                problem: Some(Msg::new("login-two-step-expired")),
                signed_out: None,
            },
        );
    }
    if typed.trim().is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("totp", "login-two-step-enter");
        return code_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, None);
    }
    let (email, from) = (pending.email.clone(), ip.clone());
    let wait = db::run(&state.pool, move |c| {
        throttle::attempt(c, &email, from.as_deref(), db::now())
    })
    .await?;
    if let Some(wait) = wait {
        state.metrics.sign_in_throttled();
        let seconds = retry_after_seconds(wait);
        let answer = code_page(
            ctx,
            StatusCode::TOO_MANY_REQUESTS,
            FieldErrors::default(),
            Some(Msg::new(THROTTLED).with("minutes", (seconds + 59) / 60)),
        )?;
        return crate::web::reply::with_retry_after(answer, seconds);
    }
    let (uid, typed_code) = (pending.user_id, typed.to_owned());
    let actor = crate::services::audit::Actor::user(pending.user_id, &pending.email, ip.clone());
    let checked = db::run(&state.pool, move |c| {
        crate::services::two_step::check(c, uid, &typed_code, &actor)
    })
    .await?;
    if checked == crate::services::two_step::Checked::Wrong {
        tracing::info!(
            reason = "wrong_code",
            user_id = pending.user_id,
            ip = ip.as_deref().unwrap_or("-"),
            "sign-in refused"
        );
        state.metrics.sign_in_failed();
        session
            .insert(PENDING_KEY, &pending)
            .map_err(|e| AppError::Internal(format!("session: {e}")))?;
        let mut errors = FieldErrors::default();
        errors.add("totp", "login-two-step-wrong");
        return code_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, None);
    }
    let email = pending.email.clone();
    db::run(&state.pool, move |c| throttle::clear(c, &email)).await?;
    finish(
        session,
        pending.user_id,
        ip.as_deref(),
        pending.next.as_deref(),
    )
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
