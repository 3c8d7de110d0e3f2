//! `GET,POST /groups/{gid}/clients/{cid}`: the "Edit client" tab. The form carries the
//! version it was loaded at and its values then (`base`); a save based on an older version
//! is refused (409) with the fields the other save changed, nothing overwritten, and the
//! form made ready to send again without reverting the other change.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::StaffClientScope;
use crate::auth::scope::console_client_scope;
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::input::FieldErrors;
use crate::models::account::ClientStatus;
use crate::services::client_rules::{ClientInput, StaleField};
use crate::services::clients::{self, EditView, Saved};
use crate::views::clients::FormPage;
use crate::views::clients::owner_cell;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

/// The client's scope and what the tab shows besides the form.
async fn load(
    state: &AppState,
    user: &CurrentUser,
    gid: i64,
    cid: i64,
) -> Result<(StaffClientScope, EditView), AppError> {
    let memberships = user.memberships().clone();
    db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let view = clients::edit_view(c, &scope)?;
        Ok((scope, view))
    })
    .await
}

fn layout_title(ctx: &PageContext, client: &str) -> String {
    crate::i18n::Msg::new("client-edit-title")
        .with("client", client)
        .in_lang(ctx.lang())
}

fn form_page(
    ctx: &PageContext,
    scope: &StaffClientScope,
    view: EditView,
    form: ClientInput,
    errors: FieldErrors,
    stale: Vec<StaleField>,
) -> Result<FormPage, AppError> {
    let group = scope.group();
    let title = layout_title(ctx, &view.client.name);
    let layout = ctx.group_layout(group, "clients", title)?;
    let mut page = FormPage::new(
        layout,
        group.group_id().0,
        Some(view.client.id),
        form,
        &view.staff,
    );
    page.status = ClientStatus::parse(&view.client.status);
    page.pill = Some(crate::views::clients::StatusPill::of_facts(&view.facts));
    page.enterable = view.enterable;
    page.owner = Some(owner_cell(view.owner.as_ref()));
    page.errors = errors;
    page.stale = stale;
    Ok(page)
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let (scope, view) = load(&state, &user, gid, cid).await?;
    // The form as loaded: the stored values, with themselves as the base.
    let mut form = ClientInput::of(&view.client);
    form.base = form.values_json();
    page(&form_page(
        &ctx,
        &scope,
        view,
        form,
        FieldErrors::default(),
        Vec::new(),
    )?)
}

pub async fn save(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<ClientInput>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let input = form.into_inner();
    let checked = input.check_client();
    let version: i32 = input.version.trim().parse().unwrap_or(-1);
    let actor = user.actor(&req);
    let memberships = user.memberships().clone();
    let outcome = db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        clients::update(
            c,
            &scope,
            version,
            &checked.map_err(AppError::Invalid)?,
            &actor,
        )
    })
    .await;
    let here = format!("/groups/{gid}/clients/{cid}");
    let (flash_kind, flash) = match outcome {
        Ok(Saved::Saved) => ("success", "client-saved"),
        Ok(Saved::Unchanged) => ("info", "client-unchanged"),
        Ok(Saved::Stale(current)) => {
            let (scope, view) = load(&state, &user, gid, cid).await?;
            let mut form = input;
            let stale = form.rebase(&ClientInput::of(&current));
            let page = form_page(&ctx, &scope, view, form, FieldErrors::default(), stale)?;
            return page_with_status(StatusCode::CONFLICT, &page);
        }
        Err(AppError::Invalid(errors)) => {
            let (scope, view) = load(&state, &user, gid, cid).await?;
            let page = form_page(&ctx, &scope, view, input, errors, Vec::new())?;
            return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        Err(AppError::Conflict(_)) => ("error", "deletion-read-only"),
        Err(e) => return Err(e),
    };
    Ok(see_other_with_flash(&session, &here, flash_kind, flash))
}
