//! Support access in the database: starting an impersonation (the rules of
//! `auth::impersonation`, a row, an audit event), resuming it on every request (time and
//! rights re-checked; the row's last request noted), ending it (once, whoever notices first:
//! the request, "Return to console", sign-out or the scheduled sweep), and the client's
//! "Support access" list.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::impersonation::{self as rules, Candidate, ClientState, Ending, Refusal};
use crate::auth::rights::{ClientRole, StaffRole};
use crate::auth::scope::{self, MemberClientScope};
use crate::db::ids::{ClientId, GroupId};
use crate::db::schema::{memberships, users};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::models::impersonation::{self as rows, Impersonation, NewImpersonation};
use crate::models::membership::{self, Memberships};
use crate::models::user::{self, User};
use crate::services::audit::{self, Actor, Changes};

/// The longest reason kept.
pub const REASON_MAX: usize = 500;

/// A request notes itself at most this often (the idle limit is read to within it).
const TOUCH_SLACK: chrono::Duration = chrono::Duration::seconds(30);

/// The facts of a client the rules read (`scope::client_facts`): its group, name,
/// deleted, active; None when there is no such client.
struct ClientRow {
    group_id: i64,
    name: String,
    deleted: bool,
    active: bool,
}

fn client_row(conn: &mut DbConn, client_id: i64) -> Result<Option<ClientRow>, AppError> {
    match scope::client_facts(conn, ClientId(client_id)) {
        Ok((facts, name, active)) => Ok(Some(ClientRow {
            group_id: facts.group_id,
            name,
            deleted: facts.deleted,
            active,
        })),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

fn state_of(row: &ClientRow, group_id: i64) -> ClientState {
    ClientState {
        in_group: row.group_id == group_id,
        deleted: row.deleted,
        active: row.active,
    }
}

/// The client's owners and admins, as candidates.
fn candidates(conn: &mut DbConn, client_id: i64) -> QueryResult<Vec<Candidate>> {
    let found: Vec<(i64, i64, String, NaiveDateTime, User)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::account_id.eq(client_id))
        .filter(
            memberships::role
                .eq("owner")
                .or(memberships::role.eq("admin")),
        )
        .select((
            memberships::id,
            memberships::user_id,
            memberships::role,
            memberships::created_at,
            User::as_select(),
        ))
        .load(conn)?;
    Ok(found
        .into_iter()
        .filter_map(|(membership_id, user_id, role, since, u)| {
            Some(Candidate {
                user_id,
                role: ClientRole::parse(&role)?,
                since,
                membership_id,
                can_sign_in: u.can_sign_in(),
            })
        })
        .collect())
}

/// What starting answered.
pub enum Start {
    /// The new impersonation's id.
    Started(i64),
    Refused(Refusal),
}

/// Starts support access to a client as its owner (else its oldest admin), from the group
/// console of `group_id`. Another group's client, or no client, is `NotFound`.
#[allow(clippy::too_many_arguments)]
pub fn start(
    conn: &mut DbConn,
    real: &User,
    real_memberships: &Memberships,
    impersonating: bool,
    group_id: GroupId,
    client_id: ClientId,
    reason: Option<&str>,
    ip: Option<String>,
) -> Result<Start, AppError> {
    if impersonating {
        return Ok(Start::Refused(Refusal::AlreadyImpersonating));
    }
    let staff = scope::staff_role(real_memberships, group_id.0);
    let row = client_row(conn, client_id.0)?.ok_or(AppError::NotFound)?;
    match rules::may_start(staff, state_of(&row, group_id.0), false) {
        Err(Refusal::NotStaff) => return Err(AppError::NotFound),
        Err(r) => return Ok(Start::Refused(r)),
        Ok(()) => {}
    }
    db::write_tx(conn, |conn| {
        let Some(target_id) = rules::target(&candidates(conn, client_id.0)?) else {
            return Ok(Start::Refused(Refusal::NoTarget));
        };
        if target_id == real.id {
            return Ok(Start::Refused(Refusal::TargetIsSelf));
        }
        let target = user::find(conn, target_id)?;
        let now = db::now();
        let id = rows::insert(
            conn,
            &NewImpersonation {
                group_id: group_id.0,
                client_id: client_id.0,
                staff_user_id: real.id,
                target_user_id: target_id,
                reason,
                started_at: now,
                last_seen_at: now,
            },
        )?;
        audit::record(
            conn,
            &Actor::user(real.id, &real.email, ip),
            Some(group_id.0),
            Some(client_id.0),
            "impersonation.started",
            &Changes::new()
                .field("as_user", serde_json::Value::Null, target.email.as_str())
                .field("reason", serde_json::Value::Null, reason),
        )?;
        Ok(Start::Started(id))
    })
}

/// An impersonation in progress, as a request sees it.
#[derive(Debug, Clone)]
pub struct Current {
    pub id: i64,
    pub group_id: i64,
    pub client_id: i64,
    pub client_name: String,
    /// The client user whose pages are shown.
    pub target_name: String,
}

/// What became of the impersonation a session holds.
pub enum Resumed {
    /// Still on: the client user and their membership of this client, only.
    Active {
        current: Current,
        target: Box<User>,
        memberships: Memberships,
    },
    /// It ended (now, or earlier): why, and where the staff member goes.
    Ended { current: Current, ending: Ending },
    /// The session names none of the real user's.
    Missing,
}

/// Resumes the session's impersonation for a request at `now`: ends it when its time is
/// up or when the staff member, the client or the client user no longer allows it.
pub fn resume(
    conn: &mut DbConn,
    id: i64,
    real: &User,
    real_memberships: &Memberships,
    now: NaiveDateTime,
) -> Result<Resumed, AppError> {
    let Some(imp) = rows::find(conn, id)? else {
        return Ok(Resumed::Missing);
    };
    if imp.staff_user_id != real.id {
        return Ok(Resumed::Missing);
    }
    let row = client_row(conn, imp.client_id)?;
    let target = user::find(conn, imp.target_user_id)?;
    let current = Current {
        id: imp.id,
        group_id: imp.group_id,
        client_id: imp.client_id,
        client_name: row.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
        target_name: target.display_name(),
    };
    if let Some(code) = &imp.end_reason {
        let ending = Ending::parse(code).unwrap_or(Ending::Exit);
        return Ok(Resumed::Ended { current, ending });
    }
    let actor = Actor::user(real.id, &real.email, None);
    if let Some((ending, at)) = rules::time_up(imp.started_at, imp.last_seen_at, now) {
        end_and_record(conn, &imp, at, ending, &actor)?;
        return Ok(Resumed::Ended { current, ending });
    }
    let staff: Option<StaffRole> = scope::staff_role(real_memberships, imp.group_id);
    let state = row.as_ref().map_or(
        ClientState {
            in_group: false,
            deleted: true,
            active: false,
        },
        |r| state_of(r, imp.group_id),
    );
    let target_memberships = membership::of_user(conn, target.id)?.only_client(imp.client_id);
    let target_role = target_memberships
        .iter()
        .next()
        .and_then(|m| ClientRole::parse(&m.role));
    if let Err(ending) = rules::still_allowed(staff, state, target_role, target.can_sign_in()) {
        end_and_record(conn, &imp, now, ending, &actor)?;
        return Ok(Resumed::Ended { current, ending });
    }
    rows::touch(conn, imp.id, now, TOUCH_SLACK)?;
    Ok(Resumed::Active {
        current,
        target: Box::new(target),
        memberships: target_memberships,
    })
}

/// Records what a staff member signed in as a client's user tried and was refused (the
/// 403 "Not while signed in as a client"): `attempt` is the method and route pattern, never
/// the values typed. On the client's History and the group's Activity, under both people.
pub fn record_refusal(
    conn: &mut DbConn,
    current: &Current,
    actor: &Actor,
    attempt: &str,
) -> Result<(), AppError> {
    db::write_tx(conn, |conn| {
        audit::record(
            conn,
            actor,
            Some(current.group_id),
            Some(current.client_id),
            "impersonation.refused",
            &Changes::new().field("attempt", serde_json::Value::Null, attempt),
        )?;
        Ok(())
    })
}

/// Ends it and records the end, once (a second caller finds it ended and writes nothing).
fn end_and_record(
    conn: &mut DbConn,
    imp: &Impersonation,
    at: NaiveDateTime,
    ending: Ending,
    actor: &Actor,
) -> Result<bool, AppError> {
    db::write_tx(conn, |conn| {
        if !rows::end(conn, imp.id, at, ending.code())? {
            return Ok(false);
        }
        audit::record(
            conn,
            actor,
            Some(imp.group_id),
            Some(imp.client_id),
            "impersonation.ended",
            &Changes::new().field("ended_by", serde_json::Value::Null, ending.code()),
        )?;
        Ok(true)
    })
}

/// Ends, now, the open impersonations of a staff member whose sessions or rights just
/// went (signed out everywhere, disabled, removed from the group), so that the client's
/// Support access list does not show them as ongoing until the sweep.
pub fn end_by_staff(
    conn: &mut DbConn,
    staff_user_id: i64,
    group_id: Option<i64>,
    ending: Ending,
    actor: &Actor,
) -> Result<usize, AppError> {
    let open = rows::open_by_staff(conn, staff_user_id, group_id)?;
    end_all(conn, open, ending, actor)
}

/// Ends, now, the open impersonations as a client user who no longer may be one (removed
/// from the client, disabled).
pub fn end_as_target(
    conn: &mut DbConn,
    target_user_id: i64,
    client_id: Option<i64>,
    actor: &Actor,
) -> Result<usize, AppError> {
    let open = rows::open_as(conn, target_user_id, client_id)?;
    end_all(conn, open, Ending::TargetGone, actor)
}

/// Ends, now, the open impersonations into a client that was just deleted.
pub fn end_in_client(conn: &mut DbConn, client_id: i64, actor: &Actor) -> Result<usize, AppError> {
    let open = rows::open_in_client(conn, client_id)?;
    end_all(conn, open, Ending::ClientClosed, actor)
}

fn end_all(
    conn: &mut DbConn,
    open: Vec<Impersonation>,
    ending: Ending,
    actor: &Actor,
) -> Result<usize, AppError> {
    let now = db::now();
    let mut ended = 0;
    for imp in open {
        if end_and_record(conn, &imp, now, ending, actor)? {
            ended += 1;
        }
    }
    Ok(ended)
}

/// "Return to console" or sign-out: ends the real user's impersonation `id`; returns it
/// (for where to go), or None when it was not theirs.
pub fn finish(
    conn: &mut DbConn,
    id: i64,
    real_user_id: i64,
    ending: Ending,
    ip: Option<String>,
) -> Result<Option<Impersonation>, AppError> {
    let Some(imp) = rows::find(conn, id)? else {
        return Ok(None);
    };
    if imp.staff_user_id != real_user_id {
        return Ok(None);
    }
    let real = user::find(conn, real_user_id)?;
    end_and_record(
        conn,
        &imp,
        db::now(),
        ending,
        &Actor::user(real.id, &real.email, ip),
    )?;
    Ok(Some(imp))
}

/// The scheduled sweep: ends the impersonations whose time is up (a staff member who
/// closed the browser), each once even with several instances. Returns how many it ended.
pub fn sweep(conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    let stale = rows::open_and_stale(conn, now - rules::IDLE_LIMIT, now - rules::LIFETIME)?;
    let mut ended = 0;
    for imp in stale {
        if let Some((ending, at)) = rules::time_up(imp.started_at, imp.last_seen_at, now) {
            match end_and_record(conn, &imp, at, ending, &Actor::system()) {
                Ok(true) => ended += 1,
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "could not end an impersonation"),
            }
        }
    }
    Ok(ended)
}

/// One line of a client's "Support access" list.
#[derive(Debug, Clone)]
pub struct SupportEntry {
    pub staff_name: String,
    pub as_name: String,
    pub started_at: NaiveDateTime,
    /// When it ended (or, when nobody noticed yet, when its time ran out); None: ongoing.
    pub ended_at: Option<NaiveDateTime>,
    pub minutes: i64,
    pub ending: Option<Ending>,
    pub reason: Option<String>,
}

/// The client's support access, newest first (the latest 100).
pub fn support_list(
    conn: &mut DbConn,
    scope: &MemberClientScope,
    now: NaiveDateTime,
) -> Result<Vec<SupportEntry>, AppError> {
    let list = rows::of_client(conn, scope.client_id().0, 100)?;
    let names = user::display_names(
        conn,
        list.iter()
            .flat_map(|i| [i.staff_user_id, i.target_user_id]),
    )?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    Ok(list
        .into_iter()
        .map(|i| {
            let (ended_at, ending) = match (i.ended_at, i.end_reason.as_deref()) {
                (Some(at), code) => (Some(at), code.and_then(Ending::parse)),
                (None, _) => match rules::time_up(i.started_at, i.last_seen_at, now) {
                    Some((ending, at)) => (Some(at), Some(ending)),
                    None => (None, None),
                },
            };
            SupportEntry {
                staff_name: name(i.staff_user_id),
                as_name: name(i.target_user_id),
                minutes: (ended_at.unwrap_or(now) - i.started_at).num_minutes(),
                started_at: i.started_at,
                ended_at,
                ending,
                reason: i.reason,
            }
        })
        .collect())
}
