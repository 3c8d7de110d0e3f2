//! The client's "Users" tab in the group console: `GET /groups/{gid}/clients/{cid}/users`
//! lists the client's users; `GET,POST …/users/{uid}` edits one (name, email, language,
//! role). Staff invite nobody here but a new owner, for a client that has none (the form
//! posts to `…/owner/invite`); the client's own users invite the others, from the client
//! area.
//! The rules, email changes included, are `services::client_users`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::rights::Permissions;
use crate::auth::scope::{StaffClientScope, console_client_scope};
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::services::client_users::{self, ClientUser, Edited, InvitedOwnerForm, UserForm};
use crate::services::people::Person;
use crate::views::Layout;
use crate::views::clients::{Choice, language_choices};
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page, page_with_status, see_other_with_flash},
};

#[derive(Template)]
#[template(path = "clients/users.html")]
struct UsersPage {
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    layout: Layout,
    group_id: i64,
    client_id: i64,
    client_name: String,
    people: Vec<(Person, String)>,
    /// The owner the client was created with, still invited: (name, email, since).
    invited_owner: Option<(String, String, String)>,
    /// Nobody owns the client nor is invited to: "Invite a new owner" is offered.
    needs_owner: bool,
    deleted: bool,
    /// The errors of "Invite a new owner", shown empty here (its own page shows them).
    no_errors: FieldErrors,
}

impl UsersPage {
    fn role_key(role: &str) -> &'static str {
        crate::views::role_key(role)
    }
}

#[derive(Template)]
#[template(path = "clients/user_edit.html")]
struct UserPage {
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    layout: Layout,
    group_id: i64,
    client_id: i64,
    client_name: String,
    user_id: i64,
    is_owner: bool,
    activated: bool,
    pending_email: Option<String>,
    form: UserForm,
    errors: FieldErrors,
    languages: Vec<Choice>,
}

impl UserPage {
    /// The member permissions, in the form's order: (code, catalogue key, granted).
    fn permission_items(&self) -> [(&'static str, &'static str, bool); 4] {
        let p: Permissions = self.form.permissions();
        [
            ("account", "permission-account", p.account),
            ("services", "permission-services", p.services),
            ("users", "permission-users", p.users),
            ("billing", "permission-billing", p.billing),
        ]
    }

    fn role_key(role: &str) -> &'static str {
        crate::views::role_key(role)
    }
}

/// The client, as this staff member reaches it.
async fn scope_of(
    state: &AppState,
    user: &CurrentUser,
    (gid, cid): (i64, i64),
) -> Result<StaffClientScope, AppError> {
    let memberships = user.memberships().clone();
    db::run(&state.pool, move |c| {
        console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))
    })
    .await
}

pub async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let scope = scope_of(&state, &user, (gid, cid)).await?;
    let s = scope.clone();
    let tab = db::run(&state.pool, move |c| client_users::list(c, &s)).await?;
    let lang = ctx.lang();
    let title = Msg::new("client-users-title").with("client", scope.client_name());
    page(&UsersPage {
        pill: super::status_pill(&state, &scope).await?,
        layout: ctx.group_layout(scope.group(), "clients", title.in_lang(lang))?,
        group_id: gid,
        client_id: cid,
        client_name: scope.client_name().to_owned(),
        needs_owner: tab.needs_owner(),
        deleted: tab.deleted,
        no_errors: FieldErrors::default(),
        invited_owner: tab.invited_owner.map(|i| {
            (
                crate::models::user::person_name(&i.first_name, &i.last_name, &i.email),
                i.email,
                crate::i18n::format_date(lang, i.created_at.date()),
            )
        }),
        people: tab
            .people
            .into_iter()
            .map(|p| {
                let since = crate::i18n::format_date(lang, p.since.date());
                (p, since)
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "clients/invited_owner.html")]
struct InvitedOwnerPage {
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    layout: Layout,
    group_id: i64,
    client_id: i64,
    client_name: String,
    form: InvitedOwnerForm,
    errors: FieldErrors,
}

async fn invited_owner_page(
    ctx: &PageContext,
    state: &AppState,
    scope: &StaffClientScope,
    form: Option<InvitedOwnerForm>,
    errors: FieldErrors,
) -> Result<InvitedOwnerPage, AppError> {
    let s = scope.clone();
    let inv = db::run(&state.pool, move |c| client_users::invited_owner(c, &s)).await?;
    let name = crate::models::user::person_name(&inv.first_name, &inv.last_name, &inv.email);
    let title = Msg::new("client-user-title").with("name", name);
    Ok(InvitedOwnerPage {
        pill: super::status_pill(state, scope).await?,
        layout: ctx.group_layout(scope.group(), "clients", title.in_lang(ctx.lang()))?,
        group_id: scope.group().group_id().0,
        client_id: scope.client_id().0,
        client_name: scope.client_name().to_owned(),
        form: form.unwrap_or(InvitedOwnerForm {
            first_name: inv.first_name,
            last_name: inv.last_name,
            email: inv.email,
        }),
        errors,
    })
}

/// `GET …/users/owner`: the owner the client was created with, while still invited.
pub async fn show_invited_owner(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let scope = scope_of(&state, &user, path.into_inner()).await?;
    page(&invited_owner_page(&ctx, &state, &scope, None, FieldErrors::default()).await?)
}

/// `POST …/users/owner`: corrects the invited owner's name or address.
pub async fn save_invited_owner(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<InvitedOwnerForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let scope = scope_of(&state, &user, (gid, cid)).await?;
    let form = form.into_inner();
    let (s, f, actor) = (scope.clone(), form.clone(), user.actor(&req));
    let base_url = state.config.base_url.clone();
    let saved = db::run(&state.pool, move |c| {
        client_users::save_invited_owner(c, &s, &f, &actor, &base_url)
    })
    .await;
    match saved {
        Err(AppError::Invalid(errors)) => {
            let mut form = form;
            form.email = form.email.trim().to_owned();
            let p = invited_owner_page(&ctx, &state, &scope, Some(form), errors).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        other => answer(&session, gid, cid, other),
    }
}

/// The 303 and flash of a save on the Users tab.
fn answer(
    session: &Session,
    gid: i64,
    cid: i64,
    saved: Result<Edited, AppError>,
) -> Result<HttpResponse, AppError> {
    let (kind, msg) = match saved {
        // A deleted client's users keep their record as it is.
        Err(AppError::Conflict(_)) => ("error", Msg::new("client-users-deleted")),
        Err(e) => return Err(e),
        Ok(edited) => edited_message(edited),
    };
    Ok(see_other_with_flash(
        session,
        &format!("/groups/{gid}/clients/{cid}/users"),
        kind,
        msg,
    ))
}

fn edited_message(edited: Edited) -> (&'static str, Msg) {
    match edited {
        Edited::Saved => ("success", Msg::new("client-user-saved")),
        Edited::Unchanged => ("info", Msg::new("client-unchanged")),
        Edited::EmailChanged(email) => (
            "success",
            Msg::new("client-user-email-changed").with("email", email),
        ),
        Edited::EmailConfirmationSent { old, new } => (
            "success",
            Msg::new("client-user-email-confirm")
                .with("old", old)
                .with("new", new),
        ),
    }
}

async fn user_page(
    ctx: &PageContext,
    state: &AppState,
    scope: &StaffClientScope,
    uid: i64,
    form: Option<UserForm>,
    errors: FieldErrors,
) -> Result<UserPage, AppError> {
    let s = scope.clone();
    let found: ClientUser = db::run(&state.pool, move |c| client_users::find(c, &s, uid)).await?;
    let title = Msg::new("client-user-title").with("name", found.person.name());
    Ok(UserPage {
        pill: super::status_pill(state, scope).await?,
        layout: ctx.group_layout(scope.group(), "clients", title.in_lang(ctx.lang()))?,
        group_id: scope.group().group_id().0,
        client_id: scope.client_id().0,
        client_name: scope.client_name().to_owned(),
        user_id: uid,
        is_owner: found.person.role == "owner",
        activated: found.person.activated,
        form: form.unwrap_or_else(|| UserForm::of(&found)),
        pending_email: found.pending_email,
        errors,
        languages: language_choices(),
    })
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid, uid) = path.into_inner();
    let scope = scope_of(&state, &user, (gid, cid)).await?;
    page(&user_page(&ctx, &state, &scope, uid, None, FieldErrors::default()).await?)
}

#[allow(clippy::too_many_arguments)]
pub async fn save(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64, i64)>,
    form: web::Form<UserForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid, uid) = path.into_inner();
    let scope = scope_of(&state, &user, (gid, cid)).await?;
    let form = form.into_inner();
    let (s, f, actor) = (scope.clone(), form.clone(), user.actor(&req));
    let base_url = state.config.base_url.clone();
    let saved = db::run(&state.pool, move |c| {
        client_users::save(c, &s, uid, &f, &actor, &base_url)
    })
    .await;
    match saved {
        Err(AppError::Invalid(errors)) => {
            let mut form = form;
            form.email = form.email.trim().to_owned();
            let p = user_page(&ctx, &state, &scope, uid, Some(form), errors).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        other => answer(&session, gid, cid, other),
    }
}
