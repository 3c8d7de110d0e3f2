//! `POST /groups/{gid}/clients/{cid}/owner/resend-activation`: a new link for a pending
//! owner; the old link stops working.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::scope::console_client_scope;
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::services::clients::{self, Resent};
use crate::web::state::AppState;
use crate::web::{identity::CurrentUser, reply::see_other_with_flash};

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
