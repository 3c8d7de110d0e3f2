//! Invitations as the invitee meets them: the emailed link (`/invitations/{token}`, with
//! Accept / Decline) and the pending invitations on the account chooser
//! (`/accounts/invitations/{id}/accept|decline`).
//!
//! The link is bound to the invited address. Signed in with that address: Accept and
//! Decline. Signed in with another: refused (403), with the way out (sign out). Signed
//! out, an address that has a user signs in first (and comes back here); an address
//! without one chooses a name and a password and is signed in. A closed invitation
//! (accepted, declined, revoked, expired) gets a page that says which (410); an unknown
//! link, or one replaced by a resend, the 404 page with what to do. The link's secret
//! leaves the address bar on the first GET ([`crate::web::kept_links`]).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::password::check_new_password;
use crate::db;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::input::{FieldErrors, check_person_name};
use crate::models::invitation::InvitationState;
use crate::services::invitations::{self, Link, Newcomer, Open};
use crate::views::{Layout, role_key};
use crate::web::context::PageContext;
use crate::web::error_page::render_error_page;
use crate::web::identity::{CurrentUser, MaybeUser, sign_in};
use crate::web::reply::{page_with_status, see_other, see_other_with_flash};
use crate::web::request::peer_ip;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "invitations/show.html")]
struct InvitationPage {
    layout: Layout,
    /// What the forms post to: the link's reference ([`crate::web::kept_links`]).
    link: String,
    account_name: String,
    is_group: bool,
    role_key: &'static str,
    /// What a member will be able to do (catalogue keys; empty for other roles).
    granted: Vec<&'static str>,
    /// Who sent it.
    inviter: Option<String>,
    invited_email: String,
    /// `accept` (signed in as the invitee), `other` (signed in as someone else),
    /// `sign_in` (the address has a user), `new` (name and password to choose),
    /// `confirm` (a new owner confirms the name and the password staff set).
    mode: &'static str,
    /// The signed-in user's address, in `other` mode.
    signed_in_as: String,
    first_name: String,
    last_name: String,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
pub struct AcceptForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// The page of a link that opens nothing (any more).
pub(crate) fn dead_link(link: &Link, lang: Lang) -> HttpResponse {
    let (status, title, text) = match link {
        Link::Closed(InvitationState::Accepted) => (
            StatusCode::GONE,
            "invitation-accepted-title",
            "invitation-accepted-text",
        ),
        Link::Closed(InvitationState::Declined) => (
            StatusCode::GONE,
            "invitation-declined-title",
            "invitation-declined-text",
        ),
        Link::Closed(InvitationState::Revoked) => (
            StatusCode::GONE,
            "invitation-revoked-title",
            "invitation-revoked-text",
        ),
        Link::Closed(_) => (
            StatusCode::GONE,
            "invitation-expired-title",
            "invitation-expired-text",
        ),
        Link::Open(_) | Link::Unknown => (
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            "invitation-unknown-text",
        ),
    };
    render_error_page(status, title, text, lang)
}

async fn open_link(state: &AppState, token: &str) -> Result<Link, AppError> {
    let t = token.to_owned();
    db::run(&state.pool, move |c| invitations::by_link(c, &t)).await
}

fn mode_for(open: &Open, user: Option<&CurrentUser>) -> &'static str {
    match user {
        Some(u) if u.effective().email == open.invitation.email => "accept",
        Some(_) => "other",
        None if open.known_user => "sign_in",
        None if open.preset_password => "confirm",
        None => "new",
    }
}

fn invitation_page(
    ctx: &PageContext,
    at: String,
    open: &Open,
    user: Option<&CurrentUser>,
    form: &AcceptForm,
    errors: FieldErrors,
) -> Result<InvitationPage, AppError> {
    Ok(InvitationPage {
        layout: ctx.layout(ctx.t("invitation-title"))?,
        link: at,
        account_name: open.account_name.clone(),
        is_group: open.account_kind == crate::models::account::KIND_GROUP,
        role_key: role_key(&open.invitation.role),
        granted: crate::auth::rights::granted_keys(
            &open.invitation.role,
            &open.invitation.permissions,
        ),
        inviter: open.inviter.clone(),
        invited_email: open.invitation.email.clone(),
        mode: mode_for(open, user),
        signed_in_as: user
            .map(|u| u.effective().email.clone())
            .unwrap_or_default(),
        // A new client's owner finds the name staff typed.
        first_name: if form.first_name.is_empty() {
            open.invitation.first_name.clone()
        } else {
            form.first_name.trim().to_owned()
        },
        last_name: if form.last_name.is_empty() {
            open.invitation.last_name.clone()
        } else {
            form.last_name.trim().to_owned()
        },
        errors,
    })
}

pub async fn show(
    req: HttpRequest,
    ctx: PageContext,
    state: web::Data<AppState>,
    MaybeUser(user): MaybeUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let at = path.into_inner();
    let Some(token) = state.links.secret(&req, &at) else {
        return Ok(dead_link(&Link::Unknown, ctx.lang()));
    };
    let link = open_link(&state, &token).await?;
    let Link::Open(open) = &link else {
        return Ok(dead_link(&link, ctx.lang()));
    };
    if let Some(moved) = state.links.keep(&req, &at, |r| format!("/invitations/{r}")) {
        return Ok(moved);
    }
    let page = invitation_page(
        &ctx,
        at,
        open,
        user.as_ref(),
        &AcceptForm::default(),
        FieldErrors::default(),
    )?;
    let status = if page.mode == "other" {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    page_with_status(status, &page)
}

fn accepted_flash(session: &Session, accepted: &invitations::Accepted) -> HttpResponse {
    see_other_with_flash(
        session,
        &accepted.home(),
        "success",
        Msg::new("invitation-joined").with("account", accepted.account_name.as_str()),
    )
}

#[allow(clippy::too_many_arguments)]
pub async fn accept(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    MaybeUser(user): MaybeUser,
    path: web::Path<String>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let at = path.into_inner();
    let Some(token) = state.links.secret(&req, &at) else {
        return Ok(dead_link(&Link::Unknown, ctx.lang()));
    };
    let link = open_link(&state, &token).await?;
    let Link::Open(open) = &link else {
        return Ok(dead_link(&link, ctx.lang()));
    };
    match (mode_for(open, user.as_ref()), user.as_ref()) {
        ("accept", Some(u)) => {
            u.refuse_while_impersonating()?;
            let (id, me, actor) = (open.invitation.id, u.effective().clone(), u.actor(&req));
            let accepted = db::run(&state.pool, move |c| {
                invitations::accept(c, id, &me, &actor)
            })
            .await?;
            Ok(accepted_flash(&session, &accepted))
        }
        ("other", _) => {
            let page = invitation_page(
                &ctx,
                at,
                open,
                user.as_ref(),
                &AcceptForm::default(),
                FieldErrors::default(),
            )?;
            page_with_status(StatusCode::FORBIDDEN, &page)
        }
        ("sign_in", _) => Ok(see_other(&format!("/login?next=/invitations/{at}"))),
        (mode, _) => {
            let preset = mode == "confirm";
            let mut errors = FieldErrors::default();
            check_person_name(
                &mut errors,
                "first_name",
                &form.first_name,
                "error-enter-first-name",
            );
            check_person_name(
                &mut errors,
                "last_name",
                &form.last_name,
                "error-enter-last-name",
            );
            if !preset {
                check_new_password(&mut errors, &form.password, &form.password_confirm);
            }
            if !errors.is_empty() {
                let page = invitation_page(&ctx, at, open, None, &form, errors)?;
                return page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
            let password_hash = if preset {
                None
            } else {
                Some(state.hasher.hash(form.password.clone()).await?)
            };
            let who = Newcomer {
                first_name: form.first_name.trim().to_owned(),
                last_name: form.last_name.trim().to_owned(),
                password_hash,
                language: ctx.lang(),
            };
            let ip = peer_ip(&req);
            let t = token.clone();
            let accepted = db::run(&state.pool, move |c| {
                invitations::accept_as_newcomer(c, &t, &who, ip)
            })
            .await;
            match accepted {
                Ok(accepted) => {
                    sign_in(&session, accepted.user_id)?;
                    Ok(accepted_flash(&session, &accepted))
                }
                // The address got a user meanwhile: they sign in and come back.
                Err(AppError::Conflict(_)) => {
                    let link = open_link(&state, &token).await?;
                    match link {
                        Link::Open(_) => Ok(see_other(&format!("/login?next=/invitations/{at}"))),
                        dead => Ok(dead_link(&dead, ctx.lang())),
                    }
                }
                Err(e) => Err(e),
            }
        }
    }
}

pub async fn decline(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    MaybeUser(user): MaybeUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let at = path.into_inner();
    let Some(token) = state.links.secret(&req, &at) else {
        return Ok(dead_link(&Link::Unknown, ctx.lang()));
    };
    let link = open_link(&state, &token).await?;
    let Link::Open(open) = &link else {
        return Ok(dead_link(&link, ctx.lang()));
    };
    let actor = match user.as_ref() {
        Some(u) if mode_for(open, Some(u)) != "accept" => {
            let page = invitation_page(
                &ctx,
                at,
                open,
                Some(u),
                &AcceptForm::default(),
                FieldErrors::default(),
            )?;
            return page_with_status(StatusCode::FORBIDDEN, &page);
        }
        Some(u) => {
            u.refuse_while_impersonating()?;
            u.actor(&req)
        }
        None => crate::services::audit::Actor {
            email: Some(open.invitation.email.clone()),
            ip: peer_ip(&req),
            ..Default::default()
        },
    };
    let name = db::run(&state.pool, move |c| {
        invitations::decline_by_link(c, &token, &actor)
    })
    .await?;
    let to = if user.is_some() {
        "/accounts"
    } else {
        "/login"
    };
    Ok(see_other_with_flash(
        &session,
        to,
        "info",
        Msg::new("invitation-declined-flash").with("account", name),
    ))
}

/// Accept on the account chooser (signed in with the invited address).
pub async fn accept_in_app(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let back = form.into_inner().back_path();
    answer_in_app(req, session, state, user, (path.into_inner(), &back), true).await
}

/// Decline, on the account chooser, the client area's home or the console's list.
pub async fn decline_in_app(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let back = form.into_inner().back_path();
    answer_in_app(req, session, state, user, (path.into_inner(), &back), false).await
}

/// The page an Accept or Decline was pressed on.
#[derive(Debug, Default, serde::Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    back: Option<String>,
}

impl AnswerForm {
    /// Where a decline (or an invitation closed meanwhile) returns: the page it came from,
    /// when that is a path of this site, else the chooser.
    fn back_path(self) -> String {
        crate::web::request::safe_next(self.back.as_deref()).unwrap_or_else(|| "/accounts".into())
    }
}

/// Accepts or declines invitation `id` as the signed-in user; a decline, or one closed
/// meanwhile, returns to `back` with a message; an accepted one opens its account.
async fn answer_in_app(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    (id, back): (i64, &str),
    accept: bool,
) -> Result<HttpResponse, AppError> {
    user.refuse_while_impersonating()?;
    let (me, actor) = (user.effective().clone(), user.actor(&req));
    let answered = db::run(&state.pool, move |c| {
        if accept {
            invitations::accept(c, id, &me, &actor).map(Ok)
        } else {
            invitations::decline(c, id, &me, &actor).map(Err)
        }
    })
    .await;
    match answered {
        Ok(Ok(accepted)) => Ok(accepted_flash(&session, &accepted)),
        Ok(Err(name)) => Ok(see_other_with_flash(
            &session,
            back,
            "info",
            Msg::new("invitation-declined-flash").with("account", name),
        )),
        Err(AppError::Conflict(_)) => Ok(see_other_with_flash(
            &session,
            back,
            "error",
            "invitation-closed-flash",
        )),
        Err(e) => Err(e),
    }
}
