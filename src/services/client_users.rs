//! The Users tab of a client in the group console (`/groups/{gid}/clients/{cid}/users`):
//! the client's users, and staff editing one of them — name, language, role (admin or
//! member, with a member's permissions; the owner stays the owner) and email. Staff invite
//! nobody here but a new owner, for a client that has none (SPEC §2); the client's own
//! users invite the others, from the client area (seed 002).
//!
//! A user is one person across every account they belong to, so an email change must not
//! let one group take over a person other groups know too, nor tell a group whether an
//! address has an account elsewhere:
//! - the owner named for a new client, still invited (or, from before invitations, an
//!   owner who never activated), is not a user of the client yet: their invitation moves
//!   to the new address at once, with a new link — nothing looks that address up;
//! - anyone else approves the change at their current address (an emailed link, 3 days),
//!   then proves they receive mail at the new one (a second link, sent there); only then
//!   does the address change, every session of theirs end and the old address hear of it.
//!   So no group can move a person — and the accounts and invitations they hold — to an
//!   address it controls, nor move an address it controls onto a person. Neither the
//!   console nor the person approving learns whether the new address has a user: only its
//!   own mailbox is told, when it opens its link.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::rights::{Action, ClientRole, Permissions};
use crate::auth::scope::StaffClientScope;
use crate::auth::tokens::{hash_token, new_token};
use crate::db::schema::{memberships, users};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{FieldErrors, check_person_name, email_problem};
use crate::mail::{Email, EmailKind, outbox};
use crate::models::account;
use crate::models::invitation::{self, Invitation};
use crate::models::membership;
use crate::models::seller_rank;
use crate::models::session;
use crate::models::token::{
    self, NewToken, PURPOSE_ACTIVATION, PURPOSE_EMAIL_CHANGE, PURPOSE_EMAIL_CONFIRM,
};
use crate::models::user::{self, User, normalize_email};
use crate::services::audit::{self, Actor, Changes};
use crate::services::invitations::{self, OwnerInvite};
use crate::services::people::{Person, people_of};
use crate::services::throttle;

/// How long a link to confirm a new address works.
pub const EMAIL_CHANGE_LIFETIME: chrono::Duration = chrono::Duration::days(3);

fn may(scope: &StaffClientScope) -> Result<(), AppError> {
    if scope.group().may(Action::EditClientUsers) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A deleted client's users keep their record, unchanged (`Conflict`).
fn may_change(conn: &mut DbConn, scope: &StaffClientScope) -> Result<(), AppError> {
    may(scope)?;
    if account::find(conn, scope.client_id().0)?
        .deleted_at
        .is_some()
    {
        return Err(AppError::client_deleted());
    }
    Ok(())
}

/// The Users tab: the client's users (owner first, then admins, then members, by name)
/// and the owner it was created with while still invited.
pub struct UsersTab {
    pub people: Vec<Person>,
    pub invited_owner: Option<Invitation>,
    /// The client was deleted: its users are shown as they were, nothing changes.
    pub deleted: bool,
}

impl UsersTab {
    /// Nobody owns the client, nor is invited to: the tab offers "Invite a new owner".
    pub fn needs_owner(&self) -> bool {
        self.invited_owner.is_none() && !self.people.iter().any(|p| p.role == "owner")
    }
}

pub fn list(conn: &mut DbConn, scope: &StaffClientScope) -> Result<UsersTab, AppError> {
    may(scope)?;
    let cid = scope.client_id().0;
    Ok(UsersTab {
        people: people_of(conn, cid)?,
        invited_owner: invitation::open_owner_invitation(conn, cid)?,
        deleted: account::find(conn, cid)?.deleted_at.is_some(),
    })
}

/// The owner the client was created with, still invited (`NotFound` when there is none).
pub fn invited_owner(conn: &mut DbConn, scope: &StaffClientScope) -> Result<Invitation, AppError> {
    may(scope)?;
    invitation::open_owner_invitation(conn, scope.client_id().0)?.ok_or(AppError::NotFound)
}

/// An owner as staff name them: the invited owner corrected, or a new owner invited.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InvitedOwnerForm {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
}

impl InvitedOwnerForm {
    /// The names and address checked (every field's message at once): the address as
    /// stored.
    fn checked_email(&self) -> Result<String, AppError> {
        let email = normalize_email(&self.email);
        let mut errors = FieldErrors::default();
        // Staff name someone else: "Enter the owner's first name", not "your".
        check_person_name(
            &mut errors,
            "first_name",
            &self.first_name,
            "error-enter-owner-first-name",
        );
        check_person_name(
            &mut errors,
            "last_name",
            &self.last_name,
            "error-enter-owner-last-name",
        );
        check_email(&mut errors, &email);
        if errors.is_empty() {
            Ok(email)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

/// Corrects the invited owner's name or address. A new address gets a new invitation (the
/// old link stops working), valid 14 days from now, with the same name and any password
/// staff set; nothing looks the address up.
pub fn save_invited_owner(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    form: &InvitedOwnerForm,
    actor: &Actor,
    base_url: &str,
) -> Result<Edited, AppError> {
    let email = form.checked_email()?;
    let (first, last) = (form.first_name.trim(), form.last_name.trim());
    let gid = scope.group().group_id().0;
    let cid = scope.client_id().0;
    db::write_tx(conn, |conn| {
        may_change(conn, scope)?;
        let inv = invited_owner(conn, scope)?;
        let changes = Changes::new()
            .field("first_name", inv.first_name.as_str(), first)
            .field("last_name", inv.last_name.as_str(), last)
            .field("email", inv.email.as_str(), email.as_str());
        if changes.is_empty() {
            return Ok(Edited::Unchanged);
        }
        let outcome = if email == inv.email {
            invitation::set_names(conn, inv.id, first, last)?;
            Edited::Saved
        } else {
            let preset = invitation::preset_password(conn, inv.id)?;
            invitation::close(conn, inv.id, invitation::Close::Revoked, db::now())?;
            let client = account::find(conn, cid)?;
            invitations::invite_owner(
                conn,
                &client,
                &OwnerInvite {
                    email: &email,
                    first_name: first,
                    last_name: last,
                    password_hash: preset.as_deref(),
                },
                actor.user_id,
                base_url,
            )?;
            Edited::EmailChanged(email.clone())
        };
        audit::record(conn, actor, Some(gid), Some(cid), "owner.changed", &changes)?;
        Ok(outcome)
    })
}

/// How "Invite a new owner" ended.
#[derive(Debug)]
pub enum OwnerInvited {
    /// The owner's invitation went to this address.
    Sent(String),
    /// The client has an owner, or one is invited already: nothing was sent.
    HasOwner,
}

/// Whether the client has nobody to own it: no owner (activated or not) and no open owner
/// invitation. Such a client offers "Invite a new owner".
/// A deleted client is read-only (`Conflict`).
pub fn needs_owner(conn: &mut DbConn, scope: &StaffClientScope) -> Result<bool, AppError> {
    may_change(conn, scope)?;
    let cid = scope.client_id().0;
    Ok(membership::owners_of(conn, &[cid])?.is_empty()
        && invitation::open_owner_invitation(conn, cid)?.is_none())
}

/// "Invite a new owner" (SPEC §2) for a client that has none — its owner's 14 days ran
/// out, or its owner left it some other way: exactly the invitation a new client's owner
/// gets ([`invitations::invite_owner`]: 14 days, a reminder on day 11, the same words
/// whether or not the address has a user, nothing looks it up), audited
/// `owner.invited`. Accepting it makes that person the owner. An open invitation of that
/// address to the client (as an admin or member) is revoked for it. A client that has an owner
/// or an open owner invitation is left as it is (`HasOwner`): two staff members inviting
/// at once send one invitation, the client's row being locked meanwhile.
pub fn invite_new_owner(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    form: &InvitedOwnerForm,
    actor: &Actor,
    base_url: &str,
) -> Result<OwnerInvited, AppError> {
    let email = form.checked_email()?;
    let gid = scope.group().group_id().0;
    let cid = scope.client_id().0;
    db::write_tx(conn, |conn| {
        may_change(conn, scope)?;
        db::lock_account(conn, cid)?;
        if !needs_owner(conn, scope)? {
            return Ok(OwnerInvited::HasOwner);
        }
        let client = account::find(conn, cid)?;
        // An open invitation of that address to this client (as an admin or a member, sent
        // by the client's users) gives way to the owner's: one open invitation an address.
        if let Some(earlier) = invitation::open_for(conn, cid, &email)? {
            invitations::revoke(conn, &client, earlier.id, actor)?;
        }
        invitations::invite_owner(
            conn,
            &client,
            &OwnerInvite {
                email: &email,
                first_name: form.first_name.trim(),
                last_name: form.last_name.trim(),
                password_hash: None,
            },
            actor.user_id,
            base_url,
        )?;
        let changes = Changes::new().field("owner", serde_json::Value::Null, email.as_str());
        audit::record(conn, actor, Some(gid), Some(cid), "owner.invited", &changes)?;
        Ok(OwnerInvited::Sent(email))
    })
}

fn check_names(errors: &mut FieldErrors, first: &str, last: &str) {
    check_person_name(errors, "first_name", first, "error-enter-first-name");
    check_person_name(errors, "last_name", last, "error-enter-last-name");
}

fn check_email(errors: &mut FieldErrors, email: &str) {
    if email.is_empty() {
        errors.add("email", "error-enter-an-email");
    } else if let Some(problem) = email_problem(email) {
        errors.add("email", problem);
    }
}

/// One user of the client, as the edit page shows them.
pub struct ClientUser {
    pub person: Person,
    pub language: String,
    /// An email change waits for them to confirm it: the new address.
    pub pending_email: Option<String>,
}

/// The user `user_id` of the client (another client's user, or none: `NotFound`).
pub fn find(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    user_id: i64,
) -> Result<ClientUser, AppError> {
    may(scope)?;
    let person = people_of(conn, scope.client_id().0)?
        .into_iter()
        .find(|p| p.user_id == user_id)
        .ok_or(AppError::NotFound)?;
    let u = user::find(conn, user_id)?;
    // Only a change this client's staff asked for: another account's is none of theirs.
    let pending_email = token::open_for(
        conn,
        PURPOSE_EMAIL_CHANGE,
        user_id,
        scope.client_id().0,
        db::now(),
    )?
    .and_then(|t| t.email);
    Ok(ClientUser {
        person,
        language: u.language,
        pending_email,
    })
}

/// The edit form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct UserForm {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub role: String,
    pub perm_account: Option<String>,
    pub perm_services: Option<String>,
    pub perm_users: Option<String>,
    pub perm_billing: Option<String>,
}

impl UserForm {
    pub fn of(u: &ClientUser) -> Self {
        let p = Permissions::parse(&u.person.permissions);
        let on = |b: bool| b.then(|| "on".to_owned());
        UserForm {
            first_name: u.person.first_name.clone(),
            last_name: u.person.last_name.clone(),
            email: u.person.email.clone(),
            language: u.language.clone(),
            role: u.person.role.clone(),
            perm_account: on(p.account),
            perm_services: on(p.services),
            perm_users: on(p.users),
            perm_billing: on(p.billing),
        }
    }

    pub fn permissions(&self) -> Permissions {
        Permissions {
            account: self.perm_account.is_some(),
            services: self.perm_services.is_some(),
            users: self.perm_users.is_some(),
            billing: self.perm_billing.is_some(),
        }
    }
}

/// How a save ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Edited {
    Saved,
    Unchanged,
    /// The user took the new address at once; a new link went to it.
    EmailChanged(String),
    /// The user was asked, at their current address, to confirm the new one.
    EmailConfirmationSent {
        old: String,
        new: String,
    },
}

/// Saves the edit form of one of the client's users.
pub fn save(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    user_id: i64,
    form: &UserForm,
    actor: &Actor,
    base_url: &str,
) -> Result<Edited, AppError> {
    may(scope)?;
    let email = normalize_email(&form.email);
    let mut errors = FieldErrors::default();
    check_names(&mut errors, &form.first_name, &form.last_name);
    check_email(&mut errors, &email);
    let lang = Lang::parse(&form.language);
    if lang.is_none() {
        errors.add("language", "error-choose-language");
    }
    let gid = scope.group().group_id().0;
    let cid = scope.client_id().0;
    db::write_tx(conn, |conn| {
        may_change(conn, scope)?;
        let current = find(conn, scope, user_id)?;
        let is_owner = current.person.role == "owner";
        // The owner stays the owner (ownership moves only by a transfer).
        let role = if is_owner {
            "owner"
        } else {
            form.role.as_str()
        };
        if !is_owner && ClientRole::parse(role).is_none_or(|r| r == ClientRole::Owner) {
            errors.add("role", "error-choose-role");
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let perms = if role == "member" {
            form.permissions().to_stored()
        } else {
            String::new()
        };
        let (first, last) = (form.first_name.trim(), form.last_name.trim());
        let lang = lang.unwrap_or_default().code();
        let now = db::now();
        let mut outcome = Edited::Unchanged;
        let person = Changes::new()
            .field("first_name", current.person.first_name.as_str(), first)
            .field("last_name", current.person.last_name.as_str(), last)
            .field("language", current.language.as_str(), lang);
        if !person.is_empty() {
            user::set_person(conn, user_id, first, last, lang, now)?;
            seller_rank::rank_groups_of_user(conn, user_id)?;
            let person = person.field(
                "user",
                serde_json::Value::Null,
                current.person.email.as_str(),
            );
            audit::record(conn, actor, Some(gid), Some(cid), "user.changed", &person)?;
            outcome = Edited::Saved;
        }
        let membership = Changes::new()
            .field("role", current.person.role.as_str(), role)
            .field(
                "permissions",
                current.person.permissions.as_str(),
                perms.as_str(),
            );
        if !is_owner && !membership.is_empty() {
            membership::set_role(conn, cid, user_id, role, &perms, now)?;
            let membership = membership.field(
                "user",
                serde_json::Value::Null,
                current.person.email.as_str(),
            );
            audit::record(
                conn,
                actor,
                Some(gid),
                Some(cid),
                "member.changed",
                &membership,
            )?;
            outcome = Edited::Saved;
        }
        if email != current.person.email {
            outcome = change_email(conn, scope, &current, &email, actor, base_url, now)?;
        }
        Ok(outcome)
    })
}

/// The email part of a save (see the module's rules).
fn change_email(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    current: &ClientUser,
    new: &str,
    actor: &Actor,
    base_url: &str,
    now: NaiveDateTime,
) -> Result<Edited, AppError> {
    let gid = scope.group().group_id().0;
    let cid = scope.client_id().0;
    let u = user::find(conn, current.person.user_id)?;
    let old = u.email.clone();
    let audit_change = Changes::new().field("email", old.as_str(), new);
    if u.activated_at.is_none() && current.person.role == "owner" {
        // An owner who never activated (from before owners were invited) is not the
        // client's user yet: they become an invitation to the new address, like a new
        // client's owner; the placeholder goes when it has nothing else.
        let client = account::find(conn, cid)?;
        membership::delete(conn, cid, u.id)?;
        token::void_for(conn, PURPOSE_ACTIVATION, u.id, cid, now)?;
        if membership::count_for_user(conn, u.id)? == 0 {
            diesel::delete(
                users::table
                    .find(u.id)
                    .filter(users::activated_at.is_null()),
            )
            .execute(conn)?;
        }
        invitations::invite_owner(
            conn,
            &client,
            &OwnerInvite {
                email: new,
                first_name: &u.first_name,
                last_name: &u.last_name,
                password_hash: None,
            },
            actor.user_id,
            base_url,
        )?;
        audit::record(
            conn,
            actor,
            Some(gid),
            Some(cid),
            "owner.changed",
            &audit_change,
        )?;
        return Ok(Edited::EmailChanged(new.to_owned()));
    }
    // Ask the person, at the address they use now. This client's earlier request stops
    // working; another account's is left alone.
    token::void_for(conn, PURPOSE_EMAIL_CHANGE, u.id, cid, now)?;
    token::void_for(conn, PURPOSE_EMAIL_CONFIRM, u.id, cid, now)?;
    change_link(
        conn,
        PURPOSE_EMAIL_CHANGE,
        &u,
        cid,
        new,
        &old,
        |token| EmailKind::EmailChangeConfirm {
            first_name: u.first_name.clone(),
            new_email: new.to_owned(),
            group_name: scope.group().group_name().to_owned(),
            token,
        },
        Some(gid),
        base_url,
    )?;
    audit::record(
        conn,
        actor,
        Some(gid),
        Some(cid),
        "user.email_change_requested",
        &audit_change,
    )?;
    Ok(Edited::EmailConfirmationSent {
        old,
        new: new.to_owned(),
    })
}

/// Where an email change stands, as its link shows it: asked at the current address
/// (the person approves), or sent to the new one (the person proves they receive mail
/// there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeStep {
    Approve,
    Confirm,
}

/// What a link of an email change leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailChange {
    Valid {
        user_id: i64,
        account_id: i64,
        old: String,
        new: String,
        step: ChangeStep,
    },
    Used,
    Expired,
    Unknown,
}

pub fn email_change(conn: &mut DbConn, secret: &str) -> Result<EmailChange, AppError> {
    let hash = hash_token(secret);
    let (t, step) = match token::find_by_hash(conn, PURPOSE_EMAIL_CHANGE, &hash)? {
        Some(t) => (t, ChangeStep::Approve),
        None => match token::find_by_hash(conn, PURPOSE_EMAIL_CONFIRM, &hash)? {
            Some(t) => (t, ChangeStep::Confirm),
            None => return Ok(EmailChange::Unknown),
        },
    };
    if t.used_at.is_some() {
        return Ok(EmailChange::Used);
    }
    if t.expires_at <= db::now() {
        return Ok(EmailChange::Expired);
    }
    let (Some(user_id), Some(account_id), Some(new)) = (t.user_id, t.account_id, t.email) else {
        return Ok(EmailChange::Unknown);
    };
    let Some(u) = user::find(conn, user_id).optional()? else {
        return Ok(EmailChange::Unknown);
    };
    // Asked by a client's staff: it holds while the person is still that client's user
    // and the client is not deleted.
    let still_member = membership::role_in(conn, account_id, user_id)?.is_some();
    let deleted = account::find(conn, account_id)?.deleted_at.is_some();
    if !still_member || deleted || u.disabled_at.is_some() {
        return Ok(EmailChange::Unknown);
    }
    Ok(EmailChange::Valid {
        user_id,
        account_id,
        old: u.email,
        new,
        step,
    })
}

/// Issues a link of an email change and queues its email.
#[allow(clippy::too_many_arguments)]
fn change_link(
    conn: &mut DbConn,
    purpose: &'static str,
    u: &User,
    account_id: i64,
    new: &str,
    to: &str,
    kind: impl FnOnce(String) -> EmailKind,
    group_id: Option<i64>,
    base_url: &str,
) -> Result<(), AppError> {
    let now = db::now();
    let secret = new_token();
    token::insert(
        conn,
        &NewToken {
            purpose,
            token_hash: &hash_token(&secret),
            user_id: Some(u.id),
            email: Some(new),
            account_id: Some(account_id),
            created_at: now,
            expires_at: now + EMAIL_CHANGE_LIFETIME,
        },
    )?;
    outbox::enqueue(
        conn,
        base_url,
        &Email {
            to: to.to_owned(),
            lang: Lang::from_code(&u.language),
            kind: kind(secret),
            group_id,
        },
    )?;
    Ok(())
}

/// The person approved the change at their current address: a link goes to the new one,
/// which they open to prove they receive mail there. Nothing looks the new address up,
/// so the answer is the same whether or not it has a user. Returns the new address.
pub fn approve_email_change(
    conn: &mut DbConn,
    secret: &str,
    base_url: &str,
    ip: Option<String>,
) -> Result<Result<String, EmailChange>, AppError> {
    db::write_tx(conn, |conn| {
        let state = email_change(conn, secret)?;
        let EmailChange::Valid {
            user_id,
            account_id,
            ref old,
            ref new,
            step: ChangeStep::Approve,
        } = state
        else {
            return Ok(Err(state));
        };
        let now = db::now();
        if !token::spend(conn, PURPOSE_EMAIL_CHANGE, &hash_token(secret), now)? {
            return Ok(Err(EmailChange::Used));
        }
        let u = user::find(conn, user_id)?;
        token::void_for(conn, PURPOSE_EMAIL_CONFIRM, user_id, account_id, now)?;
        change_link(
            conn,
            PURPOSE_EMAIL_CONFIRM,
            &u,
            account_id,
            new,
            new,
            |token| EmailKind::EmailAddressConfirm {
                first_name: u.first_name.clone(),
                token,
            },
            // The person's own mail: no group's "Email problems" lists it.
            None,
            base_url,
        )?;
        let group = account::find(conn, account_id)?.parent_id;
        audit::record(
            conn,
            &Actor::user(user_id, old, ip),
            group,
            Some(account_id),
            "user.email_change_approved",
            &Changes::new().field("email", old.as_str(), new.as_str()),
        )?;
        Ok(Ok(new.clone()))
    })
}

/// How the last step of an email change ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// The address changed; every session of the user ended; the old address was told.
    Changed { new: String },
    /// The new address has a user of its own: nothing changed. Only the new address's
    /// mailbox, which opened the link, is told.
    Taken { new: String },
    /// The link is dead (or not this step's).
    Dead(EmailChange),
}

/// The person opened the link sent to the new address: the address changes.
pub fn confirm_email_change(
    conn: &mut DbConn,
    secret: &str,
    base_url: &str,
    ip: Option<String>,
) -> Result<Confirmed, AppError> {
    db::write_tx(conn, |conn| {
        let state = email_change(conn, secret)?;
        let EmailChange::Valid {
            user_id,
            old,
            new,
            step: ChangeStep::Confirm,
            ..
        } = state.clone()
        else {
            return Ok(Confirmed::Dead(state));
        };
        let now = db::now();
        if !token::spend(conn, PURPOSE_EMAIL_CONFIRM, &hash_token(secret), now)? {
            return Ok(Confirmed::Dead(EmailChange::Used));
        }
        if user::find_by_email(conn, &new)?.is_some() {
            return Ok(Confirmed::Taken { new });
        }
        let u: User = user::find(conn, user_id)?;
        user::set_email(conn, user_id, &new, now)?;
        seller_rank::rank_groups_of_user(conn, user_id)?;
        // Every other change of this person's address, asked by any account, is void now.
        token::spend_all_of_user(conn, PURPOSE_EMAIL_CHANGE, user_id, now)?;
        token::spend_all_of_user(conn, PURPOSE_EMAIL_CONFIRM, user_id, now)?;
        session::delete_for_user(conn, user_id)?;
        throttle::clear(conn, &old)?;
        outbox::enqueue(
            conn,
            base_url,
            &Email {
                to: old.clone(),
                lang: Lang::from_code(&u.language),
                kind: EmailKind::EmailChanged {
                    first_name: u.first_name.clone(),
                    new_email: new.clone(),
                },
                group_id: None,
            },
        )?;
        // Every account of theirs sees it in its history: the person changed it.
        let accounts: Vec<(i64, Option<i64>)> = memberships::table
            .inner_join(crate::db::schema::accounts::table)
            .filter(memberships::user_id.eq(user_id))
            .select((
                crate::db::schema::accounts::id,
                crate::db::schema::accounts::parent_id,
            ))
            .load(conn)?;
        let changes = Changes::new().field("email", old.as_str(), new.as_str());
        let actor = Actor::user(user_id, &new, ip);
        for (account_id, parent) in accounts {
            audit::record(
                conn,
                &actor,
                Some(parent.unwrap_or(account_id)),
                Some(account_id),
                "user.email_changed",
                &changes,
            )?;
        }
        Ok(Confirmed::Changed { new })
    })
}

/// The job: links of email changes that expired a day ago or more open nothing.
pub fn sweep(conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    let before = now - chrono::Duration::days(1);
    Ok(token::delete_old(conn, PURPOSE_EMAIL_CHANGE, before)?
        + token::delete_old(conn, PURPOSE_EMAIL_CONFIRM, before)?)
}
