//! CSRF protection: a per-session synchronizer token, put in a hidden `csrf_token` field of
//! every form and checked here, once, for every POST (constant-time compare). A missing or
//! wrong token answers the 403 page before any handler runs, so nothing is changed.

use actix_session::{Session, SessionExt};
use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;

use crate::auth::tokens::{new_token, same_secret};
use crate::error::AppError;

/// The session-state key of the token.
pub const CSRF_KEY: &str = "csrf";
/// The form field that carries it.
pub const CSRF_FIELD: &str = "csrf_token";

/// The session's token, created on first use.
pub fn token(session: &Session) -> Result<String, AppError> {
    match session.get::<String>(CSRF_KEY) {
        Ok(Some(t)) => Ok(t),
        _ => rotate(session),
    }
}

/// A new token, e.g. after signing in, so that one seen before sign-in is useless after.
pub fn rotate(session: &Session) -> Result<String, AppError> {
    let t = new_token();
    session
        .insert(CSRF_KEY, &t)
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    Ok(t)
}

fn submitted_token(body: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(body)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v.into_owned())
}

/// Whether a submitted token matches the session's (both present and equal).
pub fn token_matches(expected: Option<&str>, submitted: Option<&str>) -> bool {
    match (expected, submitted) {
        (Some(e), Some(s)) if !e.is_empty() => same_secret(e, s),
        _ => false,
    }
}

/// The middleware: every POST must carry the session's token in its urlencoded body.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, Error> {
    if req.method() == Method::POST {
        let expected = req.get_session().get::<String>(CSRF_KEY).ok().flatten();
        let body = req.extract::<Bytes>().await?;
        let ok = token_matches(expected.as_deref(), submitted_token(&body).as_deref());
        if !ok {
            // Carrying the error, so that the frame draws its page in the reader's language.
            return Ok(req
                .error_response(AppError::CsrfRejected)
                .map_into_right_body());
        }
        // Give the handler the body back.
        let (_, mut payload) = actix_http::h1::Payload::create(true);
        payload.unread_data(body);
        req.set_payload(payload.into());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sessions_token_passes() {
        assert!(token_matches(Some("abc"), Some("abc")));
        assert!(!token_matches(Some("abc"), Some("abd")));
        assert!(!token_matches(Some("abc"), None));
        assert!(!token_matches(None, Some("abc")));
        assert!(!token_matches(Some(""), Some("")));
    }

    #[test]
    fn the_token_is_read_from_a_form_body() {
        assert_eq!(
            submitted_token(b"email=a%40b.c&csrf_token=t0k%2B&x=1").as_deref(),
            Some("t0k+")
        );
        assert_eq!(submitted_token(b"email=a"), None);
    }
}
