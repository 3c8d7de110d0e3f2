//! `GET /groups/{gid}/clients/new` and `POST /groups/{gid}/clients`: add a client. The
//! form carries the catalogue's switches preset to the group's visibility
//! ([`ServicesChoice`]): left as they are, the client inherits; changed, its visibility is
//! its own from the start.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};

use crate::auth::GroupScope;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::services::client_rules::ClientInput;
use crate::services::client_services::{self, ServicesChoice};
use crate::services::clients::{self, NewClient};
use crate::views::clients::FormPage;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

/// The "Add client" form with these values and errors, and its switches: preset to the
/// group's visibility, or as a sent form had them.
async fn form_page(
    ctx: &PageContext,
    state: &AppState,
    scope: &GroupScope,
    form: ClientInput,
    errors: FieldErrors,
    sent: Option<ServicesChoice>,
) -> Result<FormPage, AppError> {
    let s = scope.clone();
    let (staff, switches, choice) = db::run(&state.pool, move |c| {
        let staff = clients::staff(c, &s)?;
        let (switches, preset) = client_services::switches_for_new_client(c, s.group_id().0)?;
        Ok::<_, AppError>(match sent {
            Some(sent) => (staff, client_services::switches_as_chosen(c, &sent)?, sent),
            None => (staff, switches, preset),
        })
    })
    .await?;
    let layout = ctx.group_layout(scope, "clients", ctx.t("client-add-title"))?;
    let mut page = FormPage::new(layout, scope.group_id().0, None, form, &staff);
    page.errors = errors;
    page.services = switches;
    page.services_preset = choice.preset_field();
    Ok(page)
}

pub async fn new(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    // A new client's emails default to the language of the person adding it.
    let form = ClientInput {
        active: Some("on".into()),
        language: ctx.lang().code().into(),
        ..Default::default()
    };
    page(&form_page(&ctx, &state, &scope, form, FieldErrors::default(), None).await?)
}

/// The form's fields, and its switches (a field sent once per switched-on service, which
/// a struct cannot hold, so the body is read as pairs too).
fn read_form(
    req: &HttpRequest,
    body: &[u8],
) -> Result<(ClientInput, Option<ServicesChoice>), AppError> {
    // A form's body, as `web::Form` would insist.
    if !req
        .content_type()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
    {
        return Err(AppError::BadRequest("a form body is expected".into()));
    }
    let input: ClientInput = serde_urlencoded::from_bytes(body)
        .map_err(|e| AppError::BadRequest(format!("the form: {e}")))?;
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let choice = ServicesChoice::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    Ok((input, choice))
}

pub async fn create(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Bytes,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let (mut input, choice) = read_form(&req, &body)?;
    let (fields, mut errors) = match input.check_client() {
        Ok(f) => (Some(f), FieldErrors::default()),
        Err(e) => (None, e),
    };
    let owner = input.check_owner(&mut errors);
    let outcome = match (fields, owner) {
        (Some(fields), Some(owner)) if errors.is_empty() => {
            let password_typed = owner.password.is_some();
            let owner_hash = match &owner.password {
                Some(pw) => Some(state.hasher.hash(pw.clone()).await?),
                None => None,
            };
            let actor = user.actor(&req);
            let s = scope.clone();
            let base_url = state.config.base_url.clone();
            let name = fields.account_name.clone();
            let new = NewClient {
                fields,
                owner,
                owner_hash,
                services: choice.clone(),
            };
            db::run(&state.pool, move |c| {
                clients::create(c, &s, &new, &actor, &base_url)
            })
            .await
            .map(|client_id| (client_id, name, password_typed))
        }
        _ => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok((client_id, name, password_typed)) => {
            // The words depend only on what was typed, never on whether the owner's
            // address already had a user (SPEC §2: no group may learn that).
            let key = if password_typed {
                "client-created"
            } else {
                "client-created-activation"
            };
            Ok(see_other_with_flash(
                &session,
                &format!("/groups/{gid}/clients/{client_id}"),
                "success",
                Msg::new(key).with("client", name),
            ))
        }
        Err(AppError::Invalid(errors)) => {
            input.owner_password.clear();
            let page = form_page(&ctx, &state, &scope, input, errors, choice).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
