//! The client area, for the client's own users: its home (`/portal/{cid}`) and its
//! services (`/portal/{cid}/services`, one tab per visible service, read-only). Its
//! navigation has the home and one entry per visible service.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::rights::Action;
use crate::auth::scope;
use crate::db::{self, ids::ClientId};
use crate::error::AppError;
use crate::models::account::ClientStatus;
use crate::services::client_services::ServiceRow;
use crate::services::portal::{self, Home};
use crate::views::{Layout, PortalNav};
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

#[derive(Template)]
#[template(path = "portal/services.html")]
struct PortalServices {
    layout: Layout,
    client_id: i64,
    services: Vec<ServiceRow>,
    /// The open tab.
    open: Option<ServiceRow>,
}

impl PortalServices {
    /// The catalogue key of a service status's name.
    fn status_key(status: &str) -> &'static str {
        crate::views::service_status_key(status)
    }
}

/// The client (as its own user reaches it) and what the area shows.
async fn load(
    state: &AppState,
    user: &CurrentUser,
    cid: ClientId,
) -> Result<(scope::MemberClientScope, Home), AppError> {
    let memberships = user.memberships().clone();
    // The client area is the client's own users'; staff work from the console.
    db::run(&state.pool, move |c| {
        let scope = scope::member_client_scope(c, &memberships, cid)?;
        let home = portal::home(c, &scope)?;
        Ok((scope, home))
    })
    .await
}

/// The client area's navigation as this user may use it.
pub fn nav(scope: &scope::MemberClientScope, services: &[ServiceRow], active: &str) -> PortalNav {
    let services = if scope.may(Action::SeeServices) {
        services
            .iter()
            .map(|s| (s.service.code.clone(), s.service.name.clone()))
            .collect()
    } else {
        Vec::new()
    };
    PortalNav {
        client_id: scope.client_id().0,
        users: scope.may(Action::ManageMembers),
        services,
        active: active.to_owned(),
    }
}

pub async fn home(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    let (scope, home) = load(&state, &user, cid).await?;
    let layout = ctx.portal_layout(nav(&scope, &home.services, "home"), scope.client_name())?;
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

#[derive(Deserialize)]
pub struct ServicesQuery {
    service: Option<String>,
}

pub async fn services(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<ServicesQuery>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    let (scope, home) = load(&state, &user, cid).await?;
    if !scope.may(Action::SeeServices) {
        return Err(AppError::NotFound);
    }
    // The tab asked for, if the client sees that service; the first one otherwise.
    let open = query
        .service
        .as_deref()
        .and_then(|code| home.services.iter().find(|s| s.service.code == code))
        .or_else(|| home.services.first())
        .cloned();
    let active = open
        .as_ref()
        .map_or("", |s| s.service.code.as_str())
        .to_owned();
    let title = crate::i18n::Msg::new("services-title").with("client", scope.client_name());
    page(&PortalServices {
        layout: ctx.portal_layout(
            nav(&scope, &home.services, &active),
            title.in_lang(ctx.lang()),
        )?,
        client_id: cid.0,
        services: home.services,
        open,
    })
}
