//! The answers handlers give: a rendered page (200, or 422/409 with a form), a 303 with or
//! without a flash message, the 404 page, and the 405 of a known path.

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::header;
use askama::Template;

use crate::error::AppError;
use crate::web::flash;

/// Renders a page with 200.
pub fn page(template: &impl Template) -> Result<HttpResponse, AppError> {
    page_with_status(actix_web::http::StatusCode::OK, template)
}

/// Renders a page with a given status (422 for a form with errors).
pub fn page_with_status(
    status: actix_web::http::StatusCode,
    template: &impl Template,
) -> Result<HttpResponse, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// 303 See Other to a local path.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// 303 with a flash message for the next page.
pub fn see_other_with_flash(
    session: &Session,
    location: &str,
    kind: &str,
    message: impl Into<crate::i18n::Msg>,
) -> HttpResponse {
    flash::set_flash(session, kind, message);
    see_other(location)
}

/// Unknown routes: the 404 page.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// The `Allow` header's value for a resource answering `methods` (route-table words, any
/// case): upper case, with HEAD wherever GET (`HEAD` is answered as `GET`).
pub fn allow_value(methods: &[&str]) -> String {
    let mut out: Vec<String> = methods.iter().map(|m| m.to_ascii_uppercase()).collect();
    if out.iter().any(|m| m == "GET") && !out.iter().any(|m| m == "HEAD") {
        out.push("HEAD".into());
    }
    out.join(", ")
}

/// A known path asked with a method it does not answer: 405 with `Allow` (RFC 9110
/// §15.5.6 requires it). No body of its own: the middleware draws the page around it, the
/// header kept.
pub async fn method_not_allowed(methods: &'static [&'static str]) -> HttpResponse {
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allow_value(methods)))
        .finish()
}

/// A 429 answer with its `Retry-After` (seconds).
pub fn with_retry_after(mut answer: HttpResponse, seconds: i64) -> Result<HttpResponse, AppError> {
    answer.headers_mut().insert(
        actix_web::http::header::RETRY_AFTER,
        actix_web::http::header::HeaderValue::from(seconds),
    );
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::allow_value;

    #[test]
    fn allow_lists_the_methods_with_head_beside_get() {
        assert_eq!(allow_value(&["get"]), "GET, HEAD");
        assert_eq!(allow_value(&["get", "post"]), "GET, POST, HEAD");
        assert_eq!(allow_value(&["post"]), "POST");
    }
}
