//! Which language a request is answered in (issue 36: one language from the link to the
//! console):
//! - signed in: a language the person picked from a selector before signing in (kept for
//!   the session; the profile offers to make it their default), else their profile's;
//! - before sign-in: `?choose=` (a language selector) or `?lang=` (an email's link, the
//!   sign-in page after signing out) on the page, kept in the session for the pages that
//!   follow; else the one kept; else the browser's `Accept-Language` (best match, English
//!   otherwise).

use actix_session::{Session, SessionExt};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, ResponseError};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::identity::CurrentUser;

/// The session key of the language of the pages before sign-in.
const LANG_KEY: &str = "lang";
/// The session key of a language the person picked themselves (a selector): it outlives
/// the sign-in, for that session.
const CHOSEN_KEY: &str = "lang_chosen";

/// The request's language, found when it came in (an error page drawn on the way out, by
/// the frame, no longer has the session to read).
#[derive(Clone, Copy)]
struct Noted(Lang);

/// Middleware inside the session one: finds the request's language at once — the signed-in
/// user's (loaded here, once, for the handler too), or the one chosen at sign-in, or the
/// browser's — so that every page of the request speaks it, error pages of a refused form
/// or an unknown path included.
///
/// While a staff member is signed in as a client's user, an error answer keeps the
/// impersonation banner for its page (see `error_page::banner_of`).
///
/// Support access that ended since the last request (time up, rights gone) answers here,
/// before any handler: 303 back to the console, as an answer (not an error) so that the
/// session middleware saves what ending it changed (the staff member's own session again,
/// the message why).
pub async fn note_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let user = match crate::web::identity::load(req.request()).await {
        Ok(user) => user,
        // Signing out goes on: the staff member asked to leave, not to go back.
        Err(AppError::ImpersonationEnded { .. }) if req.path() == "/logout" => None,
        Err(e @ AppError::ImpersonationEnded { .. }) => {
            let res = e.error_response();
            return Ok(req.into_response(res).map_into_right_body());
        }
        Err(e) => return Err(e.into()),
    };
    let lang = resolve(req.request(), user.as_ref());
    req.extensions_mut().insert(Noted(lang));
    if let Some(u) = user.as_ref()
        && matches!(*req.method(), actix_web::http::Method::GET)
    {
        crate::web::lost_access::remember(&req.get_session(), u);
    }
    let res = next.call(req).await?;
    // An account the person held and holds no longer: told, and sent to their accounts.
    if res.status() == actix_web::http::StatusCode::NOT_FOUND
        && let Some(u) = user.as_ref()
        && let Some(moved) = crate::web::lost_access::answer(res.request(), u).await
    {
        return Ok(res.into_response(moved).map_into_right_body());
    }
    // An error page is drawn on the way out (by the frame), when the session is closed:
    // the impersonation banner it needs (with the session's CSRF token) is kept now.
    if (res.status().is_client_error() || res.status().is_server_error())
        && let Some(u) = user.as_ref()
        && let Some(banner) = crate::web::error_page::banner_of(res.request(), u, lang)
    {
        res.request().extensions_mut().insert(banner);
    }
    Ok(res.map_into_left_body())
}

/// The language of this request, for this user (None: nobody signed in).
pub fn of_request(req: &HttpRequest, user: Option<&CurrentUser>) -> Lang {
    if user.is_none()
        && let Some(Noted(lang)) = req.extensions().get::<Noted>().copied()
    {
        return lang;
    }
    resolve(req, user)
}

fn resolve(req: &HttpRequest, user: Option<&CurrentUser>) -> Lang {
    let session = req.get_session();
    if let Some(u) = user {
        // The person reading is the real user, also while they see a client's pages.
        return session_choice(&session).unwrap_or_else(|| Lang::from_code(&u.real().language));
    }
    if let Some((lang, picked)) = from_query(req) {
        choose(&session, lang);
        if picked && let Err(e) = session.insert(CHOSEN_KEY, lang.code()) {
            tracing::warn!(error = %e, "could not keep the chosen language");
        }
        return lang;
    }
    chosen(&session).unwrap_or_else(|| from_browser(req))
}

/// A language the page's address names: `choose=` (picked from a selector: true) or
/// `lang=` (an email's link, the sign-in page after signing out).
fn from_query(req: &HttpRequest) -> Option<(Lang, bool)> {
    let mut found = None;
    for (k, v) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        match k.as_ref() {
            "choose" => return Lang::parse(&v).map(|l| (l, true)),
            "lang" => found = found.or(Lang::parse(&v).map(|l| (l, false))),
            _ => {}
        }
    }
    found
}

/// The language picked from a selector before signing in, kept for this session.
pub fn session_choice(session: &Session) -> Option<Lang> {
    session
        .get::<String>(CHOSEN_KEY)
        .ok()
        .flatten()
        .and_then(|code| Lang::parse(&code))
}

/// The profile's language rules again (it was saved).
pub fn forget_choice(session: &Session) {
    session.remove(CHOSEN_KEY);
}

/// The browser's preference (`Accept-Language`).
pub fn from_browser(req: &HttpRequest) -> Lang {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::from_accept_language)
}

fn chosen(session: &Session) -> Option<Lang> {
    session
        .get::<String>(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|code| Lang::parse(&code))
}

/// Keeps the language chosen on the sign-in page for this browser's session.
pub fn choose(session: &Session, lang: Lang) {
    if let Err(e) = session.insert(LANG_KEY, lang.code()) {
        tracing::warn!(error = %e, "could not keep the chosen language");
    }
}
