//! The service catalogue, for operators (`clientele services add|list`): what every group
//! can make visible to its clients.

use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::input::{FieldErrors, single_line_problem, too_long};
use crate::models::service::{self, NewService, Service};
use crate::services::audit::{self, Actor, Changes};

pub const MAX_CODE: usize = 32;
pub const MAX_NAME: usize = 60;

/// A service code: a lower-case letter, then lower-case letters, digits, `-` or `_`.
pub fn code_is_valid(code: &str) -> bool {
    code.len() <= MAX_CODE
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Checks a new service's code and name.
pub fn check(code: &str, name: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    if !code_is_valid(code) {
        errors.add("code", "error-service-code-invalid");
    }
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", "error-enter-service-name");
    } else if let Some(problem) = single_line_problem(name) {
        errors.add("name", problem);
    } else if name.chars().count() > MAX_NAME {
        errors.add("name", too_long(MAX_NAME));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The catalogue, in its order.
pub fn list(conn: &mut DbConn) -> Result<Vec<Service>, AppError> {
    Ok(service::all(conn)?)
}

/// Adds a service at the end of the catalogue, audited. A code already taken is the
/// `code` field's error (checked first; the unique index catches a race).
pub fn add(conn: &mut DbConn, code: &str, name: &str, actor: &Actor) -> Result<Service, AppError> {
    check(code, name)?;
    let name = name.trim();
    db::write_tx(conn, |conn| {
        if service::all(conn)?.iter().any(|s| s.code == code) {
            return Err(AppError::invalid("code", "error-service-code-taken"));
        }
        let now = db::now();
        let position = service::next_position(conn)?;
        let id = service::insert(
            conn,
            &NewService {
                code,
                name,
                position,
                created_at: now,
            },
        )?;
        let changes = Changes::new()
            .field("code", serde_json::Value::Null, code)
            .field("name", serde_json::Value::Null, name);
        audit::record(conn, actor, None, None, "service.added", &changes)?;
        Ok(Service {
            id,
            code: code.to_owned(),
            name: name.to_owned(),
            position,
            created_at: now,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_lower_case_words() {
        for good in ["cdn", "object-storage", "edge_2"] {
            assert!(code_is_valid(good), "{good}");
        }
        for bad in [
            "",
            "CDN",
            "2cdn",
            "-cdn",
            "c d n",
            "cdn!",
            "ção",
            &"x".repeat(33),
        ] {
            assert!(!code_is_valid(bad), "{bad}");
        }
        assert!(check("waf", "Web Application Firewall").is_ok());
        let Err(AppError::Invalid(e)) = check("WAF", " ") else {
            panic!("expected field errors")
        };
        assert!(e.has("code") && e.has("name"));
    }
}
