//! What wraps every request, in the order it runs (outermost first):
//!
//! 1. [`frame`]: the request id (`X-Request-Id`: the one a proxy sent when it looks like
//!    an id, else a new one) on the answer, in the error pages and in every log line of the
//!    request; the security headers on every answer; one access-log line per request
//!    (the route pattern, never the path's values or the query: tokens and search terms stay
//!    out of the log; the client's address and the signed-in person's id) and the request counted in the metrics; and the console's HTML error
//!    page for every error answer, whoever made it — a body over the limit (413) or a
//!    failing session store raise errors before any handler runs, and a known path asked
//!    with another method (405, its `Allow` kept) has no body. Answers that carry a body
//!    of their own (the pages, `/healthz`'s plain text) are kept. A refusal during support
//!    access (403) is audited here, once, whichever handler refused. The request's task
//!    also holds the row of the session it loaded (`session_store::LOADED_SESSION`).
//! 2. [`head_as_get`]: `HEAD` is routed as `GET`; the server leaves the body out.
//!
//! Sessions and the CSRF check wrap the routes inside (see `startup`).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::error_page::{ErrorBanner, page_for_error, page_for_status};
use crate::web::identity::{audit_refusal, loaded};
use crate::web::locale;
use crate::web::request_id::{REQUEST_ID, REQUEST_ID_HEADER, request_id_of};
use crate::web::session_store::LOADED_SESSION;
use crate::web::state::AppState;

/// The headers every answer carries. HSTS only when the console is served over HTTPS
/// (`BASE_URL`): browsers then refuse to reach it over plain HTTP for a year.
#[derive(Clone)]
pub struct SecurityHeaders(Vec<(HeaderName, HeaderValue)>);

impl SecurityHeaders {
    pub fn new(https: bool) -> Self {
        let mut list = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                // Images may be `data:` URLs too: the two-step QR code is one (an SVG in an
                // `<img>` runs no script).
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "same-origin"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::CACHE_CONTROL, "no-store"),
        ];
        if https {
            list.push((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"));
        }
        SecurityHeaders(
            list.into_iter()
                .map(|(k, v)| (k, HeaderValue::from_static(v)))
                .collect(),
        )
    }

    /// Adds each header the response does not set itself.
    fn apply(&self, headers: &mut actix_web::http::header::HeaderMap) {
        for (name, value) in &self.0 {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
    }
}

/// See the module's documentation, point 1.
pub async fn frame(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    use tracing::Instrument;
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let id = request_id_of(req.headers());
    let id_header = HeaderValue::from_str(&id).expect("a request id is a valid header value");
    let headers = req
        .app_data::<web::Data<SecurityHeaders>>()
        .map(|h| h.get_ref().clone())
        .unwrap_or_else(|| SecurityHeaders::new(false));
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    // The client's address (behind a trusted proxy, the one it names), for the access line.
    let client = crate::web::request::peer_ip(req.request()).unwrap_or_default();
    let log = |route: &str, status: StatusCode, user_id: Option<i64>| {
        let took = started.elapsed();
        tracing::info!(
            target: "clientele::access",
            %method,
            route,
            status = status.as_u16(),
            latency_ms = took.as_secs_f64() * 1000.0,
            request_id = id.as_str(),
            client = client.as_str(),
            user_id,
        );
        if let Some(m) = &metrics {
            m.request(method.as_str(), route, status.as_u16(), took);
        }
    };
    // Known before the request goes in, for an error raised on the way (no session yet).
    let browser_lang = locale::from_browser(req.request());
    // Every line logged while the request is answered carries its id (the span), and the
    // error pages drawn meanwhile show it (the task-local).
    let span = tracing::info_span!("request", request_id = id.as_str());
    let answered = REQUEST_ID
        .scope(
            id.clone(),
            LOADED_SESSION.scope(
                std::cell::RefCell::new(None),
                next.call(req).instrument(span),
            ),
        )
        .await;
    match answered {
        Ok(res) => {
            let status = res.status();
            let route = res
                .request()
                .match_pattern()
                .unwrap_or_else(|| "(unmatched)".into());
            let draw = page_to_draw(&res);
            if let Some(Draw::Error(AppError::NotWhileImpersonating)) = &draw {
                audit_refusal(res.request()).await;
            }
            let mut res = match draw {
                Some(draw) => {
                    let user = loaded(res.request());
                    let lang = locale::of_request(res.request(), user.as_ref());
                    let banner = res.request().extensions().get::<ErrorBanner>().cloned();
                    let page = REQUEST_ID.sync_scope(id.clone(), || match draw {
                        Draw::Error(e) => page_for_error(&e, lang, banner),
                        Draw::Status => page_for_status(status, lang, banner),
                    });
                    // A 405's `Allow` (the methods the path answers) stays on the page.
                    let allow = res.headers().get(header::ALLOW).cloned();
                    let (request, _) = res.into_parts();
                    let mut page = page;
                    if let Some(allow) = allow {
                        page.headers_mut().insert(header::ALLOW, allow);
                    }
                    ServiceResponse::new(request, page).map_into_right_body()
                }
                None => res.map_into_left_body(),
            };
            headers.apply(res.headers_mut());
            res.headers_mut()
                .insert(HeaderName::from_static(REQUEST_ID_HEADER), id_header);
            // Who signed in (the real person, also while signed in as a client's user).
            let user_id = loaded(res.request()).map(|u| u.real().id);
            log(&route, status, user_id);
            Ok(res)
        }
        // Raised before a handler ran: the request is gone, so the page is the error's own
        // answer (the server renders it), with the same headers.
        Err(e) => {
            let mut status = e.as_response_error().status_code();
            if store_unavailable(&e) {
                status = StatusCode::SERVICE_UNAVAILABLE;
            }
            if status.is_server_error() {
                tracing::error!(error = %e, request_id = id.as_str(), "answering {}", status.as_u16());
            } else {
                tracing::info!(error = %e, request_id = id.as_str(), "answering {}", status.as_u16());
            }
            log("(before routing)", status, None);
            Err(ErrorPage {
                status,
                headers,
                lang: browser_lang,
                id: id.clone(),
            }
            .into())
        }
    }
}

/// What error page an answer needs drawn in the reader's language, if any.
enum Draw {
    /// A handler's error (its page was drawn in English, without the request).
    Error(AppError),
    /// An error without a body of its own (405 and the like). Answers with a body of their
    /// own are kept: the pages handlers draw, `/healthz`'s plain text for monitors.
    Status,
}

fn page_to_draw<B>(res: &ServiceResponse<B>) -> Option<Draw> {
    if !is_error(res.status()) {
        return None;
    }
    if let Some(e) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
    {
        return Some(Draw::Error(e.clone_for_page()));
    }
    if res.response().error().is_some_and(store_unavailable) {
        return Some(Draw::Error(AppError::Unavailable(String::new())));
    }
    (!res.headers().contains_key(header::CONTENT_TYPE)).then_some(Draw::Status)
}

/// Whether the session store could not reach the database: actix-session raises every
/// error of its store (loading, saving, renewing) as an opaque 500 wrapping the store's
/// own error (of a type per step), which the store makes from [`AppError::Unavailable`];
/// it is the database being away, a 503. Only the error path pays for the formatting.
fn store_unavailable(e: &actix_web::Error) -> bool {
    e.as_error::<AppError>().is_none()
        && e.as_response_error().status_code() == StatusCode::INTERNAL_SERVER_ERROR
        && format!("{e:?}").contains(crate::error::UNAVAILABLE_PREFIX)
}

fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// An error raised outside the handlers, answered with the console's page.
#[derive(Debug)]
struct ErrorPage {
    status: StatusCode,
    headers: SecurityHeaders,
    lang: Lang,
    id: String,
}

impl std::fmt::Debug for SecurityHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecurityHeaders")
    }
}

impl std::fmt::Display for ErrorPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.status)
    }
}

impl ResponseError for ErrorPage {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = REQUEST_ID.sync_scope(self.id.clone(), || {
            page_for_status(self.status, self.lang, None)
        });
        self.headers.apply(res.headers_mut());
        if let Ok(id) = HeaderValue::from_str(&self.id) {
            res.headers_mut()
                .insert(HeaderName::from_static(REQUEST_ID_HEADER), id);
        }
        res
    }
}

/// See the module's documentation, point 2. The request line said HEAD, so the server
/// sends the GET answer's head without its body.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}
