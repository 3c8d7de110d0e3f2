//! A person's own account (`/profile`): their name and language, their password (the
//! current one proves it is them; every other session ends; their API tokens stay or go,
//! as they choose), signing out everywhere (their API tokens are revoked too), and
//! "Add new account" (a new group they own). Each change is audited under the person,
//! never with a secret.

use crate::config::NewAccounts;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{FieldErrors, check_person_name};
use crate::models::account::KIND_GROUP;
use crate::models::audit as audit_rows;
use crate::models::membership;
use crate::models::session;
use crate::models::user::{self, User};
use crate::services::audit::{self, Actor, Changes};
use crate::services::groups::{self, NewGroupInput};
use crate::services::users as sign_ins;

/// The details form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub language: String,
}

impl DetailsForm {
    pub fn of(u: &User) -> Self {
        DetailsForm {
            first_name: u.first_name.clone(),
            last_name: u.last_name.clone(),
            language: u.language.clone(),
        }
    }
}

/// Saves the user's name and language; false when nothing changed.
pub fn save_details(
    conn: &mut DbConn,
    user_id: i64,
    form: &DetailsForm,
    actor: &Actor,
) -> Result<bool, AppError> {
    let mut errors = FieldErrors::default();
    check_person_name(
        &mut errors,
        "first_name",
        &form.first_name,
        "error-enter-first-name",
    );
    check_person_name(
        &mut errors,
        "last_name",
        &form.last_name,
        "error-enter-last-name",
    );
    let lang = Lang::parse(&form.language);
    if lang.is_none() {
        errors.add("language", "error-choose-language");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (first, last) = (form.first_name.trim(), form.last_name.trim());
    let lang = lang.unwrap_or_default().code();
    db::write_tx(conn, |conn| {
        let u = user::find(conn, user_id)?;
        let changes = Changes::new()
            .field("first_name", u.first_name.as_str(), first)
            .field("last_name", u.last_name.as_str(), last)
            .field("language", u.language.as_str(), lang);
        if changes.is_empty() {
            return Ok(false);
        }
        user::set_person(conn, user_id, first, last, lang, db::now())?;
        crate::models::seller_rank::rank_groups_of_user(conn, user_id)?;
        audit::record(conn, actor, None, None, "user.profile_changed", &changes)?;
        Ok(true)
    })
}

/// What becomes of the person's API tokens when they change their password (the form
/// asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiTokens {
    Keep,
    Revoke,
}

/// Sets a new password (the caller checked the current one). Every session of the user
/// ends; the caller signs the current browser in again. Their API tokens are kept or
/// revoked, as they chose.
pub fn change_password(
    conn: &mut DbConn,
    user_id: i64,
    password_hash: &str,
    tokens: ApiTokens,
    actor: &Actor,
) -> Result<(), AppError> {
    db::write_tx(conn, |conn| {
        sign_ins::set_password(conn, user_id, password_hash, db::now())?;
        audit::record(
            conn,
            actor,
            None,
            None,
            "user.password_changed",
            &Changes::new(),
        )?;
        if tokens == ApiTokens::Revoke {
            crate::services::api::revoke_all_tokens(conn, user_id, actor)?;
        }
        Ok(())
    })
}

/// Ends every session of the user, this browser's too, and revokes their API tokens.
/// Returns how many sessions ended.
pub fn sign_out_everywhere(
    conn: &mut DbConn,
    user_id: i64,
    actor: &Actor,
) -> Result<usize, AppError> {
    db::write_tx(conn, |conn| {
        // First, so that a token being made under one of these sessions waits, and then
        // finds its session gone (`api::create_token`).
        db::lock_user(conn, user_id)?;
        let n = session::delete_for_user(conn, user_id)?;
        crate::services::impersonation::end_by_staff(
            conn,
            user_id,
            None,
            crate::auth::impersonation::Ending::SignOut,
            actor,
        )?;
        crate::services::api::revoke_all_tokens(conn, user_id, actor)?;
        audit::record(
            conn,
            actor,
            None,
            None,
            "user.signed_out_everywhere",
            &Changes::new(),
        )?;
        Ok(n)
    })
}

/// At most this many new groups a person makes from the profile in any 24 hours.
pub const NEW_ACCOUNTS_A_DAY: i64 = 10;

/// Why "Add new account" is not offered to a person now (the profile says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOffered {
    /// `NEW_ACCOUNTS=nobody`: the operator makes groups.
    Nobody,
    /// `NEW_ACCOUNTS=staff` and the person is no group's staff (a client's user).
    StaffOnly,
    /// They made [`NEW_ACCOUNTS_A_DAY`] groups in the last 24 hours.
    DailyLimit,
}

impl NotOffered {
    /// The catalogue key of the profile's sentence.
    pub fn message_key(self) -> &'static str {
        match self {
            NotOffered::Nobody => "profile-add-account-nobody",
            NotOffered::StaffOnly => "profile-add-account-staff-only",
            NotOffered::DailyLimit => "profile-add-account-limit",
        }
    }
}

/// The rule of "Add new account": the operator's setting, whether the person is staff of
/// a group, and how many groups they made in the last 24 hours.
pub fn new_account_rule(
    policy: NewAccounts,
    is_staff: bool,
    made_in_a_day: i64,
) -> Result<(), NotOffered> {
    match policy {
        NewAccounts::Nobody => Err(NotOffered::Nobody),
        NewAccounts::Staff if !is_staff => Err(NotOffered::StaffOnly),
        _ if made_in_a_day >= NEW_ACCOUNTS_A_DAY => Err(NotOffered::DailyLimit),
        _ => Ok(()),
    }
}

/// Whether "Add new account" is offered to this person now: staff of a group (their
/// memberships), and how many groups they made in the last 24 hours (their
/// `group.created` events: handing a group's ownership to someone else does not take it
/// out of the count).
pub fn may_add_account(
    conn: &mut DbConn,
    person: &User,
    policy: NewAccounts,
) -> Result<Result<(), NotOffered>, AppError> {
    if policy == NewAccounts::Nobody {
        return Ok(Err(NotOffered::Nobody));
    }
    let is_staff = membership::of_user(conn, person.id)?
        .iter()
        .any(|m| m.account_kind == KIND_GROUP);
    let since = db::now() - chrono::Duration::hours(24);
    let made = audit_rows::count_groups_made_since(conn, person.id, since)?;
    Ok(new_account_rule(policy, is_staff, made))
}

/// How "Add new account" ended.
#[derive(Debug)]
pub enum AccountAdded {
    /// The new group's id.
    Added(i64),
    NotOffered(NotOffered),
}

/// "Add new account": a new group owned by the person, when the operator's setting and
/// the daily bound allow it (checked again here, with the person's row locked, so that
/// requests at once cannot pass the bound together). The creation is audited
/// (`group.created`, under the person: what the bound counts).
pub fn add_account(
    conn: &mut DbConn,
    owner: &User,
    name: &str,
    policy: NewAccounts,
    actor: &Actor,
) -> Result<AccountAdded, AppError> {
    let mut errors = FieldErrors::default();
    groups::check_group_fields(name, &owner.email, &mut errors);
    db::write_tx(conn, |conn| {
        db::lock_user(conn, owner.id)?;
        if let Err(why) = may_add_account(conn, owner, policy)? {
            return Ok(AccountAdded::NotOffered(why));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let created = groups::create_group(
            conn,
            &NewGroupInput {
                name: name.to_owned(),
                owner_email: owner.email.clone(),
                owner_first_name: owner.first_name.clone(),
                owner_last_name: owner.last_name.clone(),
                owner_password_hash: None,
                owner_language: Lang::from_code(&owner.language),
                operator: false,
            },
            actor,
        )?;
        Ok(AccountAdded::Added(created.group_id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_add_an_account_and_how_many_a_day() {
        use NewAccounts::*;
        use NotOffered as N;
        // (setting, staff of a group, made in the last 24 hours, answer)
        let cases = [
            (Everyone, false, 0, Ok(())),
            (Everyone, true, 9, Ok(())),
            (Everyone, false, 10, Err(N::DailyLimit)),
            (Staff, true, 0, Ok(())),
            (Staff, true, 9, Ok(())),
            (Staff, true, 10, Err(N::DailyLimit)),
            (Staff, true, 25, Err(N::DailyLimit)),
            (Staff, false, 0, Err(N::StaffOnly)),
            // The setting is said before the count.
            (Staff, false, 10, Err(N::StaffOnly)),
            (Nobody, true, 0, Err(N::Nobody)),
            (Nobody, false, 10, Err(N::Nobody)),
        ];
        for (policy, staff, made, expected) in cases {
            assert_eq!(
                new_account_rule(policy, staff, made),
                expected,
                "{policy:?} staff={staff} made={made}"
            );
        }
    }
}
