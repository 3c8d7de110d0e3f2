//! The client area's home (`/portal/{cid}`), for the client's own users.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::auth::CurrentUser;
use crate::auth::scope::{self, ClientAccess};
use crate::db::{self, ids::ClientId};
use crate::error::AppError;
use crate::models::account::{self, ClientStatus};
use crate::models::membership;
use crate::startup::AppState;
use crate::views::Layout;
use crate::web::page;

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
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    let memberships = user.memberships.clone();
    let (scope, client, owner) = db::run(&state.pool, move |c| {
        let scope = scope::client_scope(c, &memberships, cid)?;
        let owner = membership::owners_of(c, &[cid.0])?.into_iter().next();
        Ok((scope, account::find(c, cid.0)?, owner))
    })
    .await?;
    // The client area is the client's own users'; staff work from the console.
    let ClientAccess::Member(role, _) = scope.access else {
        return Err(AppError::NotFound);
    };
    let layout = Layout::new(&session, Some(&user), client.name.clone())?.for_account(cid.0);
    page(&PortalHome {
        layout,
        status: ClientStatus::parse(&client.status).unwrap_or(ClientStatus::Preparation),
        client_name: client.name,
        company: client.company_name,
        role: role.label(),
        owner: owner.map(|o| {
            (
                format!("{} {}", o.first_name, o.last_name)
                    .trim()
                    .to_owned(),
                o.email,
            )
        }),
    })
}
