//! Two-step verification in the database (the rules are `auth::two_step`): turning it on
//! with a confirmed secret and ten recovery codes, turning it off, new recovery codes,
//! checking a code at sign-in (a code's step and a recovery code are each taken once, by
//! a conditional write, so two requests racing with one code cannot both pass), and the
//! groups that require it of their staff. Every change is audited, never its secrets.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::GroupScope;
use crate::auth::rights::Action;
use crate::auth::two_step;
use crate::db::schema::{recovery_codes, two_step_groups, users};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::services::audit::{self, Actor, Changes};

/// What a typed code turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// The authenticator's code, for a step not used before.
    Code,
    /// One of the recovery codes, now used.
    RecoveryCode,
    Wrong,
}

fn store_recovery_codes(
    conn: &mut DbConn,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    let codes = two_step::new_recovery_codes();
    for code in &codes {
        let hash = two_step::recovery_hash(code).expect("a new code reads back");
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(hash),
                recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(codes)
}

/// Turns two-step verification on with `secret`, whose code for `step` the person just
/// typed (that step counts as used); refused (409) when it is on already (two confirms at
/// once: the first wins). Every session of the person ends. Returns the recovery codes, to
/// be shown once.
pub fn enable(
    conn: &mut DbConn,
    user_id: i64,
    secret: &str,
    step: i64,
    actor: &Actor,
) -> Result<Vec<String>, AppError> {
    db::write_tx(conn, |conn| {
        let now = db::now();
        let set = diesel::update(
            users::table
                .find(user_id)
                .filter(users::totp_secret.is_null()),
        )
        .set((
            users::totp_secret.eq(Some(secret)),
            users::totp_enabled_at.eq(Some(now)),
            users::totp_last_step.eq(Some(step)),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
        if set != 1 {
            return Err(AppError::Conflict(
                "two-step verification is on already".into(),
            ));
        }
        let codes = store_recovery_codes(conn, user_id, now)?;
        // Sessions opened with the password alone end (the caller signs this one in anew).
        crate::models::session::delete_for_user(conn, user_id)?;
        audit::record(
            conn,
            actor,
            None,
            None,
            "user.two_step_enabled",
            &Changes::new(),
        )?;
        Ok(codes)
    })
}

fn clear(conn: &mut DbConn, user_id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<NaiveDateTime>),
            users::totp_last_step.eq(None::<i64>),
            users::updated_at.eq(db::now()),
        ))
        .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// The groups among `group_ids` that require two-step verification of their staff.
pub fn requiring(conn: &mut DbConn, group_ids: &[i64]) -> QueryResult<Vec<i64>> {
    if group_ids.is_empty() {
        return Ok(Vec::new());
    }
    two_step_groups::table
        .filter(two_step_groups::group_id.eq_any(group_ids))
        .select(two_step_groups::group_id)
        .load(conn)
}

/// Whether the group requires two-step verification of its staff.
pub fn is_required(conn: &mut DbConn, group_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        two_step_groups::table.filter(two_step_groups::group_id.eq(group_id)),
    ))
    .get_result(conn)
}

/// Turns one's own two-step verification off: refused (422 on `password`) while a group
/// one is staff of requires it.
pub fn disable(
    conn: &mut DbConn,
    user_id: i64,
    staff_of: &[i64],
    actor: &Actor,
) -> Result<(), AppError> {
    db::write_tx(conn, |conn| {
        if !requiring(conn, staff_of)?.is_empty() {
            return Err(AppError::invalid("password", "two-step-required-keep"));
        }
        clear(conn, user_id)?;
        audit::record(
            conn,
            actor,
            None,
            None,
            "user.two_step_disabled",
            &Changes::new(),
        )?;
        Ok(())
    })
}

/// Ten new recovery codes (the old ones stop working), to be shown once.
pub fn renew_recovery_codes(
    conn: &mut DbConn,
    user_id: i64,
    actor: &Actor,
) -> Result<Vec<String>, AppError> {
    db::write_tx(conn, |conn| {
        let codes = store_recovery_codes(conn, user_id, db::now())?;
        audit::record(
            conn,
            actor,
            None,
            None,
            "user.recovery_codes_renewed",
            &Changes::new(),
        )?;
        Ok(codes)
    })
}

/// How many of the person's recovery codes are still unused.
pub fn recovery_codes_left(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Checks what was typed at sign-in against the user's secret (a step later than the
/// last used) or an unused recovery code, and marks what it used.
pub fn check(
    conn: &mut DbConn,
    user_id: i64,
    typed: &str,
    actor: &Actor,
) -> Result<Checked, AppError> {
    db::write_tx(conn, |conn| {
        let (secret, last_step): (Option<String>, Option<i64>) = users::table
            .find(user_id)
            .select((users::totp_secret, users::totp_last_step))
            .first(conn)?;
        let Some(secret) = secret else {
            return Ok(Checked::Wrong);
        };
        let unix = db::now().and_utc().timestamp().max(0) as u64;
        if let Some(step) = two_step::matching_step(&secret, typed, unix, last_step) {
            // Only if no other request took this step (or a later one) meanwhile.
            let taken = diesel::update(
                users::table.find(user_id).filter(
                    users::totp_last_step
                        .is_null()
                        .or(users::totp_last_step.lt(step)),
                ),
            )
            .set(users::totp_last_step.eq(Some(step)))
            .execute(conn)?;
            return Ok(if taken == 1 {
                Checked::Code
            } else {
                Checked::Wrong
            });
        }
        let Some(hash) = two_step::recovery_hash(typed) else {
            return Ok(Checked::Wrong);
        };
        let used = diesel::update(
            recovery_codes::table
                .filter(recovery_codes::user_id.eq(user_id))
                .filter(recovery_codes::code_hash.eq(hash))
                .filter(recovery_codes::used_at.is_null()),
        )
        .set(recovery_codes::used_at.eq(Some(db::now())))
        .execute(conn)?;
        if used != 1 {
            return Ok(Checked::Wrong);
        }
        audit::record(
            conn,
            actor,
            None,
            None,
            "user.recovery_code_used",
            &Changes::new(),
        )?;
        Ok(Checked::RecoveryCode)
    })
}

/// A group owner's setting: the group's staff must use two-step verification. Refused
/// (422 on `two_step_required`) while the owner setting it does not use it themselves:
/// they would lock themselves out of their own console. Returns whether it changed.
pub fn set_required(
    conn: &mut DbConn,
    scope: &GroupScope,
    required: bool,
    owner_uses_it: bool,
    actor: &Actor,
) -> Result<bool, AppError> {
    if !scope.may(Action::TransferGroupOwnership) {
        // Owners only (the same people who may hand the group over).
        return Err(AppError::NotFound);
    }
    let gid = scope.group_id().0;
    db::write_tx(conn, |conn| {
        let was = is_required(conn, gid)?;
        if was == required {
            return Ok(false);
        }
        if required {
            if !owner_uses_it {
                return Err(AppError::invalid(
                    "two_step_required",
                    "two-step-required-owner-first",
                ));
            }
            diesel::insert_into(two_step_groups::table)
                .values((
                    two_step_groups::group_id.eq(gid),
                    two_step_groups::since.eq(db::now()),
                ))
                .execute(conn)?;
        } else {
            diesel::delete(two_step_groups::table.find(gid)).execute(conn)?;
        }
        audit::record(
            conn,
            actor,
            Some(gid),
            Some(gid),
            "group.two_step_required_changed",
            &Changes::new().field("two_step_required", was, required),
        )?;
        Ok(true)
    })
}

/// A group owner or admin turns a staff member's two-step verification off (a lost phone;
/// `services::people::reset_two_step` says whom): every session of theirs ends, they sign
/// in with their password again and set it up anew. Audited on the group.
pub fn reset_for(
    conn: &mut DbConn,
    group_id: i64,
    user_id: i64,
    email: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    reset(conn, Some(group_id), user_id, email, actor)
}

/// The operator's reset (`clientele reset-two-step`): for a person no group may reset
/// (an owner, someone of several accounts). Their sessions end; audited.
pub fn reset_by_operator(
    conn: &mut DbConn,
    user_id: i64,
    email: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    reset(conn, None, user_id, email, actor)
}

fn reset(
    conn: &mut DbConn,
    group_id: Option<i64>,
    user_id: i64,
    email: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    db::write_tx(conn, |conn| {
        clear(conn, user_id)?;
        crate::models::session::delete_for_user(conn, user_id)?;
        audit::record(
            conn,
            actor,
            group_id,
            group_id,
            "user.two_step_reset",
            &Changes::new().field("user", serde_json::Value::Null, email),
        )?;
        Ok(())
    })
}
