//! The client area, for the client's own users: its home (`/portal/{cid}`), the Account
//! page (`/portal/{cid}/account`: details, address and billing emails, with `account` or
//! `billing`; each part editable only with its permission) and its services
//! (`/portal/{cid}/services`, one tab per visible service, read-only) and, for its owner
//! and admins, "Support access" (`/portal/{cid}/support`: who of the group's staff signed
//! in as one of its users, when, for how long, why). Its navigation
//! shows only what the user may open; anything else is 404.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::rights::Action;
use crate::auth::scope;
use crate::db::{self, ids::ClientId};
use crate::error::AppError;
use crate::input::FieldErrors;
use crate::models::account::ClientStatus;
use crate::services::client_services::ServiceRow;
use crate::services::clients::{self, MemberAccountForm, Saved};
use crate::services::portal::{self, Home};
use crate::views::clients::{Choice, country_choices, language_choices};
use crate::views::{Layout, PendingInvitation, PortalNav};
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

#[derive(Template)]
#[template(path = "portal/home.html")]
struct PortalHome {
    layout: Layout,
    client_name: String,
    company: String,
    /// The status as a pill (an open deletion request says so, not the services' state).
    pill: crate::views::clients::StatusPill,
    role: &'static str,
    /// The account owner's name and email, or None ("no owner").
    owner: Option<(String, String)>,
    /// The visible services with their status (None: not activated), when the user may
    /// see services.
    services: Vec<(String, Option<String>)>,
    may_see_services: bool,
    /// While a deletion request is open: the date the account will be deleted, and the
    /// days left.
    deletion_due: Option<(String, i64)>,
    /// Invitations to the person's address, waiting for Accept or Decline (none during
    /// support access).
    invitations: Vec<PendingInvitation>,
    /// This page, where a decline returns.
    here: String,
}

impl PortalHome {
    /// The catalogue key of a service status's name.
    fn status_key(status: &str) -> &'static str {
        crate::views::service_status_key(status)
    }
}

#[derive(Template)]
#[template(path = "portal/account.html")]
struct PortalAccount {
    layout: Layout,
    client_id: i64,
    account_name: String,
    custom_id: Option<String>,
    unique_identifier: Option<String>,
    form: MemberAccountForm,
    errors: FieldErrors,
    edit_account: bool,
    edit_billing: bool,
    /// Billing emails are shown to those with `billing` (they are billing's business).
    see_billing: bool,
    countries: Vec<Choice>,
    languages: Vec<Choice>,
    /// The save came from an out-of-date page: nothing was written.
    stale: bool,
}

impl PortalAccount {
    fn named(choices: &[Choice], value: &str) -> String {
        choices
            .iter()
            .find(|c| c.value == value)
            .map_or_else(|| value.to_owned(), |c| c.label.clone())
    }

    fn label(name: &str) -> &'static str {
        crate::services::client_rules::label_of(name)
    }
}

#[derive(Template)]
#[template(path = "portal/services.html")]
struct PortalServices {
    layout: Layout,
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
        account: scope.may(Action::SeeAccount),
        users: scope.may(Action::ManageMembers),
        support: scope.may(Action::SeeSupportAccess),
        deletion: scope.may(Action::RequestDeletion),
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
    let invitations = crate::web::home::pending_of(&state, &user).await?;
    let layout = ctx.portal_layout(nav(&scope, &home.services, "home"), scope.client_name())?;
    page(&PortalHome {
        invitations: crate::views::pending_invitations(layout.lang, invitations),
        here: format!("/portal/{}", cid.0),
        layout,
        pill: crate::views::clients::StatusPill::of(
            ClientStatus::parse(&home.client.status).unwrap_or(ClientStatus::Preparation),
            None,
            home.deletion_due
                .map(|d| crate::services::deletion::days_left(d, db::now())),
        ),
        client_name: home.client.name,
        company: home.client.company_name,
        role: scope.role().label_key(),
        owner: home.owner.map(|o| {
            (
                crate::models::user::person_name(&o.first_name, &o.last_name, &o.email),
                o.email,
            )
        }),
        may_see_services: scope.may(Action::SeeServices),
        services: if scope.may(Action::SeeServices) {
            home.services
                .into_iter()
                .map(|s| (s.service.name, s.status))
                .collect()
        } else {
            Vec::new()
        },
        deletion_due: home.deletion_due.map(|d| {
            (
                crate::i18n::format_date(ctx.lang(), d.date()),
                crate::services::deletion::days_left(d, db::now()),
            )
        }),
    })
}

/// The Account page with these values and errors.
async fn account_page(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    cid: ClientId,
    form: Option<MemberAccountForm>,
    errors: FieldErrors,
) -> Result<PortalAccount, AppError> {
    let memberships = user.memberships().clone();
    let (scope, client, services) = db::run(&state.pool, move |c| {
        let scope = scope::member_client_scope(c, &memberships, cid)?;
        let client = portal::account(c, &scope)?;
        let services = crate::services::client_services::visible_to_member(c, &scope)?;
        Ok((scope, client, services))
    })
    .await?;
    if !scope.may(Action::SeeAccount) {
        return Err(AppError::NotFound);
    }
    let layout = ctx.portal_layout(
        nav(&scope, &services, "account"),
        ctx.t("portal-account-title"),
    )?;
    let stored = MemberAccountForm::of(&client);
    let stale = form.as_ref().is_some_and(|f| f.version != stored.version);
    let mut form = form.unwrap_or_else(|| stored.clone());
    // A stale page shows what is stored now, keeping nothing of the refused save.
    if stale {
        form = stored;
    }
    Ok(PortalAccount {
        layout,
        client_id: cid.0,
        account_name: client.name,
        custom_id: client.custom_id,
        unique_identifier: client.unique_identifier,
        form,
        errors,
        edit_account: scope.may(Action::EditAccount),
        edit_billing: scope.may(Action::EditBilling),
        see_billing: scope.can(crate::auth::rights::Permission::Billing),
        countries: country_choices(ctx.lang()),
        languages: language_choices(),
        stale,
    })
}

pub async fn account(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    page(&account_page(&ctx, &state, &user, cid, None, FieldErrors::default()).await?)
}

pub async fn save_account(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<MemberAccountForm>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    let form = form.into_inner();
    let (memberships, actor, f) = (user.memberships().clone(), user.actor(&req), form.clone());
    let saved = db::run(&state.pool, move |c| {
        let scope = scope::member_client_scope(c, &memberships, cid)?;
        clients::update_as_member(c, &scope, &f, &actor)
    })
    .await;
    let here = format!("/portal/{}/account", cid.0);
    match saved {
        Ok(Saved::Saved) => Ok(see_other_with_flash(
            &session,
            &here,
            "success",
            "client-saved",
        )),
        Ok(Saved::Unchanged) => Ok(see_other_with_flash(
            &session,
            &here,
            "info",
            "client-unchanged",
        )),
        Ok(Saved::Stale(_)) => {
            let mut p =
                account_page(&ctx, &state, &user, cid, Some(form), FieldErrors::default()).await?;
            p.stale = true;
            page_with_status(StatusCode::CONFLICT, &p)
        }
        Err(AppError::Invalid(errors)) => {
            let p = account_page(&ctx, &state, &user, cid, Some(form), errors).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(e) => Err(e),
    }
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
        services: home.services,
        open,
    })
}

/// One line of the Support access list, as shown.
pub struct SupportRow {
    pub staff: String,
    pub as_name: String,
    pub started: String,
    /// "42 minutes", or "ongoing".
    pub duration: String,
    /// How it ended, if it did.
    pub ending: Option<&'static str>,
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/support.html")]
struct SupportPage {
    layout: Layout,
    rows: Vec<SupportRow>,
}

pub async fn support_access(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let cid = ClientId(path.into_inner());
    let (scope, home) = load(&state, &user, cid).await?;
    if !scope.may(Action::SeeSupportAccess) {
        return Err(AppError::NotFound);
    }
    let s = scope.clone();
    let now = db::now();
    let entries = db::run(&state.pool, move |c| {
        crate::services::impersonation::support_list(c, &s, now)
    })
    .await?;
    let lang = ctx.lang();
    let rows = entries
        .into_iter()
        .map(|e| SupportRow {
            staff: e.staff_name,
            as_name: e.as_name,
            started: crate::i18n::format_datetime(lang, e.started_at),
            duration: match e.ended_at {
                None => ctx.t("support-ongoing"),
                Some(_) => crate::i18n::Msg::new("support-minutes")
                    .with("minutes", e.minutes.max(0))
                    .in_lang(lang),
            },
            ending: e.ending.map(|x| x.label_key()),
            reason: e.reason,
        })
        .collect();
    page(&SupportPage {
        layout: ctx.portal_layout(
            nav(&scope, &home.services, "support"),
            ctx.t("support-title"),
        )?,
        rows,
    })
}
