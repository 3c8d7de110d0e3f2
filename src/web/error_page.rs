//! How each [`AppError`] answers: the console's error page (Askama) with the right status,
//! in the reader's language, or the redirect to sign in. `Invalid` and `Conflict` are
//! normally answered by the handler with its form; reaching here they get a plain page.
//!
//! `ResponseError` has no request, so it draws the page in English; the `frame` middleware
//! (which has the request) draws it again in the request's language before it leaves.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::error::{AppError, DisabledAccount};
use crate::i18n::{Lang, Msg, t};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    lang: &'static str,
    /// The status's number, above the title (None on a dead link's page: it tells what
    /// happened in words).
    status: Option<u16>,
    title: String,
    message: String,
    home: String,
    home_return: String,
    /// A second way on: (link, text).
    also: Option<(&'static str, String)>,
    /// While a staff member is signed in as a client's user: the banner's words and the
    /// CSRF token of its "Return to console" form.
    banner: Option<(String, String)>,
    /// "Reference for support: <request id>", so a user can quote the request to support.
    reference: Option<String>,
}

/// The impersonation banner of an error page, drawn by the `frame` middleware.
#[derive(Clone)]
pub struct ErrorBanner {
    pub text: String,
    pub csrf_token: String,
}

/// The catalogue keys of an error's title and text.
fn keys_of(e: &AppError) -> (&'static str, &'static str) {
    match e {
        AppError::NotFound => ("error-not-found-title", "error-not-found-text"),
        AppError::Forbidden(_) => ("error-forbidden-title", "error-forbidden-text"),
        AppError::Invalid(_) => ("error-invalid-title", "error-invalid-text"),
        AppError::Conflict(_) => ("error-conflict-title", "error-conflict-text"),
        AppError::CsrfRejected => ("error-csrf-title", "error-csrf-text"),
        AppError::SignInRequired { .. } => ("error-sign-in-title", "error-sign-in-text"),
        AppError::BadRequest(_) => ("error-bad-request-title", "error-bad-request-text"),
        AppError::Unavailable(_) => ("error-unavailable-title", "error-unavailable-text"),
        AppError::Database(_) | AppError::Internal(_) => {
            ("error-internal-title", "error-internal-text")
        }
        AppError::AccountDisabled(_) => ("disabled-title", "disabled-text"),
        AppError::NotWhileImpersonating => {
            ("impersonation-refused-title", "impersonation-refused-text")
        }
        AppError::ImpersonationEnded { .. } | AppError::TwoStepRequired => {
            ("error-sign-in-title", "error-sign-in-text")
        }
    }
}

/// The catalogue keys of a status's page, for answers made outside our handlers.
fn keys_of_status(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-text"),
        StatusCode::METHOD_NOT_ALLOWED => ("error-method-title", "error-method-text"),
        StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large-title", "error-too-large-text"),
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-text"),
        StatusCode::SERVICE_UNAVAILABLE => ("error-unavailable-title", "error-unavailable-text"),
        s if s.is_server_error() => ("error-internal-title", "error-internal-text"),
        _ => ("error-bad-request-title", "error-bad-request-text"),
    }
}

/// The page of an emailed link that no longer works (used, expired, replaced, unknown):
/// what happened in words and the way on, signing in first — no status number, no
/// request reference (nothing went wrong that support would look up).
pub fn render_error_page(
    status: StatusCode,
    title_key: &str,
    text_key: &str,
    lang: Lang,
) -> HttpResponse {
    let body = ErrorPage {
        lang: lang.code(),
        status: None,
        message: t(lang, text_key),
        home: t(lang, "error-go-home"),
        home_return: t(lang, "impersonation-return"),
        title: t(lang, title_key),
        also: Some(("/login", t(lang, "dead-link-sign-in"))),
        banner: None,
        reference: None,
    };
    respond(status, body)
}

fn draw(
    status: StatusCode,
    title: String,
    message: String,
    also: Option<(&'static str, String)>,
    lang: Lang,
    banner: Option<ErrorBanner>,
) -> HttpResponse {
    let body = ErrorPage {
        lang: lang.code(),
        status: Some(status.as_u16()),
        message,
        home: t(lang, "error-go-home"),
        home_return: t(lang, "impersonation-return"),
        title: title.clone(),
        also,
        banner: banner.map(|b| (b.text, b.csrf_token)),
        reference: crate::web::request_id::request_id().map(|id| {
            Msg::new("error-reference")
                .with("id", id.as_str())
                .in_lang(lang)
        }),
    };
    respond(status, body)
}

fn respond(status: StatusCode, body: ErrorPage) -> HttpResponse {
    let title = body.title.clone();
    let body = body
        .render()
        .unwrap_or_else(|_| format!("{} {title}", status.as_u16()));
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// The page of an error, in a language, with the impersonation banner when there is one.
pub fn page_for_error(e: &AppError, lang: Lang, banner: Option<ErrorBanner>) -> HttpResponse {
    if let AppError::AccountDisabled(d) = e {
        return disabled_page(d, lang);
    }
    let (title, text) = keys_of(e);
    draw(
        e.status_code(),
        t(lang, title),
        t(lang, text),
        None,
        lang,
        banner,
    )
}

/// A disabled client account's page for its users: which account, who disabled it, whom
/// to contact; their other accounts are a click away.
fn disabled_page(d: &DisabledAccount, lang: Lang) -> HttpResponse {
    let mut text = Msg::new("disabled-text")
        .with("client", d.client.as_str())
        .with("group", d.group.as_str())
        .in_lang(lang);
    let contact = match &d.contact {
        Some((name, email)) => Msg::new("disabled-contact-person")
            .with("name", name.as_str())
            .with("email", email.as_str()),
        None => Msg::new("disabled-contact-group").with("group", d.group.as_str()),
    };
    text.push(' ');
    text.push_str(&contact.in_lang(lang));
    draw(
        StatusCode::FORBIDDEN,
        t(lang, "disabled-title"),
        text,
        Some(("/accounts", t(lang, "disabled-other-accounts"))),
        lang,
        None,
    )
}

/// The impersonation banner of an error page: its words, and the session's CSRF token for
/// its "Return to console" form. Taken while the session is open (by `locale`'s
/// middleware, inside the session one) and drawn by the `frame` middleware.
pub fn banner_of(
    req: &actix_web::HttpRequest,
    user: &crate::web::identity::CurrentUser,
    lang: Lang,
) -> Option<ErrorBanner> {
    use actix_session::SessionExt;
    let current = user.impersonation()?;
    let csrf_token = req
        .get_session()
        .get::<String>(crate::web::csrf::CSRF_KEY)
        .ok()
        .flatten()?;
    Some(ErrorBanner {
        text: crate::i18n::Msg::new("impersonation-banner")
            .with("name", current.target_name.as_str())
            .with("client", current.client_name.as_str())
            .in_lang(lang),
        csrf_token,
    })
}

/// The page of a status (an error without a body, or raised before any handler ran), with
/// the impersonation banner when there is one.
pub fn page_for_status(
    status: StatusCode,
    lang: Lang,
    banner: Option<ErrorBanner>,
) -> HttpResponse {
    let (title, text) = keys_of_status(status);
    draw(status, t(lang, title), t(lang, text), None, lang, banner)
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden(_)
            | AppError::CsrfRejected
            | AppError::AccountDisabled(_)
            | AppError::NotWhileImpersonating => StatusCode::FORBIDDEN,
            AppError::ImpersonationEnded { .. } | AppError::TwoStepRequired => {
                StatusCode::SEE_OTHER
            }
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::SignInRequired { next } => {
                let location = if next.is_empty() || next == "/" {
                    "/login".to_owned()
                } else {
                    format!("/login?next={}", crate::web::request::urlencode(next))
                };
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location))
                    .finish();
            }
            AppError::ImpersonationEnded { to } => {
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, to.as_str()))
                    .finish();
            }
            AppError::TwoStepRequired => {
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, "/profile/two-step"))
                    .finish();
            }
            AppError::Unavailable(cause) => tracing::warn!(%cause, "answering 503"),
            AppError::Database(cause) | AppError::Internal(cause) => {
                tracing::error!(%cause, "answering 500")
            }
            AppError::Forbidden(why) => tracing::info!(why, "answering 403"),
            AppError::CsrfRejected => tracing::info!("CSRF check failed, answering 403"),
            _ => {}
        }
        page_for_error(self, Lang::En, None)
    }
}
