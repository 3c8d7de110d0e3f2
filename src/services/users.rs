//! What happens to a person's sign-in as a whole: setting a password.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::users;
use crate::models::session;
use crate::models::token::{self, PURPOSE_ACTIVATION};

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
) -> QueryResult<()> {
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
