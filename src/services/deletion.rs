//! Deleting a client (SPEC §2 Deletion): the owner's request (every running service paused
//! at once, the statuses before kept to restore; 10 days of grace; the group's
//! notification recipients told), the group's "Cancel the deletion request" (a note kept,
//! the statuses restored, the owner told) and "Delete account" (with or without a request),
//! and the scheduled deletion of requests 10 days old. Each step is one transaction with
//! its audit event and its emails, and each client is deleted once, whoever gets there
//! first (the account's row is locked, and a deleted client is left alone).
//!
//! Deleting keeps the record, its audit and its request history; it marks the client and
//! its services `deleted`, revokes its users' memberships (their other accounts stay),
//! signs out those who have no other account, revokes its open invitations, spends its
//! links, and tells the owner and the group's recipients.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::Value;

use crate::auth::rights::Action;
use crate::auth::scope::{MemberClientScope, StaffClientScope};
use crate::db::schema::{accounts, client_services, memberships, services, tokens, users};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Email, EmailKind, outbox};
use crate::models::account::{self, Account};
use crate::models::deletion::{self as rows, DeletionRequest, NewDeletionRequest};
use crate::models::{invitation, membership, session, user};
use crate::services::audit::{self, Actor, Changes};
use crate::services::client_services::refresh_status;

/// How long the group has to cancel a request before the client is deleted.
pub const GRACE: Duration = Duration::days(10);

/// The longest cancel note kept.
pub const NOTE_MAX: usize = 1000;

/// Whole days left until `due`, rounded up (1 in its last 24 hours; 0 once it is due).
pub fn days_left(due: NaiveDateTime, now: NaiveDateTime) -> i64 {
    crate::services::client_list::days_left(due, now)
}

/// The client's services that a request stops (running: active or trial), by name.
pub fn running_services(conn: &mut DbConn, client_id: i64) -> QueryResult<Vec<(String, String)>> {
    client_services::table
        .inner_join(services::table)
        .filter(client_services::client_id.eq(client_id))
        .filter(client_services::status.eq_any(["active", "trial"]))
        .order_by(services::position)
        .select((services::name, client_services::status.assume_not_null()))
        .load(conn)
}

/// The addresses told of a client's deletion steps: the group's recipients when its
/// setting is on, each in their language (a user's own, else the group owner's).
fn group_recipients(conn: &mut DbConn, group: &Account) -> Result<Vec<(String, Lang)>, AppError> {
    if !group.deletion_notifications {
        return Ok(Vec::new());
    }
    let fallback = membership::owners_of(conn, &[group.id])?
        .into_iter()
        .next()
        .map_or(Lang::En, |o| Lang::from_code(&o.language));
    let mut out = Vec::new();
    for address in crate::input::split_emails(&group.notification_emails) {
        let lang =
            user::find_by_email(conn, &address)?.map_or(fallback, |u| Lang::from_code(&u.language));
        out.push((address, lang));
    }
    Ok(out)
}

fn send(
    conn: &mut DbConn,
    base_url: &str,
    group_id: i64,
    to: &[(String, Lang)],
    kind: &EmailKind,
) -> Result<(), AppError> {
    for (address, lang) in to {
        outbox::enqueue(
            conn,
            base_url,
            &Email {
                to: address.clone(),
                lang: *lang,
                kind: kind.clone(),
                group_id: Some(group_id),
            },
        )?;
    }
    Ok(())
}

/// The client's owner (address, first name, language), if it has one.
fn owner_of(conn: &mut DbConn, client_id: i64) -> QueryResult<Option<(String, String, Lang)>> {
    Ok(membership::owners_of(conn, &[client_id])?
        .into_iter()
        .next()
        .map(|o| (o.email, o.first_name, Lang::from_code(&o.language))))
}

/// The owner asks for the client to be deleted: every running service paused now (its
/// status kept to restore), the request due in 10 days, the group's recipients told.
/// Only the client's owner; a second open request is refused (`Conflict`).
pub fn request(
    conn: &mut DbConn,
    scope: &MemberClientScope,
    user_id: i64,
    actor: &Actor,
    base_url: &str,
) -> Result<NaiveDateTime, AppError> {
    if !scope.may(Action::RequestDeletion) {
        return Err(AppError::NotFound);
    }
    let cid = scope.client_id().0;
    let gid = scope.group_id().0;
    db::write_tx(conn, |conn| {
        db::lock_account(conn, cid)?;
        // Checked again under the lock: deleted or disabled meanwhile, nothing to ask.
        let client = account::find(conn, cid)?;
        if client.deleted_at.is_some() || !client.active {
            return Err(AppError::NotFound);
        }
        if rows::open_for(conn, cid)?.is_some() {
            return Err(AppError::Conflict("a deletion request is open".into()));
        }
        let now = db::now();
        let due = now + GRACE;
        let mut changes = Changes::new().field("due", Value::Null, due.date().to_string());
        let running: Vec<(String, String)> = client_services::table
            .inner_join(services::table)
            .filter(client_services::client_id.eq(cid))
            .filter(client_services::status.eq_any(["active", "trial"]))
            .select((services::code, client_services::status.assume_not_null()))
            .load(conn)?;
        for (code, status) in &running {
            changes = changes.field(&format!("status.{code}"), status.as_str(), "paused");
        }
        diesel::update(
            client_services::table
                .filter(client_services::client_id.eq(cid))
                .filter(client_services::status.eq_any(["active", "trial"])),
        )
        .set((
            client_services::status_before_deletion.eq(client_services::status),
            client_services::status.eq("paused"),
            client_services::updated_at.eq(now),
        ))
        .execute(conn)?;
        rows::insert(
            conn,
            &NewDeletionRequest {
                client_id: cid,
                requested_by: Some(user_id),
                requested_at: now,
                due_at: due,
                completed_at: None,
                completed_by: None,
                by_staff: false,
            },
        )?;
        refresh_status(conn, cid)?;
        audit::record(
            conn,
            actor,
            Some(gid),
            Some(cid),
            "deletion.requested",
            &changes,
        )?;
        let group = account::find(conn, gid)?;
        let to = group_recipients(conn, &group)?;
        let kind = EmailKind::DeletionRequested {
            client_name: scope.client_name().to_owned(),
            due_on: due.date(),
            path: format!("/groups/{gid}/clients/{cid}/deletion"),
        };
        send(conn, base_url, gid, &to, &kind)?;
        Ok(due)
    })
}

/// Staff cancel the open request with a note: the paused services get their statuses
/// back (those still paused: a status staff changed meanwhile stays), the owner and the
/// group's recipients are told.
/// No open request: `Conflict`.
pub fn cancel(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    note: &str,
    actor: &Actor,
    base_url: &str,
) -> Result<(), AppError> {
    if !scope.group().may(Action::ManageDeletion) {
        return Err(AppError::NotFound);
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::invalid("note", "deletion-note-required"));
    }
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::invalid("note", "deletion-note-too-long"));
    }
    let cid = scope.client_id().0;
    let gid = scope.group().group_id().0;
    db::write_tx(conn, |conn| {
        db::lock_account(conn, cid)?;
        let open = rows::open_for(conn, cid)?
            .ok_or_else(|| AppError::Conflict("no open deletion request".into()))?;
        let now = db::now();
        let paused: Vec<(String, String)> = client_services::table
            .inner_join(services::table)
            .filter(client_services::client_id.eq(cid))
            .filter(client_services::status.eq("paused"))
            .filter(client_services::status_before_deletion.is_not_null())
            .select((
                services::code,
                client_services::status_before_deletion.assume_not_null(),
            ))
            .load(conn)?;
        let mut changes = Changes::new().field("note", Value::Null, note);
        for (code, before) in &paused {
            changes = changes.field(&format!("status.{code}"), "paused", before.as_str());
        }
        diesel::update(
            client_services::table
                .filter(client_services::client_id.eq(cid))
                .filter(client_services::status.eq("paused"))
                .filter(client_services::status_before_deletion.is_not_null()),
        )
        .set((
            client_services::status.eq(client_services::status_before_deletion),
            client_services::updated_at.eq(now),
        ))
        .execute(conn)?;
        diesel::update(client_services::table.filter(client_services::client_id.eq(cid)))
            .set(client_services::status_before_deletion.eq(None::<String>))
            .execute(conn)?;
        let by = actor.user_id.unwrap_or_default();
        if !rows::cancel(conn, open.id, now, by, note)? {
            return Err(AppError::Conflict("closed meanwhile".into()));
        }
        refresh_status(conn, cid)?;
        audit::record(
            conn,
            actor,
            Some(gid),
            Some(cid),
            "deletion.cancelled",
            &changes,
        )?;
        // The owner, and the recipients who were told of the request.
        let group = account::find(conn, gid)?;
        let mut to: Vec<(String, String, Lang)> = owner_of(conn, cid)?.into_iter().collect();
        to.extend(
            group_recipients(conn, &group)?
                .into_iter()
                .map(|(address, lang)| (address, String::new(), lang)),
        );
        for (address, first_name, lang) in to {
            let kind = EmailKind::DeletionCancelled {
                first_name,
                client_name: scope.client_name().to_owned(),
                group_name: group.name.clone(),
            };
            send(conn, base_url, gid, &[(address, lang)], &kind)?;
        }
        Ok(())
    })
}

/// What deleting the client takes away, for the confirmation: its users (name, email,
/// role), its services in use (name, status) and its open invitations (email, role).
pub struct WhatGoes {
    pub users: Vec<(String, String, String)>,
    pub services: Vec<(String, String)>,
    pub invitations: Vec<(String, String)>,
}

pub fn what_goes(conn: &mut DbConn, client_id: i64) -> Result<WhatGoes, AppError> {
    let people: Vec<(user::User, String)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::account_id.eq(client_id))
        .order_by(memberships::id)
        .select((user::User::as_select(), memberships::role))
        .load(conn)?;
    let services = client_services::table
        .inner_join(services::table)
        .filter(client_services::client_id.eq(client_id))
        .filter(client_services::status.is_not_null())
        .filter(client_services::status.ne("deleted"))
        .order_by(services::position)
        .select((services::name, client_services::status.assume_not_null()))
        .load(conn)?;
    let invitations = invitation::open_of_account(conn, client_id)?
        .into_iter()
        .map(|i| (i.email, i.role))
        .collect();
    Ok(WhatGoes {
        users: people
            .into_iter()
            .map(|(u, role)| (u.display_name(), u.email, role))
            .collect(),
        services,
        invitations,
    })
}

/// Staff delete the client now ("Delete account"): the account's name typed to confirm.
pub fn delete(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    typed_name: &str,
    actor: &Actor,
    base_url: &str,
) -> Result<bool, AppError> {
    if !scope.group().may(Action::ManageDeletion) {
        return Err(AppError::NotFound);
    }
    if typed_name.trim() != scope.client_name() {
        return Err(AppError::invalid("confirm_name", "deletion-confirm-wrong"));
    }
    delete_client(conn, scope.client_id().0, actor, db::now(), base_url, None)
}

/// The scheduled deletion: every client whose request is due at `now`. Returns how many
/// this run deleted (another instance may have deleted some first).
pub fn delete_due(
    conn: &mut DbConn,
    now: NaiveDateTime,
    base_url: &str,
) -> Result<usize, AppError> {
    let mut deleted = 0;
    for cid in rows::due(conn, now)? {
        // One failing client does not hold up the others; it is tried again next run.
        match delete_if_due(conn, cid, now, base_url) {
            Ok(true) => deleted += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(client = cid, error = %e, "could not delete a client"),
        }
    }
    Ok(deleted)
}

/// The scheduler's deletion of one client found due: false when, by the time its turn
/// came, the request was cancelled (or the client deleted) meanwhile.
pub fn delete_if_due(
    conn: &mut DbConn,
    cid: i64,
    now: NaiveDateTime,
    base_url: &str,
) -> Result<bool, AppError> {
    delete_client(conn, cid, &Actor::system(), now, base_url, Some(now))
}

/// Deletes a client once; false when it was deleted already (or, for the scheduler,
/// `due_by`, when its request is no longer open and due: cancelled meanwhile).
fn delete_client(
    conn: &mut DbConn,
    cid: i64,
    actor: &Actor,
    now: NaiveDateTime,
    base_url: &str,
    due_by: Option<NaiveDateTime>,
) -> Result<bool, AppError> {
    db::write_tx(conn, |conn| {
        db::lock_account(conn, cid)?;
        let client = account::find(conn, cid)?;
        let Some(gid) = client.parent_id else {
            return Err(AppError::NotFound);
        };
        let open = rows::open_for(conn, cid)?;
        if client.deleted_at.is_some() {
            // Nothing left to delete; a request left open is closed with it.
            if let Some(open) = open {
                rows::complete(conn, open.id, now, actor.user_id)?;
            }
            return Ok(false);
        }
        if let Some(by) = due_by
            && open.as_ref().is_none_or(|r| r.due_at > by)
        {
            return Ok(false);
        }
        match open {
            Some(open) => {
                rows::complete(conn, open.id, now, actor.user_id)?;
            }
            None => {
                rows::insert(
                    conn,
                    &NewDeletionRequest {
                        client_id: cid,
                        requested_by: actor.user_id,
                        requested_at: now,
                        due_at: now,
                        completed_at: Some(now),
                        completed_by: actor.user_id,
                        by_staff: true,
                    },
                )?;
            }
        }
        let goes = what_goes(conn, cid)?;
        let owner = owner_of(conn, cid)?;
        // Its users lose it; those left with no account at all are signed out.
        let members: Vec<i64> = memberships::table
            .filter(memberships::account_id.eq(cid))
            .select(memberships::user_id)
            .load(conn)?;
        diesel::delete(memberships::table.filter(memberships::account_id.eq(cid))).execute(conn)?;
        for uid in &members {
            if membership::count_for_user(conn, *uid)? == 0 {
                session::delete_for_user(conn, *uid)?;
            }
        }
        for open in invitation::open_of_account(conn, cid)? {
            invitation::close(conn, open.id, invitation::Close::Revoked, now)?;
        }
        diesel::update(
            tokens::table
                .filter(tokens::account_id.eq(cid))
                .filter(tokens::used_at.is_null()),
        )
        .set(tokens::used_at.eq(now))
        .execute(conn)?;
        diesel::update(
            client_services::table
                .filter(client_services::client_id.eq(cid))
                .filter(client_services::status.is_not_null()),
        )
        .set((
            client_services::status.eq("deleted"),
            client_services::status_before_deletion.eq(None::<String>),
            client_services::updated_at.eq(now),
        ))
        .execute(conn)?;
        diesel::update(accounts::table.find(cid))
            .set((
                accounts::deleted_at.eq(now),
                accounts::updated_at.eq(now),
                accounts::version.eq(accounts::version + 1),
            ))
            .execute(conn)?;
        refresh_status(conn, cid)?;
        crate::services::impersonation::end_in_client(conn, cid, actor)?;
        let emails: Vec<String> = goes.users.iter().map(|(_, e, _)| e.clone()).collect();
        let invited: Vec<String> = goes.invitations.iter().map(|(e, _)| e.clone()).collect();
        let changes = Changes::new()
            .field("status", client.status.as_str(), "deleted")
            .field("users", emails, Value::Null)
            .field("invitations", invited, Value::Null);
        audit::record(
            conn,
            actor,
            Some(gid),
            Some(cid),
            "client.deleted",
            &changes,
        )?;
        let group = account::find(conn, gid)?;
        let mut to = group_recipients(conn, &group)?;
        if let Some((address, _, lang)) = owner {
            to.insert(0, (address, lang));
        }
        let kind = EmailKind::ClientDeleted {
            client_name: client.name.clone(),
            group_name: group.name,
        };
        send(conn, base_url, gid, &to, &kind)?;
        Ok(true)
    })
}

/// The Delete client tab: the open request, the history of all, what deleting takes away.
pub struct Tab {
    pub open: Option<DeletionRequest>,
    pub history: Vec<DeletionRequest>,
    pub deleted_at: Option<NaiveDateTime>,
    pub what_goes: WhatGoes,
    /// Names of the people in the history (requested, cancelled, completed by).
    pub names: std::collections::HashMap<i64, String>,
}

pub fn tab(conn: &mut DbConn, scope: &StaffClientScope) -> Result<Tab, AppError> {
    let cid = scope.client_id().0;
    let history = rows::history(conn, cid)?;
    let names = user::display_names(
        conn,
        history
            .iter()
            .flat_map(|r| [r.requested_by, r.cancelled_by, r.completed_by])
            .flatten(),
    )?;
    Ok(Tab {
        open: history.iter().find(|r| r.is_open()).cloned(),
        deleted_at: account::find(conn, cid)?.deleted_at,
        what_goes: what_goes(conn, cid)?,
        history,
        names,
    })
}

/// The client area's deletion page: the open request, or what a request stops.
pub struct PortalView {
    pub open: Option<DeletionRequest>,
    /// The running services (name, status).
    pub running: Vec<(String, String)>,
}

pub fn portal_view(conn: &mut DbConn, scope: &MemberClientScope) -> Result<PortalView, AppError> {
    if !scope.may(Action::RequestDeletion) {
        return Err(AppError::NotFound);
    }
    let cid = scope.client_id().0;
    Ok(PortalView {
        open: rows::open_for(conn, cid)?,
        running: running_services(conn, cid)?,
    })
}
