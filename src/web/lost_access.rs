//! A person who lost access to an account (removed from its people, the client deleted)
//! and follows an old link or bookmark is told so and sent to their accounts, instead of
//! the bare "not found" (issue 36).
//!
//! Only accounts this browser's session has seen the person hold are named: the session
//! keeps their ids and names as the account switcher showed them. Anything else (another
//! tenant's account, an id typed at random) stays the plain 404, so nothing is learned about
//! accounts a person never had.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::Method;

use crate::i18n::Msg;
use crate::web::identity::CurrentUser;

/// The session key of the accounts this session saw the person hold: id → name.
const SEEN_KEY: &str = "seen_accounts";
/// At most this many are kept (the newest ids win): a person's accounts, with room.
const MAX_SEEN: usize = 200;

fn seen(session: &Session) -> BTreeMap<i64, String> {
    session
        .get::<BTreeMap<i64, String>>(SEEN_KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Notes the accounts the person holds now (written only when something is new).
pub fn remember(session: &Session, user: &CurrentUser) {
    if user.is_impersonating() {
        return;
    }
    let mut known = seen(session);
    let before = known.clone();
    for m in user.usable_memberships() {
        known.insert(m.account_id, m.account_name.clone());
    }
    while known.len() > MAX_SEEN {
        let Some(oldest) = known.keys().next().copied() else {
            break;
        };
        known.remove(&oldest);
    }
    if known != before
        && let Err(e) = session.insert(SEEN_KEY, &known)
    {
        tracing::warn!(error = %e, "could not note the accounts seen");
    }
}

/// The account a console or client-area path names (`/groups/{id}/…`, `/portal/{id}/…`).
fn account_in(path: &str) -> Option<i64> {
    let mut parts = path.trim_start_matches('/').split('/');
    match parts.next()? {
        "groups" | "portal" => parts.next()?.parse().ok(),
        _ => None,
    }
}

/// For a GET answered 404: when its path names an account this session saw the person
/// hold and they hold it no longer, 303 to their accounts saying so.
pub fn answer(
    session: &Session,
    user: &CurrentUser,
    method: &Method,
    path: &str,
) -> Option<HttpResponse> {
    if user.is_impersonating() || !matches!(*method, Method::GET | Method::HEAD) {
        return None;
    }
    let id = account_in(path)?;
    if user.usable_memberships().any(|m| m.account_id == id) {
        return None;
    }
    let name = seen(session).remove(&id)?;
    Some(crate::web::reply::see_other_with_flash(
        session,
        "/accounts",
        "error",
        Msg::new("access-lost").with("account", name),
    ))
}

#[cfg(test)]
mod tests {
    use super::account_in;

    #[test]
    fn the_account_of_a_path() {
        assert_eq!(account_in("/groups/12/clients/4"), Some(12));
        assert_eq!(account_in("/portal/7"), Some(7));
        assert_eq!(account_in("/portal/7/users/3"), Some(7));
        assert_eq!(account_in("/portal/x"), None);
        assert_eq!(account_in("/accounts"), None);
        assert_eq!(account_in("/invitations/12"), None);
    }
}
