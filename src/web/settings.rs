//! `GET,POST /groups/{gid}/settings`: vendor settings (owners and admins; sellers get 404).
//! A change of visibility is shown first with how many clients it reaches — those that
//! follow the group's switches change, customised ones keep theirs — and saved when
//! confirmed; the notification settings alone are saved at once.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::GroupScope;
use crate::auth::rights::Action;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::services::settings::{self, Reach, Settings};
use crate::services::two_step;
use crate::views::Layout;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

/// A service's switch as the form shows it.
pub struct Switch {
    pub code: String,
    pub name: String,
    pub visible: bool,
}

/// The confirmation step of a visibility change.
pub struct Preview {
    pub services: String,
    pub reach: Reach,
}

#[derive(Template)]
#[template(path = "groups/settings.html")]
struct SettingsPage {
    layout: Layout,
    group_id: i64,
    switches: Vec<Switch>,
    notify: bool,
    recipients: String,
    errors: FieldErrors,
    preview: Option<Preview>,
    /// The group requires two-step verification of its staff.
    two_step_required: bool,
    /// The owner may change that (admins see it).
    two_step_may_change: bool,
    two_step_errors: FieldErrors,
}

async fn current(state: &AppState, scope: &GroupScope) -> Result<Settings, AppError> {
    let s = scope.clone();
    db::run(&state.pool, move |c| settings::load(c, &s)).await
}

async fn render(
    ctx: &PageContext,
    state: &AppState,
    scope: &GroupScope,
    switches: Vec<Switch>,
    notify: bool,
    recipients: String,
) -> Result<SettingsPage, AppError> {
    let title = Msg::new("settings-page-title").with("group", scope.group_name());
    let gid = scope.group_id().0;
    let two_step_required =
        db::run(&state.pool, move |c| Ok(two_step::is_required(c, gid)?)).await?;
    Ok(SettingsPage {
        two_step_required,
        two_step_may_change: scope.may(Action::TransferGroupOwnership),
        two_step_errors: FieldErrors::default(),
        layout: ctx.group_layout(scope, "settings", title.in_lang(ctx.lang()))?,
        group_id: scope.group_id().0,
        switches,
        notify,
        recipients,
        errors: FieldErrors::default(),
        preview: None,
    })
}

/// The page with the settings as they are.
async fn as_stored(
    ctx: &PageContext,
    state: &AppState,
    scope: &GroupScope,
) -> Result<SettingsPage, AppError> {
    let now = current(state, scope).await?;
    let switches = now
        .visibility
        .into_iter()
        .map(|(s, visible)| Switch {
            code: s.code,
            name: s.name,
            visible,
        })
        .collect();
    let recipients = now.recipients.join("\n");
    render(
        ctx,
        state,
        scope,
        switches,
        now.notify_deletions,
        recipients,
    )
    .await
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    page(&as_stored(&ctx, &state, &scope).await?)
}

pub async fn save(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let now = current(&state, &scope).await?;
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let wanted: BTreeMap<String, bool> = now
        .visibility
        .iter()
        .map(|(s, _)| {
            let key = format!("visible_{}", s.code);
            (s.code.clone(), field(&key).is_some())
        })
        .collect();
    let notify = field("notify_deletions").is_some();
    let typed = field("recipients").unwrap_or("").to_owned();
    let switches: Vec<Switch> = now
        .visibility
        .iter()
        .map(|(s, _)| Switch {
            code: s.code.clone(),
            name: s.name.clone(),
            visible: wanted.get(&s.code).copied().unwrap_or(false),
        })
        .collect();
    let recipients = match settings::check_recipients(&typed) {
        Ok(list) => list,
        Err(errors) => {
            let mut page = render(&ctx, &state, &scope, switches, notify, typed).await?;
            page.errors = errors;
            return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let changed = settings::visibility_changes(&now, &wanted);
    if !changed.is_empty() && field("confirm") != Some("1") {
        let s = scope.clone();
        let reach = db::run(&state.pool, move |c| settings::reach(c, &s)).await?;
        let names: Vec<String> = now
            .visibility
            .iter()
            .filter(|(s, _)| changed.contains(&s.code))
            .map(|(s, _)| s.name.clone())
            .collect();
        let mut page = render(&ctx, &state, &scope, switches, notify, typed).await?;
        page.preview = Some(Preview {
            services: names.join(", "),
            reach,
        });
        return crate::web::reply::page(&page);
    }
    let actor = user.actor(&req);
    let gid = scope.group_id().0;
    db::run(&state.pool, move |c| {
        settings::save(c, &scope, &wanted, notify, &recipients, &actor)
    })
    .await?;
    Ok(see_other_with_flash(
        &session,
        &format!("/groups/{gid}/settings"),
        "success",
        "settings-saved",
    ))
}

#[derive(serde::Deserialize)]
pub struct TwoStepForm {
    two_step_required: Option<String>,
}

/// `POST /groups/{gid}/settings/two-step`: the owner requires two-step verification of the
/// group's staff, or stops requiring it (admins get 404). The owner must use it first.
pub async fn save_two_step(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<TwoStepForm>,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let required = form.two_step_required.is_some();
    let (owner_uses_it, actor, s) = (user.real().uses_two_step(), user.actor(&req), scope.clone());
    let done = db::run(&state.pool, move |c| {
        two_step::set_required(c, &s, required, owner_uses_it, &actor)
    })
    .await;
    match done {
        Ok(_) => Ok(see_other_with_flash(
            &session,
            &format!("/groups/{gid}/settings"),
            "success",
            "settings-saved",
        )),
        Err(AppError::Invalid(errors)) => {
            let mut page = as_stored(&ctx, &state, &scope).await?;
            page.two_step_errors = errors;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
