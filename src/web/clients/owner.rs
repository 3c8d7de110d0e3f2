//! A client's owner, from the group console:
//! - `POST /groups/{gid}/clients/{cid}/owner/resend-activation`: a new link for a pending
//!   owner; the old link stops working.
//! - `GET,POST /groups/{gid}/clients/{cid}/owner/invite`: "Invite a new owner" for a client
//!   without one (SPEC §2). The Edit and Users tabs carry the same form; this page shows it
//!   alone, and again with the messages beside the fields when something was wrong.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::scope::{StaffClientScope, console_client_scope};
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::services::client_users::{self, InvitedOwnerForm, OwnerInvited};
use crate::services::clients::{self, Resent};
use crate::views::Layout;
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

pub async fn resend(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let memberships = user.memberships().clone();
    let actor = user.actor(&req);
    let base_url = state.config.base_url.clone();
    let here = format!("/groups/{gid}/clients/{cid}");
    let sent = db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        clients::resend_activation(c, &scope, &actor, &base_url)
    })
    .await;
    Ok(match sent? {
        Resent::Sent(email) => see_other_with_flash(
            &session,
            &here,
            "success",
            Msg::new("client-resent").with("email", email),
        ),
        Resent::TooSoon => see_other_with_flash(&session, &here, "error", "client-resend-too-soon"),
        // The owner activated meanwhile (or was removed): nothing to resend.
        Resent::NotPending => {
            see_other_with_flash(&session, &here, "info", "client-nothing-to-resend")
        }
    })
}

/// The tab "Invite a new owner" was sent from, and returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Back {
    Edit,
    Users,
}

impl Back {
    fn parse(s: &str) -> Self {
        if s == "users" {
            Back::Users
        } else {
            Back::Edit
        }
    }

    fn code(self) -> &'static str {
        match self {
            Back::Edit => "edit",
            Back::Users => "users",
        }
    }

    fn path(self, gid: i64, cid: i64) -> String {
        match self {
            Back::Edit => format!("/groups/{gid}/clients/{cid}"),
            Back::Users => format!("/groups/{gid}/clients/{cid}/users"),
        }
    }
}

/// The form: the new owner's name and address, and the tab to return to.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewOwnerForm {
    #[serde(flatten)]
    person: InvitedOwnerForm,
    #[serde(default)]
    back: String,
}

#[derive(Template)]
#[template(path = "clients/new_owner.html")]
struct NewOwnerPage {
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    layout: Layout,
    group_id: i64,
    client_id: i64,
    client_name: String,
    back: &'static str,
    form: InvitedOwnerForm,
    errors: FieldErrors,
}

async fn new_owner_page(
    ctx: &PageContext,
    state: &AppState,
    scope: &StaffClientScope,
    back: Back,
    form: InvitedOwnerForm,
    errors: FieldErrors,
) -> Result<NewOwnerPage, AppError> {
    let title = Msg::new("client-owner-invite-title").in_lang(ctx.lang());
    Ok(NewOwnerPage {
        pill: super::status_pill(state, scope).await?,
        layout: ctx.group_layout(scope.group(), "clients", title)?,
        group_id: scope.group().group_id().0,
        client_id: scope.client_id().0,
        client_name: scope.client_name().to_owned(),
        back: back.code(),
        form,
        errors,
    })
}

/// The client, as this staff member reaches it, and whether it has nobody to own it.
async fn load(
    state: &AppState,
    user: &CurrentUser,
    gid: i64,
    cid: i64,
) -> Result<(StaffClientScope, bool), AppError> {
    let memberships = user.memberships().clone();
    db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let needs = client_users::needs_owner(c, &scope)?;
        Ok((scope, needs))
    })
    .await
}

#[derive(serde::Deserialize)]
pub struct BackQuery {
    #[serde(default)]
    back: String,
}

/// `GET …/owner/invite`: the form alone. A client with an owner (or one invited) goes
/// back to its tab, saying so.
pub async fn new(
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    query: web::Query<BackQuery>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let back = Back::parse(&query.back);
    let (scope, needs) = match load(&state, &user, gid, cid).await {
        Ok(found) => found,
        // A deleted client is read-only.
        Err(AppError::Conflict(_)) => {
            return Ok(see_other_with_flash(
                &session,
                &back.path(gid, cid),
                "error",
                "deletion-read-only",
            ));
        }
        Err(e) => return Err(e),
    };
    if !needs {
        return Ok(see_other_with_flash(
            &session,
            &back.path(gid, cid),
            "info",
            "client-owner-exists",
        ));
    }
    page(
        &new_owner_page(
            &ctx,
            &state,
            &scope,
            back,
            InvitedOwnerForm::default(),
            FieldErrors::default(),
        )
        .await?,
    )
}

/// `POST …/owner/invite`: invites the new owner; a 422 shows the form again as typed.
pub async fn invite(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<NewOwnerForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let NewOwnerForm { person, back } = form.into_inner();
    let back = Back::parse(&back);
    let memberships = user.memberships().clone();
    let (f, actor) = (person.clone(), user.actor(&req));
    let base_url = state.config.base_url.clone();
    let invited = db::run(&state.pool, move |c| {
        let scope = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        let invited = client_users::invite_new_owner(c, &scope, &f, &actor, &base_url);
        Ok::<_, AppError>((scope, invited))
    })
    .await?;
    let here = back.path(gid, cid);
    Ok(match invited {
        (_, Ok(OwnerInvited::Sent(email))) => see_other_with_flash(
            &session,
            &here,
            "success",
            Msg::new("client-owner-invited").with("email", email),
        ),
        (_, Ok(OwnerInvited::HasOwner)) => {
            see_other_with_flash(&session, &here, "info", "client-owner-exists")
        }
        (_, Err(AppError::Conflict(_))) => {
            see_other_with_flash(&session, &here, "error", "deletion-read-only")
        }
        (scope, Err(AppError::Invalid(errors))) => {
            let mut form = person;
            form.email = form.email.trim().to_owned();
            let p = new_owner_page(&ctx, &state, &scope, back, form, errors).await?;
            return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p);
        }
        (_, Err(e)) => return Err(e),
    })
}
