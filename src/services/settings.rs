//! Vendor settings (`/groups/{gid}/settings`): the group's global service visibility, which
//! its clients inherit until staff customise a client's, and the emails of deletion
//! requests. Owners and admins only; to anyone else the page does not exist.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde_json::Value;

use crate::auth::scope::GroupScope;
use crate::db::schema::accounts;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::input::{
    CONTROL_CHARACTERS, FieldErrors, has_control_chars, is_deliverable_email, split_emails,
};
use crate::models::account::{self, KIND_CLIENT};
use crate::models::group_service::{self, DEFAULT_VISIBLE};
use crate::models::service::{self, Service};
use crate::services::audit::{self, Actor, Changes};

/// At most this many recipients of deletion-request emails (as for billing emails).
pub const MAX_RECIPIENTS: usize = 10;

/// The settings as the page shows and sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Every service of the catalogue, in order, with whether the group shows it.
    pub visibility: Vec<(Service, bool)>,
    pub notify_deletions: bool,
    pub recipients: Vec<String>,
}

/// How many of the group's clients a change of its visibility reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Clients that inherit the group's visibility: they change with it.
    pub inheriting: i64,
    /// Clients with a visibility of their own: they keep it.
    pub customised: i64,
}

/// The only way in: owners and admins.
fn allowed(scope: &GroupScope) -> Result<(), AppError> {
    if scope.can_manage_settings() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub fn load(conn: &mut DbConn, scope: &GroupScope) -> Result<Settings, AppError> {
    allowed(scope)?;
    let gid = scope.group_id().0;
    let set = group_service::visibility(conn, gid)?;
    let group = account::find(conn, gid)?;
    Ok(Settings {
        visibility: service::all(conn)?
            .into_iter()
            .map(|s| {
                let visible = set.get(&s.id).copied().unwrap_or(DEFAULT_VISIBLE);
                (s, visible)
            })
            .collect(),
        notify_deletions: group.deletion_notifications,
        recipients: split_emails(&group.notification_emails),
    })
}

/// The group's live clients, by whether they inherit the group's visibility.
pub fn reach(conn: &mut DbConn, scope: &GroupScope) -> Result<Reach, AppError> {
    allowed(scope)?;
    let counts: Vec<(bool, i64)> = accounts::table
        .filter(accounts::parent_id.eq(scope.group_id().0))
        .filter(accounts::kind.eq(KIND_CLIENT))
        .filter(accounts::deleted_at.is_null())
        .group_by(accounts::services_customised)
        .select((accounts::services_customised, diesel::dsl::count_star()))
        .load(conn)?;
    let count = |customised: bool| {
        counts
            .iter()
            .find(|(c, _)| *c == customised)
            .map_or(0, |(_, n)| *n)
    };
    Ok(Reach {
        inheriting: count(false),
        customised: count(true),
    })
}

/// Checks the recipients as typed (comma or newline separated, like billing emails).
pub fn check_recipients(typed: &str) -> Result<Vec<String>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let list = split_emails(typed);
    if has_control_chars(typed, true) {
        errors.add("recipients", CONTROL_CHARACTERS);
    } else if list.len() > MAX_RECIPIENTS {
        errors.add(
            "recipients",
            crate::i18n::Msg::new("error-billing-too-many").with("max", MAX_RECIPIENTS),
        );
    } else if let Some(bad) = list.iter().find(|a| !is_deliverable_email(a)) {
        errors.add(
            "recipients",
            crate::i18n::Msg::new("error-billing-invalid").with("address", bad.as_str()),
        );
    }
    if errors.is_empty() {
        Ok(list)
    } else {
        Err(errors)
    }
}

/// The services whose visibility `wanted` (by service code) changes.
pub fn visibility_changes(current: &Settings, wanted: &BTreeMap<String, bool>) -> Vec<String> {
    current
        .visibility
        .iter()
        .filter(|(s, visible)| wanted.get(&s.code).copied().unwrap_or(false) != *visible)
        .map(|(s, _)| s.code.clone())
        .collect()
}

/// Saves the settings in one transaction, audited (each changed field old → new).
pub fn save(
    conn: &mut DbConn,
    scope: &GroupScope,
    visible: &BTreeMap<String, bool>,
    notify_deletions: bool,
    recipients: &[String],
    actor: &Actor,
) -> Result<(), AppError> {
    allowed(scope)?;
    let gid = scope.group_id().0;
    db::write_tx(conn, |conn| {
        let before = load(conn, scope)?;
        let now = db::now();
        let mut changes = Changes::new();
        for (service, was) in &before.visibility {
            let now_visible = visible.get(&service.code).copied().unwrap_or(false);
            if now_visible != *was {
                group_service::set(conn, gid, service.id, now_visible, now)?;
                changes = changes.field(
                    &format!("visible.{}", service.code),
                    Value::Bool(*was),
                    Value::Bool(now_visible),
                );
            }
        }
        let joined = recipients.join("\n");
        diesel::update(accounts::table.find(gid))
            .set((
                accounts::deletion_notifications.eq(notify_deletions),
                accounts::notification_emails.eq(&joined),
                accounts::updated_at.eq(now),
            ))
            .execute(conn)?;
        let changes = changes
            .field(
                "deletion_notifications",
                before.notify_deletions,
                notify_deletions,
            )
            .field(
                "notification_emails",
                before.recipients.join("\n"),
                joined.clone(),
            );
        if !changes.is_empty() {
            audit::record(
                conn,
                actor,
                Some(gid),
                Some(gid),
                "group.settings_updated",
                &changes,
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_checked_like_billing_emails() {
        assert_eq!(
            check_recipients("A@x.test,\n b@y.test ").unwrap(),
            ["a@x.test", "b@y.test"]
        );
        assert!(check_recipients("").unwrap().is_empty());
        assert!(check_recipients("ok@x.test, a@[127.0.0.1]").is_err());
        assert!(check_recipients("a@x.test\tb@y.test").is_err());
        let eleven: Vec<String> = (0..11).map(|i| format!("r{i}@x.test")).collect();
        assert!(check_recipients(&eleven.join(",")).is_err());
    }
}
