//! Writing the audit log. Every change records who did it (and, while impersonating, who
//! really did), where, and the changed fields old → new. Callers never pass secrets:
//! [`Changes`] refuses field names that look like one.

use serde_json::{Map, Value};

use crate::db::{self, DbConn};
use crate::models::audit::{self as rows, NewAuditEvent};

/// Who acts: a signed-in user, the command line, or the scheduler.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub email: Option<String>,
    pub impersonator_id: Option<i64>,
    pub impersonator_email: Option<String>,
    pub ip: Option<String>,
}

impl Actor {
    pub fn user(id: i64, email: &str, ip: Option<String>) -> Self {
        Actor {
            user_id: Some(id),
            email: Some(email.to_owned()),
            ip,
            ..Default::default()
        }
    }

    /// An operator at the command line.
    pub fn cli() -> Self {
        Actor {
            email: Some("command line".into()),
            ..Default::default()
        }
    }

    /// A scheduled job.
    pub fn system() -> Self {
        Actor {
            email: Some("scheduler".into()),
            ..Default::default()
        }
    }
}

/// Changed fields, `{field: [old, new]}`.
#[derive(Debug, Default)]
pub struct Changes(Map<String, Value>);

const SECRET_WORDS: [&str; 4] = ["password", "token", "secret", "totp"];

impl Changes {
    pub fn new() -> Self {
        Changes::default()
    }

    /// Adds a field when its value changed. Secret-looking fields are dropped, always.
    pub fn field(mut self, name: &str, old: impl Into<Value>, new: impl Into<Value>) -> Self {
        let lower = name.to_ascii_lowercase();
        if SECRET_WORDS.iter().any(|w| lower.contains(w)) {
            return self;
        }
        let (old, new) = (old.into(), new.into());
        if old != new {
            self.0.insert(name.to_owned(), Value::Array(vec![old, new]));
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn to_json(&self) -> String {
        Value::Object(self.0.clone()).to_string()
    }
}

/// Records one event in the caller's transaction.
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    group_id: Option<i64>,
    account_id: Option<i64>,
    action: &str,
    changes: &Changes,
) -> diesel::QueryResult<i64> {
    rows::insert(
        conn,
        &NewAuditEvent {
            at: db::now(),
            actor_id: actor.user_id,
            actor_email: actor.email.as_deref(),
            impersonator_id: actor.impersonator_id,
            impersonator_email: actor.impersonator_email.as_deref(),
            group_id,
            account_id,
            action,
            changes: changes.to_json(),
            ip: actor.ip.as_deref(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_enter_the_changes() {
        let c = Changes::new()
            .field("name", "Old", "New")
            .field("password_hash", "x", "y")
            .field("owner_password", Value::Null, "pw")
            .field("unchanged", "same", "same");
        let json = c.to_json();
        assert_eq!(json, r#"{"name":["Old","New"]}"#);
    }
}
