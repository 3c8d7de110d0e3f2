//! `GET,POST /groups/{gid}/clients/{cid}/services`: the client's "Services" tab — each
//! service's visibility (the group's, inherited, or the client's own) and status, and the
//! history of status changes. Hiding a service in use asks first.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::scope::console_client_scope;
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::format_datetime;
use crate::models::client_service::STATUSES;
use crate::services::client_services::{self, Applied, Change, ServiceRow, StatusChange, Tab};
use crate::services::clients::StatusFacts;
use crate::views::Layout;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, see_other_with_flash},
};

#[derive(Template)]
#[template(path = "clients/services.html")]
struct ServicesPage {
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    layout: Layout,
    group_id: i64,
    client_id: i64,
    customised: bool,
    rows: Vec<ServiceRow>,
    history: Vec<(String, StatusChange)>,
    statuses: [&'static str; 5],
    /// What a hidden service in use can still be given: it can be stopped, not activated.
    stopping: [&'static str; 3],
    /// The service (code, name) whose hiding waits for a confirmation.
    confirm: Option<(String, String)>,
}

impl ServicesPage {
    /// The catalogue key of a service status's name.
    fn status_key(status: &str) -> &'static str {
        crate::views::service_status_key(status)
    }
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    gid: i64,
    cid: i64,
) -> Result<(Tab, StatusFacts, String), AppError> {
    let memberships = user.memberships().clone();
    db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let tab = client_services::tab(c, &scope)?;
        let facts = crate::services::clients::status_facts(c, scope.client_id())?;
        Ok((tab, facts, scope.client_name().to_owned()))
    })
    .await
}

async fn render(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    (gid, cid): (i64, i64),
    confirm: Option<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (tab, facts, name) = load(state, user, gid, cid).await?;
    let scope = user.group_scope(GroupId(gid))?;
    let title = crate::i18n::Msg::new("services-title").with("client", name);
    let lang = ctx.lang();
    page(&ServicesPage {
        pill: Some(crate::views::clients::StatusPill::of_facts(&facts)),
        layout: ctx.group_layout(&scope, "clients", title.in_lang(lang))?,
        group_id: gid,
        client_id: cid,
        customised: tab.customised,
        rows: tab.rows,
        history: tab
            .history
            .into_iter()
            .map(|h| (format_datetime(lang, h.at), h))
            .collect(),
        statuses: STATUSES,
        stopping: ["paused", "trial_end", "deleted"],
        confirm,
    })
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    render(&ctx, &state, &user, path.into_inner(), None).await
}

#[derive(Deserialize)]
pub struct ServicesForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    visible: String,
    #[serde(default)]
    status: String,
    confirm: Option<String>,
}

pub async fn save(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<ServicesForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let form = form.into_inner();
    let change = match form.action.as_str() {
        "visibility" => Some(Change::Visibility {
            code: form.service.clone(),
            visible: form.visible == "on",
            confirmed: form.confirm.as_deref() == Some("1"),
        }),
        "reset" => Some(Change::Reset),
        "status" => Some(Change::Status {
            code: form.service.clone(),
            status: form.status.clone(),
        }),
        _ => None,
    };
    let memberships = user.memberships().clone();
    let actor = user.actor(&req);
    let here = format!("/groups/{gid}/clients/{cid}/services");
    let outcome = db::run(&state.pool, move |c| {
        // The client first: a form of somebody else's client is that client's 404, not a
        // judgement of the form.
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let change = change.ok_or_else(|| AppError::BadRequest("unknown action".into()))?;
        client_services::apply(c, &scope, &change, &actor)
    })
    .await;
    match outcome {
        Ok(Applied::Done(key)) => Ok(see_other_with_flash(&session, &here, "success", key)),
        Ok(Applied::Confirm(name)) => {
            render(&ctx, &state, &user, (gid, cid), Some((form.service, name))).await
        }
        Err(AppError::Conflict(m)) if m == crate::error::CLIENT_DELETED => Ok(
            see_other_with_flash(&session, &here, "error", "deletion-read-only"),
        ),
        Err(AppError::Conflict(_)) => Ok(see_other_with_flash(
            &session,
            &here,
            "error",
            "service-hidden",
        )),
        Err(AppError::Invalid(_)) => Ok(see_other_with_flash(
            &session,
            &here,
            "error",
            "error-choose-status",
        )),
        Err(e) => Err(e),
    }
}
