//! The group console's client list (`/groups/{gid}/clients`).

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::auth::CurrentUser;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::models::account::{self, ClientStatus};
use crate::startup::AppState;
use crate::views::Layout;
use crate::web::page;

pub struct ClientRow {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub status: ClientStatus,
    pub active: bool,
    pub created: String,
}

#[derive(Template)]
#[template(path = "groups/clients.html")]
struct ClientsPage {
    layout: Layout,
    group_name: String,
    clients: Vec<ClientRow>,
}

pub async fn clients(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id.0;
    let rows = db::run(&state.pool, move |c| Ok(account::clients_of_group(c, gid)?)).await?;
    let clients = rows
        .into_iter()
        .map(|a| ClientRow {
            id: a.id,
            status: ClientStatus::parse(&a.status).unwrap_or(ClientStatus::Preparation),
            name: a.name,
            company: a.company_name,
            active: a.active,
            created: a.created_at.format("%Y-%m-%d").to_string(),
        })
        .collect();
    let layout = Layout::new(
        &session,
        Some(&user),
        format!("Clients · {}", scope.group_name),
    )?
    .in_group(gid, "clients");
    page(&ClientsPage {
        layout,
        group_name: scope.group_name,
        clients,
    })
}
