//! Making a group account with its owner: used by the first-run setup and by
//! `clientele create-group` (and later by "Add new account").

use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{FieldErrors, email_problem, single_line_problem, too_long};
use crate::models::account::{self, NewGroup};
use crate::models::membership;
use crate::models::user::{self, NewUser, normalize_email};
use crate::services::audit::{self, Actor, Changes};

pub const MAX_GROUP_NAME: usize = 100;

/// What a new group is made from.
pub struct NewGroupInput {
    pub name: String,
    pub owner_email: String,
    pub owner_first_name: String,
    pub owner_last_name: String,
    /// The owner's bcrypt hash when a new user is made with a password now.
    pub owner_password_hash: Option<String>,
    /// A new owner's language (the set-up page's; English from the command line).
    pub owner_language: Lang,
    /// Whether its owners see the installation's status page (`create-group --operator`);
    /// the first group always does.
    pub operator: bool,
}

pub struct GroupCreated {
    pub group_id: i64,
    pub owner_id: i64,
    /// False when the email belonged to an existing user, who became the owner.
    pub new_user: bool,
}

/// Checks the group name and the owner's email (trimmed); empty errors mean valid.
pub fn check_group_fields(name: &str, email: &str, errors: &mut FieldErrors) {
    let n = name.trim().chars().count();
    if n == 0 {
        errors.add("group_name", "error-enter-group-name");
    } else if let Some(problem) = single_line_problem(name) {
        errors.add("group_name", problem);
    } else if n > MAX_GROUP_NAME {
        errors.add("group_name", too_long(MAX_GROUP_NAME));
    }
    if email.trim().is_empty() {
        errors.add("email", "error-enter-an-email");
    } else if let Some(problem) = email_problem(&normalize_email(email)) {
        errors.add("email", problem);
    }
}

/// Creates the group, its owner (a new user, or the existing user with that email) and the
/// owner membership, with an audit event, in one transaction.
pub fn create_group(
    conn: &mut DbConn,
    input: &NewGroupInput,
    actor: &Actor,
) -> Result<GroupCreated, AppError> {
    db::write_tx(conn, |conn| {
        let now = db::now();
        let name = input.name.trim();
        let email = normalize_email(&input.owner_email);
        let group_id = account::insert_group(conn, &NewGroup::new(name, now))?;
        let (owner_id, new_user) = user::insert_or_find(
            conn,
            &NewUser {
                email: &email,
                first_name: input.owner_first_name.trim(),
                last_name: input.owner_last_name.trim(),
                language: input.owner_language.code(),
                password_hash: input.owner_password_hash.as_deref(),
                activated_at: input.owner_password_hash.as_ref().map(|_| now),
                created_at: now,
                updated_at: now,
            },
        )?;
        membership::add_owner(conn, group_id, owner_id, now)?;
        // The first group runs the installation: its owners see the status page; so do
        // those of a group made as an operator group, in the same transaction.
        if input.operator {
            crate::models::operations::add_operator_group(conn, group_id, now)?;
        } else {
            crate::models::operations::mark_if_first_group(conn, group_id, now)?;
        }
        let changes = Changes::new()
            .field("name", serde_json::Value::Null, name)
            .field("owner", serde_json::Value::Null, email.as_str());
        audit::record(
            conn,
            actor,
            Some(group_id),
            Some(group_id),
            "group.created",
            &changes,
        )?;
        Ok(GroupCreated {
            group_id,
            owner_id,
            new_user,
        })
    })
}
