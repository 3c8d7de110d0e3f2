//! A client's services (the "Services" tab): which are visible — the group's global
//! visibility, inherited, until staff customise this client's, which freezes all of it —
//! and each visible service's status. A status change recomputes the client's derived
//! status in the same transaction (the list sorts and filters on it).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use crate::auth::scope::{MemberClientScope, StaffClientScope};
use crate::db::schema::accounts;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::models::account;
use crate::models::audit as audit_rows;
use crate::models::client_service::{self, STATUSES};
use crate::models::group_service::{self, DEFAULT_VISIBLE};
use crate::models::service::{self, Service};
use crate::services::audit::{self, Actor, Changes};
use crate::services::client_rules::derive_status;

/// One service as the tab shows it.
#[derive(Debug, Clone)]
pub struct ServiceRow {
    pub service: Service,
    /// What the client sees now.
    pub visible: bool,
    /// The group's switch (what an inheriting client follows).
    pub group_visible: bool,
    /// None: not activated.
    pub status: Option<String>,
}

/// A status change, for the tab's history.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub at: NaiveDateTime,
    pub who: String,
    pub service: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub struct Tab {
    pub customised: bool,
    pub rows: Vec<ServiceRow>,
    pub history: Vec<StatusChange>,
}

/// What staff asked for.
pub enum Change {
    /// Show or hide one service: the client's visibility becomes its own (customised).
    Visibility {
        code: String,
        visible: bool,
        /// Hiding a service in use (active or trial) was confirmed.
        confirmed: bool,
    },
    /// Follow the group's visibility again.
    Reset,
    /// Give a visible service a status (the first one activates it).
    Status { code: String, status: String },
}

/// How a change ended.
pub enum Applied {
    Done(&'static str),
    /// Hiding this service (in use) needs a confirmation; nothing was changed.
    Confirm(String),
}

fn rows(conn: &mut DbConn, scope: &StaffClientScope) -> QueryResult<(bool, Vec<ServiceRow>)> {
    rows_of(conn, scope.client_id().0, scope.group().group_id().0)
}

/// The client's services as it sees them: the visible ones, in the catalogue's order, with
/// their status (the client area; nothing there is editable by the client).
pub fn visible_to_member(
    conn: &mut DbConn,
    scope: &MemberClientScope,
) -> Result<Vec<ServiceRow>, AppError> {
    let (_, rows) = rows_of(conn, scope.client_id().0, scope.group_id().0)?;
    Ok(rows.into_iter().filter(|r| r.visible).collect())
}

fn rows_of(conn: &mut DbConn, cid: i64, gid: i64) -> QueryResult<(bool, Vec<ServiceRow>)> {
    let customised: bool = accounts::table
        .find(cid)
        .select(accounts::services_customised)
        .first(conn)?;
    let group = group_service::visibility(conn, gid)?;
    let own: HashMap<i64, client_service::ClientServiceRow> = client_service::of_client(conn, cid)?
        .into_iter()
        .map(|r| (r.service_id, r))
        .collect();
    let rows = service::all(conn)?
        .into_iter()
        .map(|s| {
            let group_visible = group.get(&s.id).copied().unwrap_or(DEFAULT_VISIBLE);
            let row = own.get(&s.id);
            // A customised client sees its own switches (a service added to the catalogue
            // since stays hidden for it until switched on).
            let visible = if customised {
                row.is_some_and(|r| r.visible)
            } else {
                group_visible
            };
            ServiceRow {
                status: row.and_then(|r| r.status.clone()),
                service: s,
                visible,
                group_visible,
            }
        })
        .collect();
    Ok((customised, rows))
}

pub fn tab(conn: &mut DbConn, scope: &StaffClientScope) -> Result<Tab, AppError> {
    let (customised, rows) = rows(conn, scope)?;
    let name_of = |code: &str| {
        rows.iter()
            .find(|r| r.service.code == code)
            .map_or_else(|| code.to_owned(), |r| r.service.name.clone())
    };
    let history = audit_rows::for_account(conn, scope.client_id().0, 200)?
        .into_iter()
        .filter(|e| e.action == "service.status_changed")
        .filter_map(|e| {
            let changes: serde_json::Map<String, Value> = serde_json::from_str(&e.changes).ok()?;
            let (key, pair) = changes
                .into_iter()
                .find(|(k, _)| k.starts_with("status."))?;
            let pair = pair.as_array()?.clone();
            let text = |v: &Value| v.as_str().map(str::to_owned);
            Some(StatusChange {
                at: e.at,
                who: e.actor_email.unwrap_or_default(),
                service: name_of(key.trim_start_matches("status.")),
                from: pair.first().and_then(text),
                to: pair.get(1).and_then(text),
            })
        })
        .collect();
    Ok(Tab {
        customised,
        rows,
        history,
    })
}

/// Stores the client's derived status from its switch and its services' statuses.
pub fn refresh_status(conn: &mut DbConn, client_id: i64) -> QueryResult<()> {
    let client = account::find(conn, client_id)?;
    let statuses: Vec<String> = client_service::of_client(conn, client_id)?
        .into_iter()
        .filter_map(|r| r.status)
        .collect();
    let status = derive_status(
        client.active,
        client.deleted_at.is_some(),
        statuses.iter().map(String::as_str),
    );
    diesel::update(accounts::table.find(client_id))
        .set((
            accounts::status.eq(status.code()),
            accounts::status_rank.eq(status.rank()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn apply(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    change: &Change,
    actor: &Actor,
) -> Result<Applied, AppError> {
    let cid = scope.client_id().0;
    let gid = scope.group().group_id().0;
    db::write_tx(conn, |conn| {
        // One change of this client at a time: each reads, then writes what it derived.
        db::lock_account(conn, cid)?;
        if account::is_deleted(conn, cid)? {
            return Err(AppError::client_deleted());
        }
        let (customised, rows) = rows(conn, scope)?;
        let find = |code: &str| {
            rows.iter()
                .find(|r| r.service.code == code)
                .ok_or(AppError::NotFound)
        };
        let now = db::now();
        match change {
            Change::Visibility {
                code,
                visible,
                confirmed,
            } => {
                let row = find(code)?;
                let in_use = matches!(row.status.as_deref(), Some("active" | "trial"));
                if !visible && row.visible && in_use && !confirmed {
                    return Ok(Applied::Confirm(row.service.name.clone()));
                }
                // The whole visibility becomes the client's own, as it is now.
                if !customised {
                    for r in &rows {
                        client_service::set_visible(conn, cid, r.service.id, r.visible, now)?;
                    }
                    set_customised(conn, cid, true)?;
                }
                client_service::set_visible(conn, cid, row.service.id, *visible, now)?;
                let changes = Changes::new()
                    .field("services_customised", customised, true)
                    .field(&format!("visible.{code}"), row.visible, *visible);
                audit::record(
                    conn,
                    actor,
                    Some(gid),
                    Some(cid),
                    "client.services_visibility",
                    &changes,
                )?;
                Ok(Applied::Done("services-visibility-saved"))
            }
            Change::Reset => {
                if !customised {
                    return Ok(Applied::Done("services-reset-saved"));
                }
                set_customised(conn, cid, false)?;
                let changes = Changes::new().field("services_customised", customised, false);
                audit::record(
                    conn,
                    actor,
                    Some(gid),
                    Some(cid),
                    "client.services_visibility",
                    &changes,
                )?;
                Ok(Applied::Done("services-reset-saved"))
            }
            Change::Status { code, status } => {
                let row = find(code)?;
                if !STATUSES.contains(&status.as_str()) {
                    return Err(AppError::invalid("status", "error-choose-status"));
                }
                // A hidden service cannot be activated; one hidden while in use can still
                // be stopped.
                if !row.visible && matches!(status.as_str(), "trial" | "active") {
                    return Err(AppError::Conflict("service-hidden".into()));
                }
                if row.status.as_deref() == Some(status.as_str()) {
                    return Ok(Applied::Done("client-unchanged"));
                }
                client_service::set_status(conn, cid, row.service.id, status, row.visible, now)?;
                refresh_status(conn, cid)?;
                let old = row.status.clone().map_or(Value::Null, Value::from);
                let changes = Changes::new().field(&format!("status.{code}"), old, status.as_str());
                audit::record(
                    conn,
                    actor,
                    Some(gid),
                    Some(cid),
                    "service.status_changed",
                    &changes,
                )?;
                Ok(Applied::Done("services-status-saved"))
            }
        }
    })
}

fn set_customised(conn: &mut DbConn, client_id: i64, customised: bool) -> QueryResult<usize> {
    diesel::update(accounts::table.find(client_id))
        .set(accounts::services_customised.eq(customised))
        .execute(conn)
}
