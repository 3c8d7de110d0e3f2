//! `/` (where to go after sign-in) and `/accounts` (the account chooser).

use actix_web::HttpResponse;
use askama::Template;

use actix_web::web;

use crate::db;
use crate::error::AppError;
use crate::services::invitations::{self, Open};
use crate::views::{AccountLink, Layout, PendingInvitation, pending_invitations};
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::{CurrentUser, MaybeUser},
    reply::{page, see_other},
};

/// `/login` for visitors (the set-up page, which says where its link is, before anybody
/// exists); the only account's home for a user with one membership and no pending
/// invitation; the chooser otherwise (several accounts, or an invitation to answer).
pub async fn index(
    state: web::Data<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<HttpResponse, AppError> {
    let Some(user) = user else {
        let needed = crate::db::run(&state.pool, |c| {
            Ok::<_, AppError>(crate::services::setup::is_needed(c)?)
        })
        .await?;
        return Ok(see_other(if needed { "/setup" } else { "/login" }));
    };
    // Support access opens one client area, and nothing of the person's other accounts.
    if let Some(current) = user.impersonation() {
        return Ok(see_other(&format!("/portal/{}", current.client_id)));
    }
    let usable: Vec<_> = user.usable_memberships().collect();
    Ok(match usable.as_slice() {
        _ if user.pending_invitations() > 0 => see_other("/accounts"),
        [only] if only.account_kind == crate::models::account::KIND_GROUP => {
            see_other(&format!("/groups/{}/clients", only.account_id))
        }
        [only] => see_other(&format!("/portal/{}", only.account_id)),
        _ => see_other("/accounts"),
    })
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage {
    layout: Layout,
    /// Non-empty sections only: (heading, accounts).
    sections: Vec<(&'static str, Vec<AccountLink>)>,
    /// Invitations to the user's address, still open: Accept / Decline.
    invitations: Vec<PendingInvitation>,
}

pub async fn accounts(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let invitations = pending_of(&state, &user).await?;
    let layout = ctx.layout(ctx.t("accounts-title"))?;
    let (groups, clients): (Vec<_>, Vec<_>) =
        layout.accounts.iter().cloned().partition(|a| a.is_group);
    let sections = [("accounts-groups", groups), ("accounts-clients", clients)]
        .into_iter()
        .filter(|(_, accounts)| !accounts.is_empty())
        .collect();
    page(&AccountsPage {
        invitations: pending_invitations(layout.lang, invitations),
        layout,
        sections,
    })
}

/// The person's open invitations, read only when the request counted some. Invitations
/// are the person's own business (other groups' clients among them): none are counted,
/// so none shown, while a staff member is signed in as them.
pub async fn pending_of(state: &AppState, user: &CurrentUser) -> Result<Vec<Open>, AppError> {
    if user.pending_invitations() == 0 || user.is_impersonating() {
        return Ok(Vec::new());
    }
    let me = user.effective().clone();
    db::run(&state.pool, move |c| invitations::pending_for(c, &me)).await
}
