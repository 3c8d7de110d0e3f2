//! `/` (where to go after sign-in) and `/accounts` (the account chooser).

use actix_web::HttpResponse;
use askama::Template;

use crate::error::AppError;
use crate::views::{AccountLink, Layout};
use crate::web::{
    context::PageContext,
    identity::{CurrentUser, MaybeUser},
    reply::{page, see_other},
};

/// `/login` for visitors; the only account's home for a user with one membership; the
/// chooser otherwise.
pub async fn index(MaybeUser(user): MaybeUser) -> HttpResponse {
    let Some(user) = user else {
        return see_other("/login");
    };
    let usable: Vec<_> = user.usable_memberships().collect();
    match usable.as_slice() {
        [only] if only.account_kind == crate::models::account::KIND_GROUP => {
            see_other(&format!("/groups/{}/clients", only.account_id))
        }
        [only] => see_other(&format!("/portal/{}", only.account_id)),
        _ => see_other("/accounts"),
    }
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage {
    layout: Layout,
    /// Non-empty sections only: (heading, accounts).
    sections: Vec<(&'static str, Vec<AccountLink>)>,
}

pub async fn accounts(ctx: PageContext, _user: CurrentUser) -> Result<HttpResponse, AppError> {
    let layout = ctx.layout(ctx.t("accounts-title"))?;
    let (groups, clients): (Vec<_>, Vec<_>) =
        layout.accounts.iter().cloned().partition(|a| a.is_group);
    let sections = [("accounts-groups", groups), ("accounts-clients", clients)]
        .into_iter()
        .filter(|(_, accounts)| !accounts.is_empty())
        .collect();
    page(&AccountsPage { layout, sections })
}
