//! `GET /groups/{gid}/clients/new` and `POST /groups/{gid}/clients`: add a client.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::CurrentUser;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::input::FieldErrors;
use crate::models::membership;
use crate::services::client_rules::ClientInput;
use crate::services::clients;
use crate::startup::AppState;
use crate::views::Layout;
use crate::web::{page, page_with_status, see_other_with_flash};

use super::FormPage;

async fn staff(state: &AppState, gid: i64) -> Result<Vec<membership::StaffMember>, AppError> {
    db::run(&state.pool, move |c| {
        Ok(membership::staff_of_group(c, gid)?)
    })
    .await
}

pub async fn new(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id.0;
    let staff = staff(&state, gid).await?;
    let layout = Layout::new(&session, Some(&user), "Add client")?.in_group(gid, "clients");
    let form = ClientInput {
        active: Some("on".into()),
        language: "en".into(),
        ..Default::default()
    };
    page(&FormPage::new(layout, gid, None, form, &staff))
}

pub async fn create(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ClientInput>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id.0;
    let mut input = form.into_inner();
    let (fields, mut errors) = match input.check_client() {
        Ok(f) => (Some(f), FieldErrors::default()),
        Err(e) => (None, e),
    };
    let owner = input.check_owner(&mut errors);
    let outcome = match (fields, owner) {
        (Some(fields), Some(owner)) if errors.is_empty() => {
            let hash = match &owner.password {
                Some(pw) => Some(state.hasher.hash(pw.clone()).await?),
                None => None,
            };
            let actor = user.actor(&req);
            let scope = scope.clone();
            let base_url = state.config.base_url.clone();
            let name = fields.account_name.clone();
            db::run(&state.pool, move |c| {
                clients::create(c, &scope, &fields, &owner, hash, &actor, &base_url)
            })
            .await?
            .map(|created| (created, name))
        }
        _ => Err(errors),
    };
    match outcome {
        Ok((created, name)) => {
            let note = if created.activation_sent {
                " An activation email is on its way to the owner."
            } else if created.existing_user {
                " The owner already had an account and can sign in with it."
            } else {
                ""
            };
            Ok(see_other_with_flash(
                &session,
                &format!("/groups/{gid}/clients/{}", created.client_id),
                "success",
                format!("Client {name} created.{note}"),
            ))
        }
        Err(errors) => {
            input.owner_password.clear();
            let staff = staff(&state, gid).await?;
            let layout = Layout::new(&session, Some(&user), "Add client")?.in_group(gid, "clients");
            let mut page = FormPage::new(layout, gid, None, input, &staff);
            page.errors = errors;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
