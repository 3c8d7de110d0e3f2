//! Support access from the console: `POST /groups/{gid}/clients/{cid}/login` ("Log in" on
//! the list row and the Edit client tab, with an optional reason) and
//! `POST /impersonation/exit` ("Return to console" in the banner). Sign-out ends it too
//! (`web::login::logout`). The rules and the record are in `services::impersonation`.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::auth::impersonation::{Ending, Refusal};
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::services::impersonation::{self, REASON_MAX, Start};
use crate::web::identity::{self, CurrentUser};
use crate::web::reply::{see_other, see_other_with_flash};
use crate::web::request::peer_ip;
use crate::web::state::AppState;

#[derive(Deserialize, Default)]
pub struct StartForm {
    #[serde(default)]
    reason: String,
}

/// The reason as kept: one line, control characters out, at most [`REASON_MAX`]
/// characters (the field says so and stops there), None when empty.
pub fn clean_reason(typed: &str) -> Option<String> {
    let one_line: String = typed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let kept: String = one_line.chars().take(REASON_MAX).collect();
    (!kept.is_empty()).then_some(kept)
}

pub async fn start(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<StartForm>,
) -> Result<HttpResponse, AppError> {
    // Not from inside another client's pages: one impersonation at a time.
    user.refuse_while_impersonating()?;
    let (gid, cid) = path.into_inner();
    let reason = clean_reason(&form.reason);
    let (real, memberships, ip) = (
        user.real().clone(),
        user.memberships().clone(),
        peer_ip(&req),
    );
    let started = db::run(&state.pool, move |c| {
        impersonation::start(
            c,
            &real,
            &memberships,
            false,
            GroupId(gid),
            ClientId(cid),
            reason.as_deref(),
            ip,
        )
    })
    .await?;
    let here = format!("/groups/{gid}/clients/{cid}");
    let refused = |key: &'static str| Ok(see_other_with_flash(&session, &here, "error", key));
    match started {
        Start::Started(id) => {
            identity::begin_impersonation(&session, id)?;
            Ok(see_other(&format!("/portal/{cid}")))
        }
        Start::Refused(Refusal::ClientDeleted) => refused("impersonation-refused-deleted"),
        Start::Refused(Refusal::ClientDisabled) => refused("impersonation-refused-disabled"),
        Start::Refused(Refusal::NoTarget) => refused("impersonation-refused-no-user"),
        Start::Refused(Refusal::TargetIsSelf) => refused("impersonation-refused-self"),
        Start::Refused(Refusal::AlreadyImpersonating) => Err(AppError::NotWhileImpersonating),
        Start::Refused(Refusal::NotStaff) => Err(AppError::NotFound),
    }
}

/// "Return to console": back to the client's page in the console, as oneself.
pub async fn exit(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let Some(current) = user.impersonation().cloned() else {
        return Ok(see_other("/"));
    };
    let (real_id, ip) = (user.real().id, peer_ip(&req));
    let id = current.id;
    db::run(&state.pool, move |c| {
        impersonation::finish(c, id, real_id, Ending::Exit, ip)
    })
    .await?;
    identity::end_impersonation(&session)?;
    Ok(see_other_with_flash(
        &session,
        &format!("/groups/{}/clients/{}", current.group_id, current.client_id),
        "success",
        Msg::new("impersonation-returned")
            .with("name", current.target_name.as_str())
            .with("client", current.client_name.as_str()),
    ))
}
