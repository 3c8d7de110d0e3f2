//! The signed-in user as an extractor. A handler that takes [`CurrentUser`] cannot run for
//! an anonymous visitor (they are sent to `/login?next=…`); [`MaybeUser`] is for the pages
//! both may see. The user is re-read from the database on every request, so a disabled user
//! or a removed membership takes effect at once.

use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{FromRequest, HttpRequest, web};
use diesel::prelude::*;

use crate::auth::scope::{self, GroupScope};
use crate::auth::session_store::USER_ID_KEY;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::models::account::KIND_CLIENT;
use crate::models::membership::{self, MembershipRow};
use crate::models::user::{self, User};
use crate::services::audit::Actor;
use crate::startup::AppState;

pub struct CurrentUser {
    pub user: User,
    pub memberships: Vec<MembershipRow>,
}

impl CurrentUser {
    /// Who acts, for the audit log: this user, from this request's address. (The one place
    /// an impersonator will be added.)
    pub fn actor(&self, req: &HttpRequest) -> Actor {
        Actor::user(self.user.id, &self.user.email, crate::web::peer_ip(req))
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

async fn load(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    let session = req.get_session();
    let Some(user_id) = session.get::<i64>(USER_ID_KEY).ok().flatten() else {
        return Ok(None);
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Internal("application state missing".into()))?
        .clone();
    let loaded = db::run(&state.pool, move |conn| {
        let Some(u) = user::find(conn, user_id).optional()? else {
            return Ok(None);
        };
        if !u.can_sign_in() {
            return Ok(None);
        }
        let memberships = membership::of_user(conn, user_id)?;
        Ok(Some(CurrentUser {
            user: u,
            memberships,
        }))
    })
    .await?;
    if loaded.is_none() {
        // The user was removed or disabled since: this session is over.
        session.purge();
    }
    Ok(loaded)
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
            load(&req).await?.ok_or_else(|| AppError::SignInRequired {
                next: next_of(&req),
            })
        })
    }
}

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(load(&req).await?)) })
    }
}
