//! The group console's clients: list and CSV (`list`), add (`create`), edit (`edit`),
//! the owner (`owner`: resend the activation, invite a new owner), services (`services`),
//! users (`users`).

pub mod bulk;
pub mod create;
pub mod edit;
pub mod export;
pub mod list;
pub mod owner;
pub mod services;
pub mod users;
pub mod views;

use crate::auth::scope::StaffClientScope;
use crate::error::AppError;
use crate::views::clients::StatusPill;
use crate::web::state::AppState;

/// The status pill every tab of a client shows (one more short query for the tabs that do
/// not load the client's status anyway).
pub(crate) async fn status_pill(
    state: &AppState,
    scope: &StaffClientScope,
) -> Result<Option<StatusPill>, AppError> {
    let cid = scope.client_id();
    let facts = crate::db::run(&state.pool, move |c| {
        Ok::<_, AppError>(crate::services::clients::status_facts(c, cid)?)
    })
    .await?;
    Ok(Some(StatusPill::of_facts(&facts)))
}
