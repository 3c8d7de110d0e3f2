//! The client's "Users" tab in the group console: `GET /groups/{gid}/clients/{cid}/users`
//! lists the client's users; `GET,POST …/users/{uid}` edits one (name, email, language,
//! role). Staff do not invite here; the client's own users do, from the client area.
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
use crate::services::client_users::{self, ClientUser, Edited, UserForm};
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
    layout: Layout,
    group_id: i64,
    client_id: i64,
    client_name: String,
    people: Vec<(Person, String)>,
}

impl UsersPage {
    fn role_key(role: &str) -> &'static str {
        crate::views::role_key(role)
    }
}

#[derive(Template)]
#[template(path = "clients/user_edit.html")]
struct UserPage {
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
    let people = db::run(&state.pool, move |c| client_users::list(c, &s)).await?;
    let lang = ctx.lang();
    let title = Msg::new("client-users-title").with("client", scope.client_name());
    page(&UsersPage {
        layout: ctx.group_layout(scope.group(), "clients", title.in_lang(lang))?,
        group_id: gid,
        client_id: cid,
        client_name: scope.client_name().to_owned(),
        people: people
            .into_iter()
            .map(|p| {
                let since = crate::i18n::format_date(lang, p.since.date());
                (p, since)
            })
            .collect(),
    })
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
    let list = format!("/groups/{gid}/clients/{cid}/users");
    let (kind, msg) = match saved {
        Ok(Edited::Saved) => ("success", Msg::new("client-user-saved")),
        Ok(Edited::Unchanged) => ("info", Msg::new("client-unchanged")),
        Ok(Edited::EmailChanged(email)) => (
            "success",
            Msg::new("client-user-email-changed").with("email", email),
        ),
        Ok(Edited::EmailConfirmationSent { old, new }) => (
            "success",
            Msg::new("client-user-email-confirm")
                .with("old", old)
                .with("new", new),
        ),
        Err(AppError::Invalid(errors)) => {
            let mut form = form;
            form.email = form.email.trim().to_owned();
            let p = user_page(&ctx, &state, &scope, uid, Some(form), errors).await?;
            return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &p);
        }
        Err(e) => return Err(e),
    };
    Ok(see_other_with_flash(&session, &list, kind, msg))
}
