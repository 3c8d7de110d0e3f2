//! The audit views: a client's "History" tab and the group's "Activity" page. One query
//! with the filters (client, person, action, date range), newest first, 50 a page; the
//! people's names and the clients' names looked up once per page, never per row.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::Value;

use crate::db::schema::{accounts, audit_events, users};
use crate::db::{DbConn, escape_like};
use crate::error::AppError;
use crate::models::audit::AuditEvent;

pub const PAGE_SIZE: i64 = 50;

/// The person filter looks for at most this many people.
const PEOPLE_MAX: i64 = 500;

diesel::define_sql_function! {
    /// SQL `lower()`, on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// The actions a person can filter on, with the catalogue key of each one's name, in the
/// order the filter lists them. An action missing here is still shown (by its code).
pub const ACTIONS: [(&str, &str); 44] = [
    ("client.created", "audit-action-client-created"),
    ("client.updated", "audit-action-client-updated"),
    (
        "client.services_visibility",
        "audit-action-client-services-visibility",
    ),
    (
        "service.status_changed",
        "audit-action-service-status-changed",
    ),
    ("service.added", "audit-action-service-added"),
    ("owner.changed", "audit-action-owner-changed"),
    ("owner.invited", "audit-action-owner-invited"),
    ("owner.activated", "audit-action-owner-activated"),
    (
        "owner.activation_resent",
        "audit-action-owner-activation-resent",
    ),
    (
        "owner.activation_reminded",
        "audit-action-owner-activation-reminded",
    ),
    (
        "owner.activation_expired",
        "audit-action-owner-activation-expired",
    ),
    ("invitation.sent", "audit-action-invitation-sent"),
    ("invitation.resent", "audit-action-invitation-resent"),
    ("invitation.revoked", "audit-action-invitation-revoked"),
    ("invitation.accepted", "audit-action-invitation-accepted"),
    ("invitation.declined", "audit-action-invitation-declined"),
    ("invitation.expired", "audit-action-invitation-expired"),
    ("member.changed", "audit-action-member-changed"),
    ("member.removed", "audit-action-member-removed"),
    (
        "ownership.transferred",
        "audit-action-ownership-transferred",
    ),
    ("user.changed", "audit-action-user-changed"),
    (
        "user.email_change_requested",
        "audit-action-user-email-change-requested",
    ),
    (
        "user.email_change_approved",
        "audit-action-user-email-change-approved",
    ),
    ("user.email_changed", "audit-action-user-email-changed"),
    (
        "user.password_changed",
        "audit-action-user-password-changed",
    ),
    ("user.password_reset", "audit-action-user-password-reset"),
    ("user.profile_changed", "audit-action-user-profile-changed"),
    (
        "user.signed_out_everywhere",
        "audit-action-user-signed-out-everywhere",
    ),
    ("user.unlocked", "audit-action-user-unlocked"),
    (
        "user.two_step_enabled",
        "audit-action-user-two-step-enabled",
    ),
    (
        "user.two_step_disabled",
        "audit-action-user-two-step-disabled",
    ),
    (
        "user.recovery_codes_renewed",
        "audit-action-user-recovery-codes-renewed",
    ),
    (
        "user.recovery_code_used",
        "audit-action-user-recovery-code-used",
    ),
    ("user.two_step_reset", "audit-action-user-two-step-reset"),
    (
        "group.two_step_required_changed",
        "audit-action-group-two-step-required-changed",
    ),
    ("group.created", "audit-action-group-created"),
    (
        "group.settings_updated",
        "audit-action-group-settings-updated",
    ),
    ("email.retried", "audit-action-email-retried"),
    (
        "impersonation.started",
        "audit-action-impersonation-started",
    ),
    ("impersonation.ended", "audit-action-impersonation-ended"),
    (
        "impersonation.refused",
        "audit-action-impersonation-refused",
    ),
    ("deletion.requested", "audit-action-deletion-requested"),
    ("deletion.cancelled", "audit-action-deletion-cancelled"),
    ("client.deleted", "audit-action-client-deleted"),
];

/// The catalogue key of an action's name, if it is known.
pub fn action_label(code: &str) -> Option<&'static str> {
    ACTIONS.iter().find(|(c, _)| *c == code).map(|(_, k)| *k)
}

/// The filters, understood (anything unreadable is left out, and said so on the page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Part of the client's name.
    pub client: String,
    /// Part of the name or email of who acted (or of whom they were signed in as): people
    /// with an account, not the scheduler or the command line (filter those by action).
    pub person: String,
    /// One action's code, or empty for all.
    pub action: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: i64,
}

/// One event, ready to show.
#[derive(Debug, Clone)]
pub struct Entry {
    pub at: NaiveDateTime,
    /// Who acted: the person signed in (the staff member, while impersonating)…
    pub who: String,
    /// …and, while impersonating, the client user they were signed in as.
    pub as_whom: Option<String>,
    /// The client the event is about (id, name); None for the group's own events.
    pub client: Option<(i64, String)>,
    pub action: String,
    /// The changed fields: (field, old, new).
    pub changes: Vec<(String, Value, Value)>,
    pub ip: Option<String>,
}

pub struct EventPage {
    pub entries: Vec<Entry>,
    pub has_next: bool,
}

/// A group's events (or one client's), newest first.
pub fn events(
    conn: &mut DbConn,
    group_id: i64,
    client_id: Option<i64>,
    f: &Filters,
) -> Result<EventPage, AppError> {
    // A client's events by its id alone (its index serves the order); the caller's scope
    // checked that the client is the group's, and its events carry the group's id.
    let mut q = match client_id {
        Some(cid) => audit_events::table
            .filter(audit_events::account_id.eq(cid))
            .into_boxed(),
        None => audit_events::table
            .filter(audit_events::group_id.eq(group_id))
            .into_boxed(),
    };
    if !f.client.is_empty() {
        let pattern = format!("%{}%", escape_like(&f.client.to_lowercase()));
        let clients = accounts::table
            .filter(accounts::parent_id.eq(group_id))
            .filter(accounts::name_key.like(pattern).escape('\\'))
            .select(accounts::id.nullable());
        q = q.filter(audit_events::account_id.eq_any(clients));
    }
    if !f.person.is_empty() {
        // The people whose name or email holds the text (looked up first, so that the log
        // is searched by indexed ids, not scanned), then what they did or did signed in as
        // someone. At most PEOPLE_MAX of them: a broader text is a broader search.
        let pattern = format!("%{}%", escape_like(&f.person.to_lowercase()));
        let people: Vec<Option<i64>> = users::table
            .filter(
                lower(users::first_name.concat(" ").concat(users::last_name))
                    .like(pattern.clone())
                    .escape('\\')
                    .or(users::email.like(pattern).escape('\\')),
            )
            .select(users::id.nullable())
            .limit(PEOPLE_MAX)
            .load(conn)?;
        if people.is_empty() {
            return Ok(EventPage {
                entries: Vec::new(),
                has_next: false,
            });
        }
        q = q.filter(
            audit_events::actor_id
                .eq_any(people.clone())
                .or(audit_events::impersonator_id.eq_any(people)),
        );
    }
    if !f.action.is_empty() {
        q = q.filter(audit_events::action.eq(f.action.clone()));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_events::at.ge(from.and_time(chrono::NaiveTime::MIN)));
    }
    if let Some(to) = f.to.and_then(|d| d.succ_opt()) {
        q = q.filter(audit_events::at.lt(to.and_time(chrono::NaiveTime::MIN)));
    }
    let page = f.page.max(1);
    let mut rows: Vec<AuditEvent> = q
        .order_by(audit_events::id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
        .select(AuditEvent::as_select())
        .load(conn)?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);

    let names = crate::models::user::display_names(
        conn,
        rows.iter()
            .flat_map(|r| [r.actor_id, r.impersonator_id])
            .flatten(),
    )?;
    let mut client_ids: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.account_id)
        .filter(|id| *id != group_id)
        .collect();
    client_ids.sort_unstable();
    client_ids.dedup();
    let client_names: HashMap<i64, String> = accounts::table
        .filter(accounts::id.eq_any(&client_ids))
        .filter(accounts::parent_id.eq(group_id))
        .select((accounts::id, accounts::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let person = |id: Option<i64>, email: &Option<String>| {
        id.and_then(|id| names.get(&id).cloned())
            .or_else(|| email.clone())
            .unwrap_or_default()
    };
    let entries = rows
        .into_iter()
        .map(|r| {
            let acting = person(r.actor_id, &r.actor_email);
            let (who, as_whom) = if r.impersonator_id.is_some() || r.impersonator_email.is_some() {
                (
                    person(r.impersonator_id, &r.impersonator_email),
                    Some(acting),
                )
            } else {
                (acting, None)
            };
            Entry {
                at: r.at,
                who,
                as_whom,
                client: r
                    .account_id
                    .and_then(|id| client_names.get(&id).map(|n| (id, n.clone()))),
                changes: parse_changes(&r.changes),
                action: r.action,
                ip: r.ip,
            }
        })
        .collect();
    Ok(EventPage { entries, has_next })
}

/// `{field: [old, new]}` as a list, by field name.
fn parse_changes(json: &str) -> Vec<(String, Value, Value)> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(json) else {
        return Vec::new();
    };
    map.into_iter()
        .filter_map(|(field, pair)| {
            let Value::Array(mut pair) = pair else {
                return None;
            };
            let new = pair.pop()?;
            let old = pair.pop()?;
            Some((field, old, new))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_read_back_old_then_new() {
        let c = parse_changes(r#"{"name":["Old","New"],"active":[true,false],"bad":1}"#);
        assert_eq!(c.len(), 2);
        assert!(c.contains(&("name".to_owned(), Value::from("Old"), Value::from("New"))));
        assert!(parse_changes("not json").is_empty());
    }

    #[test]
    fn every_action_is_listed_once() {
        let mut codes: Vec<_> = ACTIONS.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ACTIONS.len());
        assert_eq!(
            action_label("client.updated"),
            Some("audit-action-client-updated")
        );
        assert_eq!(action_label("nope"), None);
    }
}
