//! The client area's home (`/portal/{cid}`), for the client's own users.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::auth::scope;
use crate::db::{self, ids::ClientId};
use crate::error::AppError;
use crate::models::account::ClientStatus;
use crate::services::portal;
use crate::views::Layout;
use crate::web::state::AppState;
use crate::web::{context::PageContext, identity::CurrentUser, reply::page};

#[derive(Template)]
#[template(path = "portal/home.html")]
struct PortalHome {
    layout: Layout,
    client_name: String,
    company: String,
    status: ClientStatus,
    role: &'static str,
    /// The account owner's name and email, or None ("no owner").
    owner: Option<(String, String)>,
}

pub async fn home(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    let memberships = user.memberships().clone();
    // The client area is the client's own users'; staff work from the console.
    let (scope, home) = db::run(&state.pool, move |c| {
        let scope = scope::member_client_scope(c, &memberships, cid)?;
        let home = portal::home(c, &scope)?;
        Ok((scope, home))
    })
    .await?;
    let layout = ctx.account_layout(cid.0, scope.client_name())?;
    page(&PortalHome {
        layout,
        status: ClientStatus::parse(&home.client.status).unwrap_or(ClientStatus::Preparation),
        client_name: home.client.name,
        company: home.client.company_name,
        role: scope.role().label_key(),
        owner: home.owner.map(|o| {
            (
                crate::models::user::person_name(&o.first_name, &o.last_name, &o.email),
                o.email,
            )
        }),
    })
}
