//! `GET,POST /activate/{token}`: the link a new client's owner is emailed. It is the
//! owner's invitation ([`invitations::invite_owner`]): opening it shows the invitation
//! (`/invitations/{token}`: a new address chooses a password, or confirms the one staff
//! set; an address with a user signs in and accepts), and a password posted here
//! activates a new address at once. Links sent before owners were invited are activation
//! tokens: the owner sets a password and is signed in to the client area. Used and
//! expired links get a page that says so (410); unknown ones 404. The secret leaves the
//! address bar on the first GET ([`crate::web::kept_links`]).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::password::check_new_password;
use crate::db;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::input::FieldErrors;
use crate::services::clients::{self, Activation};
use crate::services::invitations::{self, Link, Newcomer, Open};
use crate::views::Layout;
use crate::web::context::PageContext;
use crate::web::error_page::render_error_page;
use crate::web::identity::sign_in;
use crate::web::reply::{page, page_with_status, see_other, see_other_with_flash};
use crate::web::request::peer_ip;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "auth/activate.html")]
struct ActivatePage {
    layout: Layout,
    /// What the form posts to: the link's reference ([`crate::web::kept_links`]).
    link: String,
    email: String,
    client_name: String,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct ActivateForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

fn dead_link(state: &Activation, lang: Lang) -> HttpResponse {
    match state {
        Activation::Used => render_error_page(
            StatusCode::GONE,
            "activate-used-title",
            "activate-used-text",
            lang,
        ),
        Activation::Expired => render_error_page(
            StatusCode::GONE,
            "activate-expired-title",
            "activate-expired-text",
            lang,
        ),
        _ => render_error_page(
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            "activate-unknown-text",
            lang,
        ),
    }
}

/// What the link leads to (the page that says why it is dead is [`dead_link`]).
async fn open_link(state: &AppState, token: &str) -> Result<Activation, AppError> {
    let t = token.to_owned();
    db::run(&state.pool, move |c| Ok(clients::activation(c, &t)?)).await
}

/// The owner's invitation behind an activation link, if that is what it is.
async fn owner_invitation(state: &AppState, token: &str) -> Result<Option<Link>, AppError> {
    let t = token.to_owned();
    let link = db::run(&state.pool, move |c| invitations::by_link(c, &t)).await?;
    Ok(match link {
        Link::Unknown => None,
        Link::Open(ref open) if open.invitation.role != invitations::ROLE_OWNER => None,
        other => Some(other),
    })
}

pub async fn show(
    req: HttpRequest,
    ctx: PageContext,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let link = path.into_inner();
    let Some(token) = state.links.secret(&req, &link) else {
        return Ok(dead_link(&Activation::Unknown, ctx.lang()));
    };
    let (email, client_name) = match open_link(&state, &token).await? {
        Activation::Valid {
            email, client_name, ..
        } => (email, client_name),
        Activation::Unknown => {
            return Ok(match owner_invitation(&state, &token).await? {
                // The owner's invitation: its page, the secret kept on the way (never in
                // a Location).
                Some(Link::Open(_)) => state
                    .links
                    .keep(&req, &link, |r| format!("/invitations/{r}"))
                    .unwrap_or_else(|| see_other(&format!("/invitations/{link}"))),
                // Closed: the invitation's page that says why, shown where it is.
                Some(closed) => crate::web::invitations::dead_link(&closed, ctx.lang()),
                None => dead_link(&Activation::Unknown, ctx.lang()),
            });
        }
        dead => return Ok(dead_link(&dead, ctx.lang())),
    };
    if let Some(moved) = state.links.keep(&req, &link, |r| format!("/activate/{r}")) {
        return Ok(moved);
    }
    page(&ActivatePage {
        layout: ctx.layout(ctx.t("activate-title"))?,
        link,
        email,
        client_name,
        errors: FieldErrors::default(),
    })
}

pub async fn submit(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<ActivateForm>,
) -> Result<HttpResponse, AppError> {
    ctx.refuse_while_impersonating()?;
    let link = path.into_inner();
    let Some(token) = state.links.secret(&req, &link) else {
        return Ok(dead_link(&Activation::Unknown, ctx.lang()));
    };
    let (email, client_name) = match open_link(&state, &token).await? {
        Activation::Valid {
            email, client_name, ..
        } => (email, client_name),
        Activation::Unknown => {
            let secret = Secret { link, token };
            return match owner_invitation(&state, &secret.token).await? {
                Some(Link::Open(open)) => {
                    activate_invited(req, ctx, session, &state, secret, *open, form.into_inner())
                        .await
                }
                // Closed: its page says why.
                Some(_) => Ok(see_other(&format!("/invitations/{}", secret.link))),
                None => Ok(dead_link(&Activation::Unknown, ctx.lang())),
            };
        }
        dead => return Ok(dead_link(&dead, ctx.lang())),
    };
    let mut errors = FieldErrors::default();
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    if !errors.is_empty() {
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ActivatePage {
                layout: ctx.layout(ctx.t("activate-title"))?,
                link,
                email,
                client_name,
                errors,
            },
        );
    }
    let hash = state.hasher.hash(form.password.clone()).await?;
    let done = db::run(&state.pool, move |c| clients::activate(c, &token, &hash)).await?;
    let Activation::Valid {
        user_id,
        client_id,
        client_name,
        ..
    } = done
    else {
        return Ok(dead_link(&done, ctx.lang()));
    };
    sign_in(&session, user_id)?;
    Ok(see_other_with_flash(
        &session,
        &format!("/portal/{client_id}"),
        "success",
        Msg::new("activate-welcome").with("client", client_name),
    ))
}

/// A link as the path gave it (`link`: its reference, or the secret itself) and the secret.
struct Secret {
    link: String,
    token: String,
}

/// A password posted to an owner's invitation link: a new address becomes the owner's
/// user, activated, with the name staff typed, and is signed in; an address that has a
/// user signs in first and accepts (no new password).
async fn activate_invited(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: &AppState,
    secret: Secret,
    open: Open,
    form: ActivateForm,
) -> Result<HttpResponse, AppError> {
    let Secret { link, token } = secret;
    if open.known_user {
        return Ok(see_other(&format!("/login?next=/invitations/{link}")));
    }
    let mut errors = FieldErrors::default();
    check_new_password(&mut errors, &form.password, &form.password_confirm);
    if !errors.is_empty() {
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ActivatePage {
                layout: ctx.layout(ctx.t("activate-title"))?,
                link,
                email: open.invitation.email.clone(),
                client_name: open.account_name.clone(),
                errors,
            },
        );
    }
    let who = Newcomer {
        first_name: open.invitation.first_name.clone(),
        last_name: open.invitation.last_name.clone(),
        password_hash: Some(state.hasher.hash(form.password.clone()).await?),
        language: ctx.lang(),
    };
    let ip = peer_ip(&req);
    let t = token.clone();
    let accepted = match db::run(&state.pool, move |c| {
        invitations::accept_as_newcomer(c, &t, &who, ip)
    })
    .await
    {
        Ok(accepted) => accepted,
        // The address got a user meanwhile (another link of theirs): they sign in and
        // accept this one.
        Err(AppError::Conflict(_)) => {
            return Ok(see_other(&format!("/login?next=/invitations/{link}")));
        }
        Err(e) => return Err(e),
    };
    sign_in(&session, accepted.user_id)?;
    Ok(see_other_with_flash(
        &session,
        &accepted.home(),
        "success",
        Msg::new("activate-welcome").with("client", accepted.account_name),
    ))
}
