//! How each [`AppError`] answers: the console's error page (Askama) with the right status,
//! or the redirect to sign in. `Invalid` and `Conflict` are normally answered by the
//! handler with its form; reaching here they get a plain page.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::error::AppError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

fn title_and_message(e: &AppError) -> (&'static str, &'static str) {
    match e {
        AppError::NotFound => (
            "Page not found",
            "There is nothing here, or you do not have access to it.",
        ),
        AppError::Forbidden(_) => ("Not allowed", "You are not allowed to do this."),
        AppError::Invalid(_) => (
            "Please check what you sent",
            "Some of what was sent is not valid, so nothing was changed.",
        ),
        AppError::Conflict(_) => (
            "This has changed meanwhile",
            "Someone changed this while you were working on it, so nothing was changed. Reload the page and try again.",
        ),
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
        AppError::Database(_) | AppError::Internal(_) => (
            "Something went wrong",
            "An unexpected error happened; it has been logged. Please try again.",
        ),
    }
}

/// Renders an error page with the given status, for errors raised outside handlers too
/// (unknown routes, answers of the middleware) and for pages such as a used link (410).
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
            AppError::Unavailable(cause) => tracing::warn!(%cause, "answering 503"),
            AppError::Database(cause) | AppError::Internal(cause) => {
                tracing::error!(%cause, "answering 500")
            }
            AppError::Forbidden(why) => tracing::info!(why, "answering 403"),
            AppError::CsrfRejected => tracing::info!("CSRF check failed, answering 403"),
            _ => {}
        }
        let (title, message) = title_and_message(self);
        render_error_page(self.status_code(), title, message)
    }
}
