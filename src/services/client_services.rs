//! A client's services (the "Services" tab): which are visible — the group's global
//! visibility, inherited, until staff customise this client's, which freezes all of it —
//! and each visible service's status. A status change recomputes the client's derived
//! status in the same transaction (the list sorts and filters on it).

use std::collections::{BTreeSet, HashMap};

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

/// The switches of the Add client form (seed 002: "toggle on the services that you want
/// to make available for the client. By default, the global service visibility settings
/// are inherited"): the services the form was drawn with switched on (the group's
/// visibility then) and those on when it was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServicesChoice {
    /// The codes switched on when the form was drawn.
    pub preset: BTreeSet<String>,
    /// The codes switched on when it was sent.
    pub chosen: BTreeSet<String>,
}

impl ServicesChoice {
    /// The form's hidden `services_preset` (codes separated by spaces) and its checked
    /// `service` boxes, from the form's pairs. None: the form carried no switches (the
    /// catalogue was empty, or another client of the route), and the client inherits.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Self> {
        let mut preset = None;
        let mut chosen = BTreeSet::new();
        for (k, v) in pairs {
            match k {
                "services_preset" => {
                    preset = Some(v.split_whitespace().map(str::to_owned).collect());
                }
                "service" => {
                    chosen.insert(v.trim().to_owned());
                }
                _ => {}
            }
        }
        preset.map(|preset| ServicesChoice { preset, chosen })
    }

    /// The visibility the new client starts with: None (it inherits the group's) when the
    /// switches were left as they were drawn, else exactly the ones switched on, its own.
    pub fn own_visibility(&self) -> Option<&BTreeSet<String>> {
        (self.chosen != self.preset).then_some(&self.chosen)
    }

    /// The hidden field that carries the preset through the form (and its 422).
    pub fn preset_field(&self) -> String {
        self.preset.iter().cloned().collect::<Vec<_>>().join(" ")
    }
}

/// Every code one of the catalogue's (else the form's error, `services`).
fn check_codes<'a>(
    catalogue: &[Service],
    codes: impl IntoIterator<Item = &'a String>,
) -> Result<(), AppError> {
    let mut codes = codes.into_iter();
    if codes.any(|code| !catalogue.iter().any(|s| &s.code == code)) {
        return Err(AppError::invalid("services", "error-choose-services"));
    }
    Ok(())
}

/// The switches a new client's form sent, checked against the catalogue (an unknown code,
/// switched on or in the preset, is the form's error), and the visibility it starts with:
/// its own when they were changed ([`start_customised`]), else the group's.
pub fn apply_choice(
    conn: &mut DbConn,
    client_id: i64,
    choice: &ServicesChoice,
    now: NaiveDateTime,
    changes: Changes,
) -> Result<Changes, AppError> {
    let catalogue = service::all(conn)?;
    check_codes(&catalogue, choice.chosen.iter().chain(&choice.preset))?;
    match choice.own_visibility() {
        Some(visible) => start_customised(conn, client_id, visible, now, changes),
        None => Ok(changes),
    }
}

/// One switch of the Add client form.
#[derive(Debug, Clone)]
pub struct ServiceSwitch {
    pub code: String,
    pub name: String,
    pub on: bool,
}

/// The Add client form's switches, preset to the group's visibility, and the choice they
/// stand for unchanged.
pub fn switches_for_new_client(
    conn: &mut DbConn,
    group_id: i64,
) -> QueryResult<(Vec<ServiceSwitch>, ServicesChoice)> {
    let group = group_service::visibility(conn, group_id)?;
    let switches: Vec<ServiceSwitch> = service::all(conn)?
        .into_iter()
        .map(|s| ServiceSwitch {
            on: group.get(&s.id).copied().unwrap_or(DEFAULT_VISIBLE),
            code: s.code,
            name: s.name,
        })
        .collect();
    let preset: BTreeSet<String> = switches
        .iter()
        .filter(|s| s.on)
        .map(|s| s.code.clone())
        .collect();
    Ok((
        switches,
        ServicesChoice {
            chosen: preset.clone(),
            preset,
        },
    ))
}

/// The catalogue's switches as a sent form had them (its 422 shows them again as typed).
pub fn switches_as_chosen(
    conn: &mut DbConn,
    choice: &ServicesChoice,
) -> QueryResult<Vec<ServiceSwitch>> {
    Ok(service::all(conn)?
        .into_iter()
        .map(|s| ServiceSwitch {
            on: choice.chosen.contains(&s.code),
            code: s.code,
            name: s.name,
        })
        .collect())
}

/// A new client's own visibility from the start (the Add client form's switches,
/// changed): these services visible, every other hidden, customised — as the Services
/// tab's first switch makes it. An unknown code is the form's error (`services`).
/// Adds to the audit's `changes` what it set (`services_customised`, `visible.{code}` of
/// each service).
pub fn start_customised(
    conn: &mut DbConn,
    client_id: i64,
    visible: &BTreeSet<String>,
    now: NaiveDateTime,
    changes: Changes,
) -> Result<Changes, AppError> {
    let catalogue = service::all(conn)?;
    check_codes(&catalogue, visible)?;
    let mut changes = changes.field("services_customised", Value::Null, true);
    for s in &catalogue {
        let on = visible.contains(&s.code);
        client_service::set_visible(conn, client_id, s.id, on, now)?;
        changes = changes.field(&format!("visible.{}", s.code), Value::Null, on);
    }
    set_customised(conn, client_id, true)?;
    Ok(changes)
}

fn set_customised(conn: &mut DbConn, client_id: i64, customised: bool) -> QueryResult<usize> {
    diesel::update(accounts::table.find(client_id))
        .set(accounts::services_customised.eq(customised))
        .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::ServicesChoice;

    fn set(codes: &[&str]) -> std::collections::BTreeSet<String> {
        codes.iter().map(|c| (*c).to_owned()).collect()
    }

    /// The form's pairs, and the visibility the client starts with (None: it inherits).
    type Case = (
        &'static [(&'static str, &'static str)],
        Option<&'static [&'static str]>,
    );

    #[test]
    fn the_add_forms_switches_left_as_drawn_inherit_and_changed_ones_are_the_clients_own() {
        let cases: [Case; 8] = [
            // No switches on the form (an empty catalogue): inherits.
            (&[("account_name", "Globex")], None),
            // A `service` without the preset is not the form's: inherits.
            (&[("service", "cdn")], None),
            // As drawn: inherits, whatever the order.
            (
                &[
                    ("services_preset", "cdn dns"),
                    ("service", "dns"),
                    ("service", "cdn"),
                ],
                None,
            ),
            // Everything was hidden and stays so: inherits.
            (&[("services_preset", "")], None),
            // One switched off: its own, the rest as shown.
            (
                &[("services_preset", "cdn dns"), ("service", "cdn")],
                Some(&["cdn"]),
            ),
            // One switched on.
            (
                &[
                    ("services_preset", "cdn"),
                    ("service", "cdn"),
                    ("service", "cloud"),
                ],
                Some(&["cdn", "cloud"]),
            ),
            // All switched off: its own, nothing visible.
            (&[("services_preset", "cdn dns")], Some(&[])),
            // A box sent twice counts once.
            (
                &[
                    ("services_preset", " cdn  dns "),
                    ("service", "cdn"),
                    ("service", "cdn"),
                    ("service", "dns"),
                ],
                None,
            ),
        ];
        for (pairs, expected) in cases {
            let choice = ServicesChoice::from_pairs(pairs.iter().copied());
            let own = choice.as_ref().and_then(|c| c.own_visibility().cloned());
            assert_eq!(own, expected.map(set), "{pairs:?}");
        }
        let choice = ServicesChoice::from_pairs([("services_preset", "dns cdn")]).unwrap();
        assert_eq!(choice.preset_field(), "cdn dns");
    }
}
