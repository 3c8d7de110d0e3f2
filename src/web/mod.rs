//! HTTP handlers, by resource. Each handler extracts, authorises (a scope from
//! `auth::scope`), calls a service inside `db::run`, and renders a page or answers 303.
//! No SQL here.

pub mod activate;
pub mod assets;
pub mod clients;
pub mod emails;
pub mod health;
pub mod home;
pub mod login;
pub mod portal;
pub mod setup;

use actix_session::Session;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::error::AppError;

/// Renders a page with 200.
pub fn page(template: &impl Template) -> Result<HttpResponse, AppError> {
    page_with_status(actix_web::http::StatusCode::OK, template)
}

/// Renders a page with a given status (422 for a form with errors).
pub fn page_with_status(
    status: actix_web::http::StatusCode,
    template: &impl Template,
) -> Result<HttpResponse, AppError> {
    let body = template.render()?;
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
    message: impl Into<String>,
) -> HttpResponse {
    crate::views::set_flash(session, kind, message);
    see_other(location)
}

/// A `next` parameter made safe: only a local path (never `//host` or a scheme).
pub fn local_path(next: Option<&str>) -> Option<String> {
    let n = next?.trim();
    let ok = n.starts_with('/')
        && !n.starts_with("//")
        && !n.starts_with("/\\")
        && !n.contains(['\r', '\n']);
    ok.then(|| n.to_owned())
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The client's address as seen by this server (proxies' headers are not trusted).
pub fn peer_ip(req: &HttpRequest) -> Option<String> {
    req.peer_addr().map(|a| a.ip().to_string())
}

/// Unknown routes: the 404 page.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// One line per request, naming the route pattern (`/activate/{token}`) rather than the
/// path, and never the query: tokens and search terms stay out of the log.
pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".into());
    tracing::info!(
        target: "clientele::access",
        %method,
        route,
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_on_this_site() {
        assert_eq!(
            local_path(Some("/groups/1/clients?q=a")).as_deref(),
            Some("/groups/1/clients?q=a")
        );
        assert_eq!(local_path(Some("//evil.example")), None);
        assert_eq!(local_path(Some("/\\evil.example")), None);
        assert_eq!(local_path(Some("https://evil.example")), None);
        assert_eq!(local_path(Some("/x\r\nSet-Cookie: a")), None);
        assert_eq!(local_path(None), None);
    }
}
