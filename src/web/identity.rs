//! Who is asking. A request holds two people: the **real** user, who signed in (the session
//! row records their id, so signing them out, disabling or removing them ends every
//! session they hold), and the **effective** user, whose pages are shown — the same person
//! until impersonation exists. [`CurrentUser`] is the extractor for pages that need a
//! signed-in user (anonymous visitors are sent to `/login?next=…`); [`MaybeUser`] for the
//! pages both may see. Both are read from the database once per request and kept in the
//! request, so a disabled user or a removed membership takes effect at once.
//!
//! While a staff member is signed in as a client's user (support access), the session also
//! holds the impersonation's id ([`IMPERSONATION_KEY`]); every request resumes it through
//! `services::impersonation::resume`, which re-checks the time (30 idle minutes, 4 hours)
//! and the rights (the staff member still staff of the client's group, the client open, the
//! client user still its owner or admin). The effective user's memberships are then only
//! that client's: support access opens one client area, never the client user's other
//! accounts. When it ends, the request is sent back to the console with a message.
//!
//! [`sign_in`] is the one sign-in step: sign-in, set-up and activation (and later
//! invitations and password reset) all end with it.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use crate::auth::impersonation::Ending;
use crate::auth::scope::{self, GroupScope};
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::account::KIND_CLIENT;
use crate::models::membership::{MembershipRow, Memberships};
use crate::models::user::User;
use crate::services::audit::Actor;
use crate::services::impersonation::{self, Current, Resumed};
use crate::services::invitations;
use crate::services::users;
use crate::web::csrf;
use crate::web::state::AppState;

/// The session-state key holding the real (signed-in) user's id.
pub const USER_ID_KEY: &str = "user_id";
/// The session-state key holding the impersonation in progress, if any.
pub const IMPERSONATION_KEY: &str = "impersonation_id";

#[derive(Clone)]
pub struct CurrentUser {
    real: User,
    effective: User,
    /// The effective user's memberships.
    memberships: Memberships,
    /// The impersonation in progress.
    impersonation: Option<Current>,
    /// How many invitations to the person's address are open (0 during support access:
    /// they are the person's own business; 0 on a POST, which draws no header to show it).
    invitations: i64,
}

impl CurrentUser {
    /// A user seeing their own pages (no impersonation).
    fn own(real: User, memberships: Memberships, invitations: i64) -> Self {
        CurrentUser {
            effective: real.clone(),
            real,
            memberships,
            impersonation: None,
            invitations,
        }
    }

    /// How many invitations to the person's address wait for an answer (never counted
    /// while a staff member is signed in as them).
    pub fn pending_invitations(&self) -> i64 {
        self.invitations
    }

    /// Who signed in.
    pub fn real(&self) -> &User {
        &self.real
    }

    /// Whose pages are shown and whose rights apply.
    pub fn effective(&self) -> &User {
        &self.effective
    }

    pub fn memberships(&self) -> &Memberships {
        &self.memberships
    }

    pub fn is_impersonating(&self) -> bool {
        self.impersonation.is_some()
    }

    /// The impersonation in progress, if any.
    pub fn impersonation(&self) -> Option<&Current> {
        self.impersonation.as_ref()
    }

    /// Refuses what nobody does on a client user's behalf (their password, email, 2FA,
    /// invitations, ownership, deletion, another impersonation, a new account): a 403 page
    /// that says so and how to go back.
    pub fn refuse_while_impersonating(&self) -> Result<(), AppError> {
        if self.is_impersonating() {
            return Err(AppError::NotWhileImpersonating);
        }
        Ok(())
    }

    /// Who acts, for the audit log: the effective user and, while impersonating, the real
    /// one, from this request's address.
    pub fn actor(&self, req: &HttpRequest) -> Actor {
        let mut actor = Actor::user(
            self.effective.id,
            &self.effective.email,
            crate::web::request::peer_ip(req),
        );
        if self.is_impersonating() {
            actor.impersonator_id = Some(self.real.id);
            actor.impersonator_email = Some(self.real.email.clone());
        }
        actor
    }

    /// Checks that the user is staff of this group (404 otherwise).
    pub fn group_scope(&self, group_id: GroupId) -> Result<GroupScope, AppError> {
        scope::group_scope(&self.memberships, group_id)
    }

    /// The memberships that still open something: deleted clients' users lose access.
    pub fn usable_memberships(&self) -> impl Iterator<Item = &MembershipRow> {
        self.memberships
            .iter()
            .filter(|m| !(m.account_kind == KIND_CLIENT && m.deleted_at.is_some()))
    }
}

/// The user if someone is signed in.
pub struct MaybeUser(pub Option<CurrentUser>);

/// What this request found, kept so that the extractors load once.
#[derive(Clone)]
struct Loaded(Option<CurrentUser>);

pub(crate) async fn load(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    if let Some(Loaded(found)) = req.extensions().get::<Loaded>() {
        return Ok(found.clone());
    }
    let session = req.get_session();
    let found = match session.get::<i64>(USER_ID_KEY).ok().flatten() {
        None => None,
        Some(user_id) => {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Internal("application state missing".into()))?
                .clone();
            let impersonation_id = session.get::<i64>(IMPERSONATION_KEY).ok().flatten();
            // The header's count of invitations is for pages people read: a form's POST
            // (which mostly redirects) does not count them.
            let count = matches!(*req.method(), Method::GET | Method::HEAD);
            let loaded = db::run(&state.pool, move |conn| {
                let Some((real, memberships)) = users::signed_in(conn, user_id)? else {
                    return Ok(None);
                };
                let Some(id) = impersonation_id else {
                    let invitations = pending(conn, &real, count)?;
                    return Ok(Some(Found::User(Box::new(CurrentUser::own(
                        real,
                        memberships,
                        invitations,
                    )))));
                };
                Ok(Some(
                    match impersonation::resume(conn, id, &real, &memberships, db::now())? {
                        Resumed::Active {
                            current,
                            target,
                            memberships,
                        } => Found::User(Box::new(CurrentUser {
                            real,
                            effective: *target,
                            memberships,
                            impersonation: Some(current),
                            invitations: 0,
                        })),
                        Resumed::Ended { current, ending } => Found::Ended {
                            current,
                            ending,
                            language: real.language,
                        },
                        Resumed::Missing => {
                            let invitations = pending(conn, &real, count)?;
                            Found::User(Box::new(CurrentUser::own(real, memberships, invitations)))
                        }
                    },
                ))
            })
            .await?;
            match loaded {
                None => {
                    // The user was removed or disabled since: this session is over.
                    session.purge();
                    None
                }
                Some(Found::User(u)) => {
                    if impersonation_id.is_some() && !u.is_impersonating() {
                        session.remove(IMPERSONATION_KEY);
                    }
                    Some(*u)
                }
                Some(Found::Ended {
                    current,
                    ending,
                    language,
                }) => {
                    // Signing out: the sign-out itself ends the session (its CSRF token,
                    // checked next, stays the one the page had).
                    let leaving = req.path() == "/logout";
                    return Err(ended(&session, &current, ending, &language, leaving));
                }
            }
        }
    };
    req.extensions_mut().insert(Loaded(found.clone()));
    Ok(found)
}

/// The person's open invitations, counted when the request is a page's (`count`).
fn pending(conn: &mut db::DbConn, person: &User, count: bool) -> Result<i64, AppError> {
    if count {
        invitations::pending_count(conn, person)
    } else {
        Ok(0)
    }
}

/// What a request found in the database.
enum Found {
    User(Box<CurrentUser>),
    Ended {
        current: Current,
        ending: Ending,
        language: String,
    },
}

/// The impersonation ended (its time ran out, or the rights went): the session is the
/// staff member's own again (a new id and CSRF token), a message says why, and the
/// request goes back to the client in the console — or, when the staff member lost the
/// group, to their home.
fn ended(
    session: &Session,
    current: &Current,
    ending: Ending,
    language: &str,
    leaving: bool,
) -> AppError {
    session.remove(IMPERSONATION_KEY);
    if !leaving {
        session.renew();
        if let Err(e) = csrf::rotate(session) {
            return e;
        }
    }
    let lang = crate::i18n::Lang::from_code(language);
    crate::web::flash::set_flash(
        session,
        "info",
        Msg::new("impersonation-ended-flash")
            .with("name", current.target_name.as_str())
            .with("client", current.client_name.as_str())
            .with("why", crate::i18n::t(lang, ending.told_key())),
    );
    let to = match ending {
        Ending::RightsRevoked => "/".to_owned(),
        _ => format!("/groups/{}/clients/{}", current.group_id, current.client_id),
    };
    AppError::ImpersonationEnded { to }
}

/// The user this request already loaded (by an extractor), without asking the database.
pub fn loaded(req: &HttpRequest) -> Option<CurrentUser> {
    req.extensions()
        .get::<Loaded>()
        .and_then(|Loaded(found)| found.clone())
}

/// Audits a refusal of the support-access guard ([`CurrentUser::refuse_while_impersonating`]
/// and the services' own): what was tried (method and route pattern) under both people, on
/// the impersonated client. Called once per refused request by the middleware that draws
/// the 403 page, whichever handler refused. A failure to record is logged, not answered.
pub async fn audit_refusal(req: &HttpRequest) {
    let Some(user) = loaded(req) else { return };
    let Some(current) = user.impersonation().cloned() else {
        return;
    };
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return;
    };
    let attempt = format!(
        "{} {}",
        req.method(),
        req.match_pattern().unwrap_or_default()
    );
    let actor = user.actor(req);
    let recorded = db::run(&state.pool, move |c| {
        impersonation::record_refusal(c, &current, &actor, &attempt)
    })
    .await;
    if let Err(e) = recorded {
        tracing::error!(error = %e, "could not audit a refusal during support access");
    }
}

/// Where to come back to after signing in: the page asked for, when it was a GET.
fn next_of(req: &HttpRequest) -> String {
    if req.method() == Method::GET {
        req.uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default()
    } else {
        String::new()
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = load(&req).await?.ok_or_else(|| AppError::SignInRequired {
                next: next_of(&req),
            })?;
            two_step_gate(&req, &user)?;
            Ok(user)
        })
    }
}

/// A group that requires two-step verification of its staff opens its console (every
/// `/groups/{gid}/…` page) only to staff who use it; the others are sent to set it up,
/// with a message that says which group asks. The requirement comes with the memberships
/// the request loaded already: nothing more is asked of the database.
fn two_step_gate(req: &HttpRequest, user: &CurrentUser) -> Result<(), AppError> {
    if user.is_impersonating() || user.real().uses_two_step() {
        return Ok(());
    }
    let Some(gid) = req
        .match_info()
        .get("gid")
        .and_then(|g| g.parse::<i64>().ok())
    else {
        return Ok(());
    };
    let Some(group) = user.memberships().iter().find(|m| {
        m.account_id == gid
            && m.account_kind == crate::models::account::KIND_GROUP
            && m.two_step_required
    }) else {
        return Ok(());
    };
    crate::web::flash::set_flash(
        &req.get_session(),
        "info",
        Msg::new("two-step-required-flash").with("group", group.account_name.as_str()),
    );
    Err(AppError::TwoStepRequired)
}

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(load(&req).await?)) })
    }
}
/// The session key of the accounts this session saw the person hold (`web::lost_access`
/// keeps it; a sign-in forgets it).
pub const SEEN_ACCOUNTS_KEY: &str = "seen_accounts";

/// Signs this browser in as `user_id`: a new session id (a session fixed before sign-in is
/// worth nothing after), the user's id in it, and a new CSRF token (one seen before is
/// useless after).
pub fn sign_in(session: &Session, user_id: i64) -> Result<(), AppError> {
    session.renew();
    session.remove(IMPERSONATION_KEY);
    // The accounts another person held in this browser are not this person's to be told of
    // (`web::lost_access`).
    session.remove(SEEN_ACCOUNTS_KEY);
    session
        .insert(USER_ID_KEY, user_id)
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    csrf::rotate(session)?;
    Ok(())
}

/// Starts the impersonation `id` in this browser's session: a new session id and CSRF token
/// (what was seen before is worth nothing after), the real user's id kept beside it.
pub fn begin_impersonation(session: &Session, id: i64) -> Result<(), AppError> {
    session.renew();
    session
        .insert(IMPERSONATION_KEY, id)
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    csrf::rotate(session)?;
    Ok(())
}

/// Back to the staff member's own session: a new session id and CSRF token.
pub fn end_impersonation(session: &Session) -> Result<(), AppError> {
    session.remove(IMPERSONATION_KEY);
    session.renew();
    csrf::rotate(session)?;
    Ok(())
}
