//! A person's sign-in as a whole: who a session still opens for, setting a password.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::users;
use crate::error::AppError;
use crate::models::membership::{self, Memberships};
use crate::models::session;
use crate::models::token::{self, PURPOSE_ACTIVATION};
use crate::models::user::{self, User};

/// Sets a user's password (activation today; reset and the profile later). Every session
/// the user holds ends, and every open activation link of theirs is spent, so that an old
/// link or a browser signed in with the old password opens nothing afterwards. The caller
/// signs the current browser in again when it should stay signed in. Run it inside the
/// caller's transaction.
pub fn set_password(
    conn: &mut DbConn,
    user_id: i64,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(password_hash),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    // The first password is the activation.
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::activated_at.is_null()),
    )
    .set(users::activated_at.eq(now))
    .execute(conn)?;
    token::spend_all_of_user(conn, PURPOSE_ACTIVATION, user_id, now)?;
    session::delete_for_user(conn, user_id)?;
    Ok(())
}

/// The user a session names and their memberships, if they may still be signed in (not
/// removed, not disabled, activated).
pub fn signed_in(conn: &mut DbConn, user_id: i64) -> Result<Option<(User, Memberships)>, AppError> {
    let Some(u) = user::find(conn, user_id).optional()? else {
        return Ok(None);
    };
    if !u.can_sign_in() {
        return Ok(None);
    }
    let memberships = membership::of_user(conn, user_id)?;
    Ok(Some((u, memberships)))
}

/// Disables a user: they cannot sign in, and every session they hold ends now.
pub fn disable(conn: &mut DbConn, user_id: i64, now: NaiveDateTime) -> Result<(), AppError> {
    crate::db::write_tx(conn, |conn| {
        user::set_disabled(conn, user_id, Some(now))?;
        session::delete_for_user(conn, user_id)?;
        // Support access by them, or as them, ends with them.
        let actor = crate::services::audit::Actor::system();
        crate::services::impersonation::end_by_staff(
            conn,
            user_id,
            None,
            crate::auth::impersonation::Ending::RightsRevoked,
            &actor,
        )?;
        crate::services::impersonation::end_as_target(conn, user_id, None, &actor)?;
        Ok(())
    })
}
