//! `/` (where to go after sign-in) and `/accounts` (the account chooser).

use actix_web::HttpResponse;
use askama::Template;

use actix_web::web;

use crate::db;
use crate::error::AppError;
use crate::services::invitations::{self, Open};
use crate::views::{AccountLink, Layout};
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::{CurrentUser, MaybeUser},
    reply::{page, see_other},
};

/// `/login` for visitors; the only account's home for a user with one membership and no
/// pending invitation; the chooser otherwise (several accounts, or an invitation to answer).
pub async fn index(
    state: web::Data<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<HttpResponse, AppError> {
    let Some(user) = user else {
        return Ok(see_other("/login"));
    };
    // Support access opens one client area, and nothing of the person's other accounts.
    if let Some(current) = user.impersonation() {
        return Ok(see_other(&format!("/portal/{}", current.client_id)));
    }
    let me = user.effective().clone();
    let invited = db::run(&state.pool, move |c| invitations::pending_for(c, &me)).await?;
    let usable: Vec<_> = user.usable_memberships().collect();
    Ok(match usable.as_slice() {
        _ if !invited.is_empty() => see_other("/accounts"),
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
    invitations: Vec<Open>,
}

impl AccountsPage {
    fn role_key(role: &str) -> &'static str {
        crate::views::role_key(role)
    }

    fn expires(&self, i: &Open) -> String {
        crate::i18n::format_date(self.layout.lang, i.invitation.expires_at.date())
    }
}

pub async fn accounts(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let me = user.effective().clone();
    // Invitations are the person's own business (other groups' clients among them): none
    // are shown to a staff member signed in as them.
    let invitations = if user.is_impersonating() {
        Vec::new()
    } else {
        db::run(&state.pool, move |c| invitations::pending_for(c, &me)).await?
    };
    let layout = ctx.layout(ctx.t("accounts-title"))?;
    let (groups, clients): (Vec<_>, Vec<_>) =
        layout.accounts.iter().cloned().partition(|a| a.is_group);
    let sections = [("accounts-groups", groups), ("accounts-clients", clients)]
        .into_iter()
        .filter(|(_, accounts)| !accounts.is_empty())
        .collect();
    page(&AccountsPage {
        layout,
        sections,
        invitations,
    })
}
