//! `GET,POST /groups/{gid}/clients/{cid}`: the "Edit client" tab. The form carries the
//! version it was loaded at; a save based on an older version is refused (409) with the
//! fields the other save changed, and nothing is overwritten.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::CurrentUser;
use crate::auth::scope::console_client_scope;
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::models::account::{self, Account, ClientStatus};
use crate::models::membership::{self, StaffMember};
use crate::services::client_rules::ClientInput;
use crate::services::clients::{self, Saved};
use crate::startup::AppState;
use crate::views::Layout;
use crate::views::clients::{OwnerCell, owner_cell};
use crate::web::{page, page_with_status, see_other_with_flash};

use super::FormPage;

/// The form's values as stored.
pub fn input_of(a: &Account) -> ClientInput {
    let on = |b: bool| b.then(|| "on".to_owned());
    ClientInput {
        account_name: a.name.clone(),
        company_name: a.company_name.clone(),
        unique_identifier: a.unique_identifier.clone().unwrap_or_default(),
        billing_emails: a.billing_emails.clone(),
        active: on(a.active),
        custom_id: a.custom_id.clone().unwrap_or_default(),
        seller_id: a.seller_id.map(|s| s.to_string()).unwrap_or_default(),
        test_account: on(a.test_account),
        language: a.language.clone(),
        country: a.country.clone(),
        region: a.region.clone(),
        city: a.city.clone(),
        address: a.address.clone(),
        postal_code: a.postal_code.clone(),
        version: a.version.to_string(),
        ..Default::default()
    }
}

/// The edit form as loaded: the stored values, with themselves as the base.
fn loaded_form(a: &Account) -> ClientInput {
    let mut form = input_of(a);
    form.base = form.values_json();
    form
}

struct Loaded {
    client: Account,
    staff: Vec<StaffMember>,
    owner: OwnerCell,
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    gid: i64,
    cid: i64,
) -> Result<Loaded, AppError> {
    let memberships = user.memberships.clone();
    db::run(&state.pool, move |c| {
        console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let client = account::find(c, cid)?;
        let staff = membership::staff_of_group(c, gid)?;
        let owner = super::owner_cells(c, &[cid])?
            .remove(&cid)
            .unwrap_or_else(|| owner_cell(None, None));
        Ok(Loaded {
            owner,
            client,
            staff,
        })
    })
    .await
}

fn form_page(
    session: &Session,
    user: &CurrentUser,
    gid: i64,
    loaded: Loaded,
    form: ClientInput,
) -> Result<FormPage, AppError> {
    let layout = Layout::new(
        session,
        Some(user),
        format!("{} · Edit client", loaded.client.name),
    )?
    .in_group(gid, "clients");
    let mut page = FormPage::new(layout, gid, Some(loaded.client.id), form, &loaded.staff);
    page.status = ClientStatus::parse(&loaded.client.status);
    page.owner = Some(loaded.owner);
    Ok(page)
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let loaded = load(&state, &user, gid, cid).await?;
    let form = loaded_form(&loaded.client);
    page(&form_page(&session, &user, gid, loaded, form)?)
}

pub async fn save(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<ClientInput>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let scope = user.group_scope(GroupId(gid))?;
    let input = form.into_inner();
    let fields = match input.check_client() {
        Ok(f) => f,
        Err(errors) => {
            let loaded = load(&state, &user, gid, cid).await?;
            let mut page = form_page(&session, &user, gid, loaded, input)?;
            page.errors = errors;
            return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let version: i32 = input.version.trim().parse().unwrap_or(-1);
    let actor = user.actor(&req);
    let memberships = user.memberships.clone();
    let outcome = db::run(&state.pool, move |c| {
        console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        clients::update(c, &scope, cid, version, &fields, &actor)
    })
    .await?;
    let here = format!("/groups/{gid}/clients/{cid}");
    match outcome {
        Ok(Saved::Saved) => Ok(see_other_with_flash(
            &session,
            &here,
            "success",
            "Changes saved.",
        )),
        Ok(Saved::Unchanged) => Ok(see_other_with_flash(
            &session,
            &here,
            "info",
            "Nothing to save: no field was changed.",
        )),
        Ok(Saved::Stale(current)) => {
            let loaded = load(&state, &user, gid, cid).await?;
            let mut form = input;
            let stale = form.rebase(&input_of(&current));
            let mut page = form_page(&session, &user, gid, loaded, form)?;
            page.stale = stale;
            page_with_status(StatusCode::CONFLICT, &page)
        }
        Err(errors) => {
            let loaded = load(&state, &user, gid, cid).await?;
            let mut page = form_page(&session, &user, gid, loaded, input)?;
            page.errors = errors;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
