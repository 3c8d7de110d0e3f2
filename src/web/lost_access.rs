//! A person who lost access to an account (removed from its people, the client deleted)
//! and follows an old link or bookmark is told so and sent to their accounts, instead of
//! the bare "not found" (issue 36).
//!
//! Only accounts the person is known to have held are named: a deleted client whose
//! membership they keep, one their `member.removed` history names (any session, any day),
//! or one this browser's session saw them hold (the session keeps the ids and names the
//! account switcher showed). Anything else (another tenant's account, an id typed at random)
//! stays the plain 404, so nothing is learned about accounts a person never had.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::Method;

use crate::i18n::Msg;
use crate::web::identity::CurrentUser;

/// The session key of the accounts this session saw the person hold: id → name.
use crate::web::identity::SEEN_ACCOUNTS_KEY as SEEN_KEY;
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

/// For a GET answered 404: when its path names an account the person held and holds no
/// longer, 303 to their accounts saying so.
pub async fn answer(req: &actix_web::HttpRequest, user: &CurrentUser) -> Option<HttpResponse> {
    use actix_session::SessionExt;
    if user.is_impersonating() || !matches!(*req.method(), Method::GET | Method::HEAD) {
        return None;
    }
    let id = account_in(req.path())?;
    if user.usable_memberships().any(|m| m.account_id == id) {
        return None;
    }
    let session = req.get_session();
    let held = user
        .memberships()
        .iter()
        .find(|m| m.account_id == id)
        .map(|m| m.account_name.clone())
        .or_else(|| seen(&session).remove(&id));
    let name = match held {
        Some(name) => name,
        None => {
            let state = req.app_data::<actix_web::web::Data<crate::web::state::AppState>>()?;
            let email = user.real().email.clone();
            match crate::db::run(&state.pool, move |c| {
                Ok::<_, crate::error::AppError>(crate::services::people::removed_from(
                    c, id, &email,
                )?)
            })
            .await
            {
                Ok(found) => found?,
                Err(e) => {
                    tracing::warn!(error = %e, "could not read the removals");
                    return None;
                }
            }
        }
    };
    Some(crate::web::reply::see_other_with_flash(
        &session,
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
