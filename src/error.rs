//! The one error type, for services and pages alike. Plain data: how each kind answers
//! over HTTP is decided in `web::error_page`.
//!
//! Policy:
//! - A resource the user may not see is `NotFound`, exactly like one that does not exist,
//!   so that nobody learns what other tenants have (404).
//! - Input a person can correct is `Invalid`, with a message beside each field; the page
//!   re-renders its form with 422 and what was typed. A unique index that catches what the
//!   checks did not (two saves at once) becomes the field error of its constraint.
//! - A change refused because the state moved on is `Conflict` (409), with what to say.
//! - A missing or wrong CSRF token is `CsrfRejected` (403); nothing was changed.
//! - A page that needs a signed-in user is `SignInRequired` (303 to `/login?next=…`).
//! - A client's own user opening the area of a client whose "Active" switch is off gets
//!   `AccountDisabled` (403): a page that says so and whom to contact, not a bare error.
//! - What nobody does on a client user's behalf, asked while a staff member is signed in
//!   as that user, is `NotWhileImpersonating` (403): a page that says so and how to go back.
//! - A request arriving after support access ended (time up, rights gone) is
//!   `ImpersonationEnded`: 303 back to the console, with a message why.
//! - A database that does not answer in time is `Unavailable` (503); a database error no
//!   rule above covers is `Database`, and anything else unexpected `Internal` (both 500).
//!   They log their cause; the page never shows it.

use crate::input::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("CSRF token missing or wrong")]
    CsrfRejected,
    #[error("sign-in required")]
    SignInRequired { next: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("database: {0}")]
    Database(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("client account disabled")]
    AccountDisabled(Box<DisabledAccount>),
    #[error("refused while signed in as a client's user")]
    NotWhileImpersonating,
    #[error("support access ended")]
    ImpersonationEnded { to: String },
    /// A staff member without two-step verification asked for a console page of a group
    /// that requires it: sent to set it up.
    #[error("two-step verification required")]
    TwoStepRequired,
}

/// What the page of a disabled client account tells its users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisabledAccount {
    pub client: String,
    pub group: String,
    /// Whom to contact: the client's seller, else the group's owner (name, email).
    pub contact: Option<(String, String)>,
}

/// What a change of a deleted client answers (`Conflict`): its record is read-only.
pub const CLIENT_DELETED: &str = "the client was deleted";

impl AppError {
    /// A change of a deleted client, refused.
    pub fn client_deleted() -> Self {
        AppError::Conflict(CLIENT_DELETED.into())
    }

    /// The same kind of error, for drawing its page again (the causes are logged already
    /// and never shown, so they are not carried over).
    pub fn clone_for_page(&self) -> AppError {
        match self {
            AppError::NotFound => AppError::NotFound,
            AppError::Forbidden(why) => AppError::Forbidden(why),
            AppError::Invalid(e) => AppError::Invalid(e.clone()),
            AppError::Conflict(_) => AppError::Conflict(String::new()),
            AppError::CsrfRejected => AppError::CsrfRejected,
            AppError::SignInRequired { next } => AppError::SignInRequired { next: next.clone() },
            AppError::BadRequest(_) => AppError::BadRequest(String::new()),
            AppError::Database(_) => AppError::Database(String::new()),
            AppError::Unavailable(_) => AppError::Unavailable(String::new()),
            AppError::Internal(_) => AppError::Internal(String::new()),
            AppError::AccountDisabled(d) => AppError::AccountDisabled(d.clone()),
            AppError::NotWhileImpersonating => AppError::NotWhileImpersonating,
            AppError::ImpersonationEnded { to } => AppError::ImpersonationEnded { to: to.clone() },
            AppError::TwoStepRequired => AppError::TwoStepRequired,
        }
    }

    /// One field's error.
    pub fn invalid(field: &str, message: impl Into<crate::i18n::Msg>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        AppError::Invalid(errors)
    }
}

/// The unique indexes a person can run into, and the field each one is about: the index's
/// name (PostgreSQL reports it) and its table and key column (SQLite names those instead).
const UNIQUE_FIELDS: [(&str, &str, &str, &str); 6] = [
    (
        "accounts_parent_name_key",
        "accounts.name_key",
        "account_name",
        "error-name-taken-now",
    ),
    (
        "accounts_parent_unique_identifier_key",
        "accounts.unique_identifier_key",
        "unique_identifier",
        "error-identifier-taken-now",
    ),
    (
        "services_code",
        "services.code",
        "code",
        "error-service-code-taken",
    ),
    (
        "accounts_parent_custom_id_key",
        "accounts.custom_id_key",
        "custom_id",
        "error-custom-id-taken-now",
    ),
    // Two invitations of one address at once: the second finds the first.
    (
        "invitations_open",
        "invitations.account_id",
        "email",
        "error-invite-pending",
    ),
    (
        "users_email_key",
        "users.email",
        "email",
        "error-email-taken",
    ),
];

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, ref info) => {
                let constraint = info.constraint_name().unwrap_or_default();
                let message = info.message();
                UNIQUE_FIELDS
                    .iter()
                    .find(|(index, column, _, _)| constraint == *index || message.contains(column))
                    .map(|(_, _, field, text)| AppError::invalid(field, *text))
                    .unwrap_or_else(|| AppError::Database(e.to_string()))
            }
            // The server went away under a query: the database is unavailable (503), not
            // broken (500); the pool replaces the connection.
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                AppError::Unavailable(e.to_string())
            }
            other => AppError::Database(other.to_string()),
        }
    }
}

/// How an unavailable database reads in an error raised outside our handlers (the session
/// store's, which the session middleware answers as a bare 500): the page drawn is then
/// the 503.
pub const UNAVAILABLE_PREFIX: &str = "service unavailable:";

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The session store's errors are recognised by this text (`web::middleware`).
    #[test]
    fn an_unavailable_database_reads_with_its_prefix() {
        let e = AppError::Unavailable("timed out".into());
        assert!(e.to_string().starts_with(UNAVAILABLE_PREFIX));
        let wrapped = anyhow::Error::new(e);
        assert!(format!("{wrapped:?}").contains(UNAVAILABLE_PREFIX));
        let closed = Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection,
            Box::new("server closed the connection unexpectedly".to_owned()),
        );
        assert!(matches!(AppError::from(closed), AppError::Unavailable(_)));
    }
    use diesel::result::{DatabaseErrorInformation, DatabaseErrorKind, Error};

    struct Info {
        message: &'static str,
        constraint: Option<&'static str>,
    }

    impl DatabaseErrorInformation for Info {
        fn message(&self) -> &str {
            self.message
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            None
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            self.constraint
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    fn unique(message: &'static str, constraint: Option<&'static str>) -> AppError {
        Error::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new(Info {
                message,
                constraint,
            }),
        )
        .into()
    }

    fn field_of(e: AppError) -> Option<String> {
        match e {
            AppError::Invalid(errors) => ["account_name", "unique_identifier", "custom_id"]
                .into_iter()
                .find(|f| errors.has(f))
                .map(str::to_owned),
            _ => None,
        }
    }

    #[test]
    fn a_unique_violation_is_the_error_of_its_own_field() {
        // PostgreSQL names the index.
        let pg = |index| {
            unique(
                "duplicate key value violates unique constraint",
                Some(index),
            )
        };
        assert_eq!(
            field_of(pg("accounts_parent_name_key")).as_deref(),
            Some("account_name")
        );
        assert_eq!(
            field_of(pg("accounts_parent_unique_identifier_key")).as_deref(),
            Some("unique_identifier")
        );
        assert_eq!(
            field_of(pg("accounts_parent_custom_id_key")).as_deref(),
            Some("custom_id")
        );
        // SQLite names the columns.
        let lite = |message| unique(message, None);
        assert_eq!(
            field_of(lite(
                "UNIQUE constraint failed: accounts.parent_id, accounts.custom_id_key"
            ))
            .as_deref(),
            Some("custom_id")
        );
        assert_eq!(
            field_of(lite(
                "UNIQUE constraint failed: accounts.parent_id, accounts.unique_identifier_key"
            ))
            .as_deref(),
            Some("unique_identifier")
        );
        // Anything else stays a database error, and a missing row is not found.
        assert!(matches!(
            unique("UNIQUE constraint failed: tokens.token_hash", None),
            AppError::Database(_)
        ));
        assert!(matches!(
            AppError::from(Error::NotFound),
            AppError::NotFound
        ));
    }
}
