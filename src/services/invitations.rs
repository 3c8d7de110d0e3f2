//! An invitation's life: sent (with its email, through the outbox), resent (a new link,
//! the old one void, at most once a minute), revoked, accepted by the person it was sent to
//! (signed in with that email, or a new user choosing a name and password), declined, or
//! expired by the job after 7 days. Each step is one transaction and is audited.
//!
//! An invitation is bound to the invited address: a signed-in user with another email
//! cannot accept it, and a new user accepting it gets exactly that address.

use chrono::NaiveDateTime;

use crate::auth::tokens::{hash_token, new_token};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Email, EmailKind, outbox};
use crate::models::account::{self, Account, KIND_CLIENT};
use crate::models::invitation::{self as rows, Close, Invitation, InvitationState, NewInvitation};
use crate::models::membership::{self, NewMembership};
use crate::models::user::{self, NewUser, User};
use crate::services::audit::{self, Actor, Changes};

/// How long an invitation link is valid.
pub const INVITATION_LIFETIME: chrono::Duration = chrono::Duration::days(7);
/// The owner named for a new client is invited (when the address has a user) for as long
/// as an activation link lasts: the console shows both as "owner pending" with the same
/// days left, so it cannot tell a known address from a new one.
pub const OWNER_INVITATION_LIFETIME: chrono::Duration = crate::models::token::ACTIVATION_LIFETIME;

/// How long a link of an invitation to this role is valid.
pub fn lifetime(role: &str) -> chrono::Duration {
    if role == ROLE_OWNER {
        OWNER_INVITATION_LIFETIME
    } else {
        INVITATION_LIFETIME
    }
}

/// The role of the invitation a new client's owner gets when their address has a user;
/// nobody else is ever invited as an owner.
pub const ROLE_OWNER: &str = "owner";
/// The shortest time between two sends of one invitation.
pub const RESEND_INTERVAL: chrono::Duration = chrono::Duration::minutes(1);

/// The group an account belongs to (itself for a group), for the audit and the outbox.
pub fn group_of(a: &Account) -> i64 {
    a.parent_id.unwrap_or(a.id)
}

/// What is needed to write an invitation.
pub struct NewInvite<'a> {
    pub account: &'a Account,
    /// Lower-cased, checked.
    pub email: &'a str,
    pub role: &'a str,
    pub permissions: &'a str,
    /// Who invites, as the email names them.
    pub inviter_name: &'a str,
    /// The email's language when the address has no user yet.
    pub fallback_lang: Lang,
}

/// Writes an invitation and queues its email. The caller checked that the inviter may,
/// that the address is not a member already and has no open invitation (the partial
/// unique index refuses a second one anyway). Returns its id.
pub fn send(
    conn: &mut DbConn,
    invite: &NewInvite,
    actor: &Actor,
    base_url: &str,
) -> Result<i64, AppError> {
    let now = db::now();
    let secret = new_token();
    let id = rows::insert(
        conn,
        &NewInvitation {
            account_id: invite.account.id,
            email: invite.email,
            role: invite.role,
            permissions: invite.permissions,
            token_hash: &hash_token(&secret),
            invited_by: actor.user_id,
            created_at: now,
            sent_at: now,
            expires_at: now + lifetime(invite.role),
            first_name: "",
            last_name: "",
            password_hash: None,
        },
    )?;
    queue_email(
        conn,
        invite.account,
        &Invitee {
            email: invite.email,
            role: invite.role,
            permissions: invite.permissions,
            first_name: "",
            preset_password: false,
        },
        invite.inviter_name,
        invite.fallback_lang,
        &secret,
        base_url,
    )?;
    let changes = Changes::new()
        .field("email", serde_json::Value::Null, invite.email)
        .field("role", serde_json::Value::Null, invite.role)
        .field("permissions", serde_json::Value::Null, invite.permissions);
    audit::record(
        conn,
        actor,
        Some(group_of(invite.account)),
        Some(invite.account.id),
        "invitation.sent",
        &changes,
    )?;
    Ok(id)
}

/// Whom an invitation's email goes to.
struct Invitee<'a> {
    email: &'a str,
    role: &'a str,
    /// A member's permissions (stored form), named in the email.
    permissions: &'a str,
    /// The name staff typed for a new client's owner ("" otherwise).
    first_name: &'a str,
    /// Staff set a sign-in password for a new client's owner.
    preset_password: bool,
}

fn queue_email(
    conn: &mut DbConn,
    account: &Account,
    invitee: &Invitee,
    inviter_name: &str,
    fallback_lang: Lang,
    secret: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let kind = if invitee.role == ROLE_OWNER {
        // The owner named for a new client: the group invites them to own it. One email
        // whether or not the address has a user (it says what each does), in the client's
        // language, like every automatic email of the client.
        let group_name = match account.parent_id {
            Some(gid) => account::find(conn, gid)?.name,
            None => account.name.clone(),
        };
        EmailKind::OwnerInvitation {
            first_name: invitee.first_name.to_owned(),
            client_name: account.name.clone(),
            group_name,
            token: secret.to_owned(),
            preset_password: invitee.preset_password,
        }
    } else {
        EmailKind::Invitation {
            inviter: inviter_name.to_owned(),
            account_name: account.name.clone(),
            role: invitee.role.to_owned(),
            permissions: invitee.permissions.to_owned(),
            token: secret.to_owned(),
        }
    };
    let lang = if invitee.role == ROLE_OWNER {
        Lang::from_code(&account.language)
    } else {
        // The invitee's own language when they have a user; the client's, else the
        // inviter's.
        match user::find_by_email(conn, invitee.email)? {
            Some(u) => Lang::from_code(&u.language),
            None if account.kind == KIND_CLIENT => Lang::from_code(&account.language),
            None => fallback_lang,
        }
    };
    outbox::enqueue(
        conn,
        base_url,
        &Email {
            to: invitee.email.to_owned(),
            lang,
            kind,
            group_id: Some(group_of(account)),
        },
    )?;
    Ok(())
}

/// The owner a new client is created with, as staff named them.
pub struct OwnerInvite<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    /// The bcrypt hash of a sign-in password staff set (used if the invitee is new).
    pub password_hash: Option<&'a str>,
}

/// Invites the owner named for a new client (SPEC §2), always the same way, whether or
/// not the address already has a user: an open invitation with the role `owner`, valid as
/// long as an activation link (14 days), and its email. Nothing here looks the address
/// up, so neither the answer nor its timing depends on it. Accepting it (by link or in the
/// app) is the owner's activation: an address with a user signs in, a new one chooses a
/// password (or confirms the one staff set). The caller audits the creation of the
/// client, which names the owner.
pub fn invite_owner(
    conn: &mut DbConn,
    client: &Account,
    owner: &OwnerInvite,
    invited_by: Option<i64>,
    base_url: &str,
) -> Result<i64, AppError> {
    let now = db::now();
    let secret = new_token();
    let id = rows::insert(
        conn,
        &NewInvitation {
            account_id: client.id,
            email: owner.email,
            role: ROLE_OWNER,
            permissions: "",
            token_hash: &hash_token(&secret),
            invited_by,
            created_at: now,
            sent_at: now,
            expires_at: now + OWNER_INVITATION_LIFETIME,
            first_name: owner.first_name,
            last_name: owner.last_name,
            password_hash: owner.password_hash,
        },
    )?;
    queue_email(
        conn,
        client,
        &Invitee {
            email: owner.email,
            role: ROLE_OWNER,
            permissions: "",
            first_name: owner.first_name,
            preset_password: owner.password_hash.is_some(),
        },
        "",
        Lang::from_code(&client.language),
        &secret,
        base_url,
    )?;
    Ok(id)
}

/// A step of an invitation that the audit names.
#[derive(Clone, Copy)]
enum Step {
    Resent,
    Accepted,
    Expired,
}

/// The audit's name and changes for a step of an invitation. An owner's invitation is
/// recorded in the words of an owner's activation (resent, activated, expired: the owner's
/// address, nothing else), so a group's history never tells whether the owner it named
/// already had a user.
fn audit_of(inv: &Invitation, step: Step, role: &str) -> (&'static str, Changes) {
    let email = inv.email.as_str();
    let none = serde_json::Value::Null;
    if inv.role == ROLE_OWNER {
        return match step {
            Step::Resent => (
                "owner.activation_resent",
                Changes::new().field("owner", none, email),
            ),
            Step::Accepted => ("owner.activated", Changes::new()),
            Step::Expired => (
                "owner.activation_expired",
                Changes::new().field("owner", email, none),
            ),
        };
    }
    match step {
        Step::Resent => (
            "invitation.resent",
            Changes::new().field("email", none, email),
        ),
        Step::Accepted => (
            "invitation.accepted",
            Changes::new()
                .field("email", none.clone(), email)
                .field("role", none, role),
        ),
        Step::Expired => (
            "invitation.expired",
            Changes::new().field("email", email, none),
        ),
    }
}

/// Why a resend was refused when the invitation is open: it was sent less than a minute
/// ago (any other conflict: it is closed).
pub const RESENT_TOO_SOON: &str = "resent less than a minute ago";

/// Sends an open invitation again with a new link (the old one stops working) valid 7
/// days from now. At most once a minute: a second resend within it is a `Conflict`.
pub fn resend(
    conn: &mut DbConn,
    account: &Account,
    invitation_id: i64,
    inviter_name: &str,
    fallback_lang: Lang,
    actor: &Actor,
    base_url: &str,
) -> Result<Invitation, AppError> {
    db::write_tx(conn, |conn| {
        let inv = of_account(conn, account, invitation_id)?;
        let now = db::now();
        if inv.state(now) == InvitationState::Accepted
            || inv.declined_at.is_some()
            || inv.revoked_at.is_some()
        {
            return Err(AppError::Conflict("the invitation is closed".into()));
        }
        let secret = new_token();
        // An expired one (not yet closed by the job) may be sent again too.
        if !rows::replace_link(
            conn,
            inv.id,
            &hash_token(&secret),
            now,
            now + lifetime(&inv.role),
            now - RESEND_INTERVAL,
        )? {
            return Err(AppError::Conflict(RESENT_TOO_SOON.into()));
        }
        let preset_password = rows::preset_password(conn, inv.id)?.is_some();
        queue_email(
            conn,
            account,
            &Invitee {
                email: &inv.email,
                role: &inv.role,
                permissions: &inv.permissions,
                first_name: &inv.first_name,
                preset_password,
            },
            inviter_name,
            fallback_lang,
            &secret,
            base_url,
        )?;
        let (action, changes) = audit_of(&inv, Step::Resent, &inv.role);
        audit::record(
            conn,
            actor,
            Some(group_of(account)),
            Some(account.id),
            action,
            &changes,
        )?;
        Ok(inv)
    })
}

/// Revokes an open invitation: its link opens nothing any more.
pub fn revoke(
    conn: &mut DbConn,
    account: &Account,
    invitation_id: i64,
    actor: &Actor,
) -> Result<Invitation, AppError> {
    db::write_tx(conn, |conn| {
        let inv = of_account(conn, account, invitation_id)?;
        if !rows::close(conn, inv.id, Close::Revoked, db::now())? {
            return Err(AppError::Conflict("the invitation is closed".into()));
        }
        audit::record(
            conn,
            actor,
            Some(group_of(account)),
            Some(account.id),
            "invitation.revoked",
            &Changes::new().field("email", inv.email.as_str(), serde_json::Value::Null),
        )?;
        Ok(inv)
    })
}

/// The invitation, if it belongs to this account (another account's id is `NotFound`).
pub fn of_account(conn: &mut DbConn, account: &Account, id: i64) -> Result<Invitation, AppError> {
    let inv = rows::find(conn, id)?;
    if inv.account_id != account.id {
        return Err(AppError::NotFound);
    }
    Ok(inv)
}

/// An invitation as its link (or the chooser) shows it.
#[derive(Debug, Clone)]
pub struct Open {
    pub invitation: Invitation,
    pub account_name: String,
    pub account_kind: String,
    /// Whether the invited address already has a user who can sign in.
    pub known_user: bool,
    /// Staff set a sign-in password with this (owner) invitation: a new user confirms it.
    pub preset_password: bool,
    /// Who sent it, by name (None: nobody known any more, or the system).
    pub inviter: Option<String>,
}

/// What an invitation link leads to.
#[derive(Debug, Clone)]
pub enum Link {
    Open(Box<Open>),
    /// Accepted, declined, revoked or expired: the page says which.
    Closed(InvitationState),
    Unknown,
}

pub fn by_link(conn: &mut DbConn, secret: &str) -> Result<Link, AppError> {
    let Some(inv) = rows::find_by_hash(conn, &hash_token(secret))? else {
        return Ok(Link::Unknown);
    };
    describe(conn, inv)
}

fn describe(conn: &mut DbConn, inv: Invitation) -> Result<Link, AppError> {
    let state = inv.state(db::now());
    if state != InvitationState::Pending {
        return Ok(Link::Closed(state));
    }
    let account = account::find(conn, inv.account_id)?;
    if account.deleted_at.is_some() {
        return Ok(Link::Closed(InvitationState::Revoked));
    }
    let found = user::find_by_email(conn, &inv.email)?;
    let known_user = found.as_ref().is_some_and(|u| u.can_sign_in());
    // A password staff set is for a person new to Clientele only: never applied to a
    // user who exists already (one waiting to activate elsewhere chooses their own).
    let preset_password = found.is_none() && rows::preset_password(conn, inv.id)?.is_some();
    let inviter = match inv.invited_by {
        Some(id) => user::names_of(conn, &[id])?.remove(&id),
        None => None,
    };
    Ok(Link::Open(Box::new(Open {
        inviter,
        invitation: inv,
        account_name: account.name,
        account_kind: account.kind,
        known_user,
        preset_password,
    })))
}

/// The open invitations of a signed-in user's address, for the chooser.
pub fn pending_for(conn: &mut DbConn, user: &User) -> Result<Vec<Open>, AppError> {
    let found = rows::pending_for_email(conn, &user.email, db::now())?;
    let inviters: Vec<i64> = found.iter().filter_map(|(i, _, _)| i.invited_by).collect();
    let names = if inviters.is_empty() {
        Default::default()
    } else {
        user::names_of(conn, &inviters)?
    };
    Ok(found
        .into_iter()
        .map(|(invitation, account_name, account_kind)| Open {
            inviter: invitation.invited_by.and_then(|id| names.get(&id).cloned()),
            invitation,
            account_name,
            account_kind,
            known_user: true,
            preset_password: false,
        })
        .collect())
}

/// How many invitations a signed-in user's address has open (the header's count).
pub fn pending_count(conn: &mut DbConn, user: &User) -> Result<i64, AppError> {
    Ok(rows::count_pending_for_email(conn, &user.email, db::now())?)
}

/// Where an accepted invitation leads.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub user_id: i64,
    pub account_id: i64,
    pub account_kind: String,
    pub account_name: String,
}

impl Accepted {
    /// The accepted account's home.
    pub fn home(&self) -> String {
        if self.account_kind == KIND_CLIENT {
            format!("/portal/{}", self.account_id)
        } else {
            format!("/groups/{}/clients", self.account_id)
        }
    }
}

/// The invitation with this id, if it was sent to this user's address and is open.
fn open_for_user(conn: &mut DbConn, id: i64, user: &User) -> Result<Open, AppError> {
    let inv = rows::find(conn, id)?;
    if inv.email != user.email {
        return Err(AppError::NotFound);
    }
    match describe(conn, inv)? {
        Link::Open(open) => Ok(*open),
        _ => Err(AppError::Conflict("the invitation is closed".into())),
    }
}

/// The open invitation behind a link (`Conflict` when closed, `NotFound` when unknown).
pub fn open_by_link(conn: &mut DbConn, secret: &str) -> Result<Open, AppError> {
    match by_link(conn, secret)? {
        Link::Open(open) => Ok(*open),
        Link::Closed(_) => Err(AppError::Conflict("the invitation is closed".into())),
        Link::Unknown => Err(AppError::NotFound),
    }
}

/// Accepts the invitation `id` as `user`, who must hold the invited address.
pub fn accept(
    conn: &mut DbConn,
    id: i64,
    user: &User,
    actor: &Actor,
) -> Result<Accepted, AppError> {
    db::write_tx(conn, |conn| {
        let open = open_for_user(conn, id, user)?;
        join(conn, &open, user.id, actor)
    })
}

/// Closes the invitation as accepted and gives the user its role (an existing membership
/// takes the invited role, unless it is the owner's). The owner named for a new client
/// becomes its owner unless someone owns it meanwhile (then an admin).
fn join(conn: &mut DbConn, open: &Open, user_id: i64, actor: &Actor) -> Result<Accepted, AppError> {
    let inv = &open.invitation;
    let now = db::now();
    if !rows::close(conn, inv.id, Close::Accepted(user_id), now)? {
        return Err(AppError::Conflict("the invitation is closed".into()));
    }
    let mut role = inv.role.clone();
    if role == ROLE_OWNER && !membership::owners_of(conn, &[inv.account_id])?.is_empty() {
        role = "admin".into();
    }
    match membership::role_in(conn, inv.account_id, user_id)? {
        None => {
            membership::insert(
                conn,
                &NewMembership {
                    account_id: inv.account_id,
                    user_id,
                    role: &role,
                    permissions: &inv.permissions,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            // A new member of a group's staff takes a place in the seller order.
            crate::models::seller_rank::rank_if_group(conn, inv.account_id)?;
        }
        Some(current) if current == "owner" => {}
        Some(_) => {
            membership::set_role(conn, inv.account_id, user_id, &role, &inv.permissions, now)?;
        }
    }
    let account = account::find(conn, inv.account_id)?;
    let (action, changes) = audit_of(inv, Step::Accepted, &role);
    audit::record(
        conn,
        actor,
        Some(group_of(&account)),
        Some(account.id),
        action,
        &changes,
    )?;
    Ok(Accepted {
        user_id,
        account_id: account.id,
        account_kind: account.kind,
        account_name: account.name,
    })
}

/// The new user a link's invitee becomes when accepting.
pub struct Newcomer {
    pub first_name: String,
    pub last_name: String,
    /// The password they chose; None: the one staff set with the invitation.
    pub password_hash: Option<String>,
    pub language: Lang,
}

/// Accepts by link as a person without a user who can sign in: a user with the invited
/// address is made (or, when one waits for its activation, given the password), and the
/// invitation accepted. A user who can sign in already is `Conflict` (they sign in first).
pub fn accept_as_newcomer(
    conn: &mut DbConn,
    secret: &str,
    who: &Newcomer,
    ip: Option<String>,
) -> Result<Accepted, AppError> {
    db::write_tx(conn, |conn| {
        let open = open_by_link(conn, secret)?;
        let email = open.invitation.email.clone();
        // The password they chose, else the one staff set (only for an address that has
        // no user yet: checked below).
        let password_hash = match &who.password_hash {
            Some(h) => h.clone(),
            None => rows::preset_password(conn, open.invitation.id)?
                .ok_or_else(|| AppError::invalid("password", "error-too-short"))?,
        };
        let language = if open.invitation.role == ROLE_OWNER {
            account::find(conn, open.invitation.account_id)?.language
        } else {
            who.language.code().to_owned()
        };
        let now = db::now();
        let (user_id, created) = user::insert_or_find(
            conn,
            &NewUser {
                email: &email,
                first_name: who.first_name.trim(),
                last_name: who.last_name.trim(),
                // A new client's owner speaks the client's language (its emails do), as
                // an activated owner always did; anyone else the page's.
                language: &language,
                password_hash: Some(&password_hash),
                activated_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )?;
        if !created {
            if who.password_hash.is_none() {
                // A user exists: a password staff set is never applied to it.
                return Err(AppError::invalid("password", "error-too-short"));
            }
            let existing = user::find(conn, user_id)?;
            if existing.password_hash.is_some() {
                return Err(AppError::Conflict("the address has a user: sign in".into()));
            }
            // Waiting for an activation (the owner of another client): this sets it.
            user::set_names(conn, user_id, who.first_name.trim(), who.last_name.trim())?;
            crate::models::seller_rank::rank_groups_of_user(conn, user_id)?;
            crate::services::users::set_password(conn, user_id, &password_hash, now)?;
        }
        join(conn, &open, user_id, &Actor::user(user_id, &email, ip))
    })
}

/// Declines the invitation `id` as `user`, who must hold the invited address.
pub fn decline(conn: &mut DbConn, id: i64, user: &User, actor: &Actor) -> Result<String, AppError> {
    db::write_tx(conn, |conn| {
        let open = open_for_user(conn, id, user)?;
        close_declined(conn, &open, actor)
    })
}

/// Declines by link, without signing in (the link proves the email was received).
pub fn decline_by_link(conn: &mut DbConn, secret: &str, actor: &Actor) -> Result<String, AppError> {
    db::write_tx(conn, |conn| {
        let open = open_by_link(conn, secret)?;
        close_declined(conn, &open, actor)
    })
}

fn close_declined(conn: &mut DbConn, open: &Open, actor: &Actor) -> Result<String, AppError> {
    let inv = &open.invitation;
    if !rows::close(conn, inv.id, Close::Declined, db::now())? {
        return Err(AppError::Conflict("the invitation is closed".into()));
    }
    let account = account::find(conn, inv.account_id)?;
    audit::record(
        conn,
        actor,
        Some(group_of(&account)),
        Some(account.id),
        "invitation.declined",
        &Changes::new().field("email", inv.email.as_str(), serde_json::Value::Null),
    )?;
    Ok(open.account_name.clone())
}

/// The job: closes the invitations whose link expired. Idempotent; each is closed once,
/// whichever instance gets there first.
pub fn expire_due(conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    let due = rows::due_to_expire(conn, now)?;
    let mut closed = 0;
    for inv in due {
        closed += db::write_tx(conn, |conn| {
            if !rows::close(conn, inv.id, Close::Expired, now)? {
                return Ok::<_, diesel::result::Error>(0);
            }
            let account = account::find(conn, inv.account_id)?;
            let (action, changes) = audit_of(&inv, Step::Expired, &inv.role);
            audit::record(
                conn,
                &Actor::system(),
                Some(group_of(&account)),
                Some(account.id),
                action,
                &changes,
            )?;
            Ok(1)
        })?;
    }
    Ok(closed)
}

/// When a new client's owner who has not accepted is reminded: on day 11 of their 14, three
/// days before the link expires.
pub const OWNER_REMINDER_AFTER: chrono::Duration = chrono::Duration::days(10);

/// The job: one reminder to each owner whose invitation reached day 11 of 14 unanswered
/// (SPEC §2's pending owner): an email in the client's language with a second link to the
/// same invitation (the same expiry; the first email's link keeps working) and an event in
/// the client's history. Once per link, whichever instance gets there first; a resend starts a new 14
/// days and so a new reminder. An invitation past its expiry is not reminded (the expiry
/// job closes it).
pub fn remind_owners(
    conn: &mut DbConn,
    now: NaiveDateTime,
    base_url: &str,
) -> Result<usize, AppError> {
    let due = rows::due_for_reminder(conn, now - OWNER_REMINDER_AFTER, now)?;
    let mut sent = 0;
    for inv in due {
        sent += db::write_tx(conn, |conn| {
            let secret = new_token();
            if !rows::mark_reminded(conn, &inv, &hash_token(&secret), now)? {
                return Ok::<_, AppError>(0);
            }
            let client = account::find(conn, inv.account_id)?;
            if client.deleted_at.is_some() {
                return Ok(0);
            }
            let group_name = match client.parent_id {
                Some(gid) => account::find(conn, gid)?.name,
                None => client.name.clone(),
            };
            let lang = Lang::from_code(&client.language);
            let preset_password = rows::preset_password(conn, inv.id)?.is_some();
            outbox::enqueue(
                conn,
                base_url,
                &Email {
                    to: inv.email.clone(),
                    lang,
                    kind: EmailKind::OwnerReminder {
                        first_name: inv.first_name.clone(),
                        client_name: client.name.clone(),
                        group_name,
                        token: secret,
                        expires_on: inv.expires_at.date(),
                        preset_password,
                    },
                    group_id: Some(group_of(&client)),
                },
            )?;
            audit::record(
                conn,
                &Actor::system(),
                Some(group_of(&client)),
                Some(client.id),
                "owner.activation_reminded",
                &Changes::new().field("owner", serde_json::Value::Null, inv.email.as_str()),
            )?;
            Ok(1)
        })?;
    }
    Ok(sent)
}
