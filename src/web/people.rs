//! The people of an account and their invitations, on one page shape for two places:
//! a client's users in its client area (`/portal/{cid}/users`, with `users`) and a group's
//! staff (`/groups/{gid}/staff`, owners and admins). Both list the people (role,
//! permissions, change, remove, transfer ownership), the invitations not accepted (sent,
//! expires, state, resend, revoke) and the invitation form. Everything else is 404.
//! Each row offers only what this person may do to it (`services::people::Roster`); from
//! inside support access nothing that grants access is offered (the invitation form,
//! resending, a higher role or a permission more), and asking anyway is the 403 page.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::rights::Permissions;
use crate::auth::scope;
use crate::db::{
    self,
    ids::{ClientId, GroupId},
};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::models::invitation::{Invitation, InvitationState};
use crate::services::people::{self, InviteForm, Person, Roster};
use crate::views::{Layout, role_key};
use crate::web::context::PageContext;
use crate::web::identity::CurrentUser;
use crate::web::reply::{page, page_with_status, see_other_with_flash};
use crate::web::state::AppState;

/// Where the page is: a client's area or a group's console.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    Portal(ClientId),
    Staff(GroupId),
}

/// The place is read from the route: `{cid}` in the client area, `{gid}` on the staff page.
impl actix_web::FromRequest for Place {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let id = |name: &str| {
            req.match_info()
                .get(name)
                .and_then(|v| v.parse::<i64>().ok())
        };
        std::future::ready(match (id("cid"), id("gid")) {
            (Some(cid), _) => Ok(Place::Portal(ClientId(cid))),
            (None, Some(gid)) => Ok(Place::Staff(GroupId(gid))),
            _ => Err(AppError::NotFound),
        })
    }
}

/// The person or invitation a route names (`{id}`).
pub struct ItemId(i64);

impl actix_web::FromRequest for ItemId {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(
            req.match_info()
                .get("id")
                .and_then(|v| v.parse().ok())
                .map(ItemId)
                .ok_or(AppError::NotFound),
        )
    }
}

impl Place {
    fn base(self) -> String {
        match self {
            Place::Portal(cid) => format!("/portal/{}/users", cid.0),
            Place::Staff(gid) => format!("/groups/{}/staff", gid.0),
        }
    }
}

pub struct PersonRow {
    pub person: Person,
    pub perms: Permissions,
    pub manageable: bool,
    /// The roles and member permissions the change form offers for this person.
    pub roles: Vec<&'static str>,
    pub grantable: Permissions,
    /// The owner may hand the ownership to this admin.
    pub can_transfer: bool,
    pub since: String,
    /// Locked out by failed sign-ins: whole minutes left (staff page only).
    pub locked_minutes: Option<i64>,
    /// Unlock is offered: locked, someone this person may manage, and of no other account
    /// (the lock guards that one too; it lifts by itself).
    pub can_unlock: bool,
}

impl PersonRow {
    /// Something may be done to this person here: the row links to their page.
    pub fn has_actions(&self) -> bool {
        self.manageable || self.can_transfer || self.can_unlock
    }
}

pub struct InvitationRow {
    pub invitation: Invitation,
    pub state: InvitationState,
    pub sent: String,
    pub expires: String,
    /// Who sent it, when they are one of the account's own people (the staff of a client's
    /// group are not named in its client area).
    pub inviter: Option<String>,
    /// What a member's invitation lets them do (catalogue keys; empty for other roles).
    pub granted: Vec<&'static str>,
    /// Resend and revoke are offered (pending, or expired but not closed: resend only).
    pub can_resend: bool,
    pub can_revoke: bool,
}

#[derive(Template)]
#[template(path = "people/roster.html")]
struct RosterPage {
    layout: Layout,
    base: String,
    is_group: bool,
    /// A staff member signed in as the client's user: no invitation form.
    support_access: bool,
    account_name: String,
    people: Vec<PersonRow>,
    invitations: Vec<InvitationRow>,
    roles: Vec<&'static str>,
    grantable: Permissions,
    form: InviteForm,
    errors: FieldErrors,
}

impl RosterPage {
    fn role_key(role: &str) -> &'static str {
        role_key(role)
    }

    /// The member permissions, in the form's order: (code, catalogue key, granted).
    fn permission_items(
        p: impl std::borrow::Borrow<Permissions>,
    ) -> [(&'static str, &'static str, bool); 4] {
        let p = p.borrow();
        [
            ("account", "permission-account", p.account),
            ("services", "permission-services", p.services),
            ("users", "permission-users", p.users),
            ("billing", "permission-billing", p.billing),
        ]
    }

    fn form_perms(&self) -> Permissions {
        if self.form.access.is_empty() {
            Permissions::default()
        } else {
            self.form.permissions()
        }
    }
}

/// One person's page (`GET {base}/{id}`): their role and permissions to change, with
/// Cancel, and what else may be done to them (unlock, reset two-step, transfer the
/// ownership, remove), each with its confirmation. Editing never happens inside the table.
#[derive(Template)]
#[template(path = "people/person.html")]
struct PersonPage {
    layout: Layout,
    base: String,
    is_group: bool,
    account_name: String,
    /// "Users" or "Staff": where Cancel goes back to.
    back_label: String,
    row: PersonRow,
    errors: FieldErrors,
}

impl PersonPage {
    fn role_key(role: &str) -> &'static str {
        role_key(role)
    }

    fn permission_items(
        p: impl std::borrow::Borrow<Permissions>,
    ) -> [(&'static str, &'static str, bool); 4] {
        RosterPage::permission_items(p)
    }
}

/// The roster this user may manage at `place`, with the page's frame.
async fn open(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    place: Place,
) -> Result<(Roster, Layout), AppError> {
    let memberships = user.memberships().clone();
    let me = user.effective().id;
    match place {
        Place::Staff(gid) => {
            let scope = user.group_scope(gid)?;
            let roster = Roster::of_group(&scope, me)?;
            let layout = ctx.group_layout(&scope, "staff", ctx.t("staff-title"))?;
            Ok((roster, layout))
        }
        Place::Portal(cid) => {
            let (scope, services) = db::run(&state.pool, move |c| {
                let scope = scope::member_client_scope(c, &memberships, cid)?;
                let services = crate::services::client_services::visible_to_member(c, &scope)?;
                Ok((scope, services))
            })
            .await?;
            let roster = Roster::of_client(&scope, me, user.is_impersonating())?;
            let nav = crate::web::portal::nav(&scope, &services, "users");
            let layout = ctx.portal_layout(nav, ctx.t("people-title"))?;
            Ok((roster, layout))
        }
    }
}

async fn render(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    place: Place,
    form: InviteForm,
    errors: FieldErrors,
) -> Result<RosterPage, AppError> {
    let (roster, layout) = open(ctx, state, user, place).await?;
    let r = roster.clone();
    let view = db::run(&state.pool, move |c| people::view(c, &r)).await?;
    let now = db::now();
    let lang = ctx.lang();
    let date = |t: chrono::NaiveDateTime| crate::i18n::format_date(lang, t.date());
    let names: std::collections::HashMap<i64, String> =
        view.people.iter().map(|p| (p.user_id, p.name())).collect();
    let people = view
        .people
        .into_iter()
        .map(|p| PersonRow {
            locked_minutes: view
                .locked
                .get(&p.email)
                .map(|w| (crate::auth::throttle::retry_after_seconds(*w) + 59) / 60),
            can_unlock: view.locked.contains_key(&p.email)
                && roster.may_manage(p.user_id, &p.role, &p.permissions)
                && !view.elsewhere.contains(&p.user_id),
            perms: p.perms(),
            manageable: roster.may_manage(p.user_id, &p.role, &p.permissions),
            roles: roster.roles_to_give_to(&p.role, Permissions::parse(&p.permissions)),
            grantable: roster.permissions_to_give_to(&p.role, Permissions::parse(&p.permissions)),
            can_transfer: roster.is_owner() && p.role == "admin" && !user.is_impersonating(),
            since: date(p.since),
            person: p,
        })
        .collect();
    let invitations = view
        .invitations
        .into_iter()
        .map(|i| {
            let state = i.state(now);
            let theirs = roster.may_manage_invitation(&i.role, &i.permissions);
            InvitationRow {
                inviter: i.invited_by.and_then(|id| names.get(&id).cloned()),
                granted: crate::auth::rights::granted_keys(&i.role, &i.permissions),
                sent: crate::i18n::format_datetime(lang, i.sent_at),
                expires: date(i.expires_at),
                can_resend: theirs
                    && !roster.is_support_access()
                    && (state == InvitationState::Pending
                        || (state == InvitationState::Expired && i.expired_at.is_none())),
                can_revoke: theirs && state == InvitationState::Pending,
                state,
                invitation: i,
            }
        })
        .collect();
    Ok(RosterPage {
        layout,
        base: place.base(),
        is_group: matches!(place, Place::Staff(_)),
        support_access: roster.is_support_access(),
        account_name: view.account.name,
        people,
        invitations,
        roles: roster.roles_to_give(),
        grantable: roster.permissions_to_give(),
        form,
        errors,
    })
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    place: Place,
) -> Result<HttpResponse, AppError> {
    let form = InviteForm {
        role: "member".into(),
        access: "chosen".into(),
        ..Default::default()
    };
    page(&render(&ctx, &state, &user, place, form, FieldErrors::default()).await?)
}

/// `GET {base}/{id}`: one person's page, for those the reader may act on (else 404, as
/// for someone not in the account).
pub async fn person(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    place: Place,
    ItemId(uid): ItemId,
) -> Result<HttpResponse, AppError> {
    page(
        &person_page(
            &ctx,
            &state,
            &user,
            place,
            uid,
            None,
            FieldErrors::default(),
        )
        .await?,
    )
}

async fn person_page(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    place: Place,
    uid: i64,
    sent: Option<&InviteForm>,
    errors: FieldErrors,
) -> Result<PersonPage, AppError> {
    let roster = render(
        ctx,
        state,
        user,
        place,
        InviteForm::default(),
        FieldErrors::default(),
    )
    .await?;
    let mut row = roster
        .people
        .into_iter()
        .find(|r| r.person.user_id == uid && r.has_actions())
        .ok_or(AppError::NotFound)?;
    // A change sent back with an error shows what was chosen, not what is stored.
    if let Some(f) = sent {
        if row.roles.contains(&f.role.as_str()) {
            row.person.role = f.role.clone();
        }
        row.perms = f.permissions();
    }
    let mut layout = roster.layout;
    let back_label = layout.title.clone();
    layout.title = row.person.name();
    Ok(PersonPage {
        layout,
        base: roster.base,
        is_group: roster.is_group,
        account_name: roster.account_name,
        back_label,
        row,
        errors,
    })
}

pub async fn invite(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    place: Place,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    // Inviting grants access: never from inside support access, whatever the address (and
    // before anything of the client is looked up). A staff page is not the client user's:
    // its scope answers first (404), as for anything else of the console.
    if matches!(place, Place::Portal(_)) {
        user.refuse_while_impersonating()?;
    }
    let mut form = form.into_inner();
    let (roster, _) = open(&ctx, &state, &user, place).await?;
    let (actor, name, lang) = (
        user.actor(&req),
        user.effective().display_name(),
        ctx.lang(),
    );
    let base_url = state.config.base_url.clone();
    let f = form.clone();
    let sent = db::run(&state.pool, move |c| {
        people::invite(c, &roster, &f, &name, lang, &actor, &base_url)
    })
    .await;
    match sent {
        Ok(()) => Ok(see_other_with_flash(
            &session,
            &place.base(),
            "success",
            Msg::new("invitation-sent")
                .with("email", crate::models::user::normalize_email(&form.email)),
        )),
        Err(AppError::Invalid(errors)) => {
            form.email = form.email.trim().to_owned();
            let page = render(&ctx, &state, &user, place, form, errors).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

/// What a POST on one invitation or one person does.
#[derive(Debug, Clone, Copy)]
enum Act {
    Resend,
    Revoke,
    Remove,
    Transfer,
    Unlock,
    ResetTwoStep,
}

/// Runs a one-button action and answers 303 with its flash.
#[allow(clippy::too_many_arguments)]
async fn act(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    place: Place,
    id: i64,
    what: Act,
) -> Result<HttpResponse, AppError> {
    if matches!(what, Act::Transfer | Act::ResetTwoStep)
        || matches!((what, place), (Act::Resend, Place::Portal(_)))
    {
        // Ownership is handed over by the owner, never on their behalf; nor is anyone's
        // two-step verification reset, nor an invitation (access) sent again, from inside
        // support access.
        user.refuse_while_impersonating()?;
    }
    let (roster, _) = open(&ctx, &state, &user, place).await?;
    let (actor, name, lang) = (
        user.actor(&req),
        user.effective().display_name(),
        ctx.lang(),
    );
    let base_url = state.config.base_url.clone();
    let done = db::run(&state.pool, move |c| match what {
        Act::Resend => people::resend(c, &roster, id, &name, lang, &actor, &base_url),
        Act::Revoke => people::revoke(c, &roster, id, &actor),
        Act::Remove => people::remove(c, &roster, id, &actor),
        Act::Transfer => people::transfer(c, &roster, id, &actor),
        Act::Unlock => people::unlock(c, &roster, id, &actor),
        Act::ResetTwoStep => people::reset_two_step(c, &roster, id, &actor),
    })
    .await;
    let base = place.base();
    let (kind, msg) = match (what, done) {
        (Act::Resend, Ok(email)) => (
            "success",
            Msg::new("invitation-resent").with("email", email),
        ),
        (Act::Revoke, Ok(email)) => (
            "success",
            Msg::new("invitation-revoked").with("email", email),
        ),
        (Act::Remove, Ok(who)) => ("success", Msg::new("person-removed").with("name", who)),
        (Act::Transfer, Ok(who)) => (
            "success",
            Msg::new("ownership-transferred").with("name", who),
        ),
        (Act::Unlock, Ok(who)) => ("success", Msg::new("person-unlocked").with("name", who)),
        (Act::ResetTwoStep, Ok(who)) => {
            ("success", Msg::new("two-step-reset-done").with("name", who))
        }
        (Act::ResetTwoStep, Err(AppError::Conflict(why))) if why == people::TWO_STEP_ELSEWHERE => {
            ("error", Msg::new("two-step-reset-elsewhere"))
        }
        (Act::ResetTwoStep, Err(AppError::Conflict(_))) => ("info", Msg::new("two-step-reset-off")),
        (Act::Unlock, Err(AppError::Conflict(_))) => ("error", Msg::new("unlock-elsewhere")),
        (Act::Resend, Err(AppError::Conflict(why)))
            if why == crate::services::invitations::RESENT_TOO_SOON =>
        {
            ("error", Msg::new("invitation-resend-wait"))
        }
        (Act::Transfer, Err(AppError::Conflict(_))) => ("error", Msg::new("ownership-to-admin")),
        (_, Err(AppError::Conflict(_))) => ("error", Msg::new("invitation-closed-flash")),
        (_, Err(e)) => return Err(e),
    };
    Ok(see_other_with_flash(&session, &base, kind, msg))
}

macro_rules! one_button {
    ($name:ident, $act:expr) => {
        pub async fn $name(
            req: HttpRequest,
            ctx: PageContext,
            session: Session,
            state: web::Data<AppState>,
            user: CurrentUser,
            place: Place,
            ItemId(id): ItemId,
        ) -> Result<HttpResponse, AppError> {
            act(req, ctx, session, state, user, place, id, $act).await
        }
    };
}

one_button!(resend, Act::Resend);
one_button!(revoke, Act::Revoke);
one_button!(remove, Act::Remove);
one_button!(transfer, Act::Transfer);
one_button!(unlock, Act::Unlock);
one_button!(reset_two_step, Act::ResetTwoStep);

#[allow(clippy::too_many_arguments)]
pub async fn change(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    place: Place,
    ItemId(uid): ItemId,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (roster, _) = open(&ctx, &state, &user, place).await?;
    let actor = user.actor(&req);
    let f = form.clone();
    let done = db::run(&state.pool, move |c| {
        people::change(c, &roster, uid, &f, &actor)
    })
    .await;
    match done {
        Ok(name) => Ok(see_other_with_flash(
            &session,
            &place.base(),
            "success",
            // Staff have a role only; a client's people, a role and permissions.
            Msg::new(match place {
                Place::Staff(_) => "person-role-changed",
                Place::Portal(_) => "person-changed",
            })
            .with("name", name),
        )),
        Err(AppError::Invalid(errors)) => {
            let page = person_page(&ctx, &state, &user, place, uid, Some(&form), errors).await?;
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
