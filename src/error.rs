//! The one error type of the web layer and how each kind answers.
//!
//! Policy:
//! - A resource the user may not see answers **404**, exactly like one that does not exist,
//!   so that nobody learns what other tenants have (`NotFound`).
//! - A missing or wrong CSRF token answers **403** and nothing is changed (`CsrfRejected`).
//! - A page that needs a signed-in user redirects (303) to `/login?next=…` (`SignInRequired`).
//! - Invalid form input is *not* an error here: handlers re-render their form with 422.
//! - A database that does not answer in time is **503**; anything else unexpected is **500**.
//!   Both log their cause; the page shows a generic message, never the cause itself.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error("CSRF token missing or wrong")]
    CsrfRejected,
    #[error("sign-in required")]
    SignInRequired { next: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(format!("database: {other}")),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

impl AppError {
    fn title_and_message(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => (
                "Page not found",
                "There is nothing here, or you do not have access to it.",
            ),
            AppError::Forbidden(_) => ("Not allowed", "You are not allowed to do this."),
            AppError::CsrfRejected => (
                "Form expired",
                "This form was out of date or did not come from Clientele, so nothing was \
                 changed. Go back, reload the page and try again.",
            ),
            AppError::SignInRequired { .. } => ("Sign-in required", "Please sign in."),
            AppError::BadRequest(_) => ("Bad request", "The request could not be understood."),
            AppError::Unavailable(_) => (
                "Temporarily unavailable",
                "The database is not answering right now. Please try again in a moment.",
            ),
            AppError::Internal(_) => (
                "Something went wrong",
                "An unexpected error happened; it has been logged. Please try again.",
            ),
        }
    }
}

/// Renders an error page with the given status, for errors raised outside handlers too
/// (unknown routes, malformed paths and forms).
pub fn render_error_page(status: StatusCode, title: &str, message: &str) -> HttpResponse {
    let body = ErrorPage {
        status: status.as_u16(),
        title,
        message,
    }
    .render()
    .unwrap_or_else(|_| format!("{} {title}", status.as_u16()));
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::SignInRequired { next } => {
                let location = if next.is_empty() || next == "/" {
                    "/login".to_owned()
                } else {
                    format!("/login?next={}", crate::web::urlencode(next))
                };
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location))
                    .finish();
            }
            AppError::Unavailable(cause) => tracing::warn!(%cause, "answering 503"),
            AppError::Internal(cause) => tracing::error!(%cause, "answering 500"),
            AppError::Forbidden(why) => tracing::info!(why, "answering 403"),
            AppError::CsrfRejected => tracing::info!("CSRF check failed, answering 403"),
            _ => {}
        }
        let (title, message) = self.title_and_message();
        render_error_page(self.status_code(), title, message)
    }
}
