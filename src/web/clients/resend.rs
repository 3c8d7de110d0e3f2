//! `POST /groups/{gid}/clients/{cid}/owner/resend-activation`: a new link for a pending
//! owner; the old link stops working.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::CurrentUser;
use crate::auth::scope::console_client_scope;
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::services::clients;
use crate::startup::AppState;
use crate::web::see_other_with_flash;

pub async fn resend(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let memberships = user.memberships.clone();
    let actor = user.actor(&req);
    let base_url = state.config.base_url.clone();
    let email = db::run(&state.pool, move |c| {
        let (group, _) = console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))?;
        clients::resend_activation(c, &group, cid, &actor, &base_url)
    })
    .await?;
    Ok(see_other_with_flash(
        &session,
        &format!("/groups/{gid}/clients/{cid}"),
        "success",
        format!("A new activation link was sent to {email}. The previous link no longer works."),
    ))
}
