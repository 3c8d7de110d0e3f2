//! The people of an account as the person managing them sees them: a client's users
//! (`/portal/{cid}/users`) or a group's staff (`/groups/{gid}/staff`). A [`Roster`] is made
//! only from a scope (proof that the page was allowed), and every change checks the rules
//! of `auth::rights` for this person: what role and permissions they may give, whom they
//! may change or remove; the owner is never changed or removed, only replaced by a
//! transfer to an admin, by the owner. Invitations follow the people's rule: one may
//! resend or revoke only the invitations one could have sent.
//!
//! During support access (a staff member signed in as a client's user), nothing here may
//! give anyone access: no invitation is sent or sent again, and nobody's role or
//! permissions are raised (SPEC §2 "Impersonation"); lowering and removing stay possible.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::rights::{self, ClientAccess, ClientRole, Permissions, StaffRole};
use crate::auth::scope::{GroupScope, MemberClientScope};
use crate::db::schema::{accounts, memberships, users};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{FieldErrors, email_problem};
use crate::models::account::{self, Account};
use crate::models::invitation::{self, Invitation};
use crate::models::membership;
use crate::models::user::normalize_email;
use crate::services::audit::{self, Actor, Changes};
use crate::services::invitations::{self, NewInvite, group_of};
use crate::services::throttle;

/// The account whose people are managed, and by whom.
#[derive(Debug, Clone)]
pub struct Roster {
    account_id: i64,
    /// The person managing, and how they reach the account.
    who: ClientAccess,
    user_id: i64,
    /// A staff member signed in as the client's user: nothing may grant access.
    support_access: bool,
}

impl Roster {
    /// A client's users, managed from its client area (needs `users`) by `user_id`, or by a
    /// staff member signed in as them (`support_access`: then nothing that grants access).
    /// The flag is not optional: whoever builds a roster says which it is.
    pub fn of_client(
        scope: &MemberClientScope,
        user_id: i64,
        support_access: bool,
    ) -> Result<Self, AppError> {
        if !scope.may(rights::Action::ManageMembers) {
            return Err(AppError::NotFound);
        }
        Ok(Roster {
            account_id: scope.client_id().0,
            who: scope.access(),
            user_id,
            support_access,
        })
    }

    /// A group's staff, managed by its owners and admins (never reached from inside support
    /// access: the client user's memberships are the client's only).
    pub fn of_group(scope: &GroupScope, user_id: i64) -> Result<Self, AppError> {
        if !scope.may(rights::Action::ManageStaff) {
            return Err(AppError::NotFound);
        }
        Ok(Roster {
            account_id: scope.group_id().0,
            who: ClientAccess::Staff(scope.role()),
            user_id,
            support_access: false,
        })
    }

    /// Whether it is managed from inside support access.
    pub fn is_support_access(&self) -> bool {
        self.support_access
    }

    /// Refuses what grants access, from inside support access.
    fn refuse_granting(&self) -> Result<(), AppError> {
        if self.support_access {
            return Err(AppError::NotWhileImpersonating);
        }
        Ok(())
    }

    fn is_group(&self) -> bool {
        matches!(self.who, ClientAccess::Staff(_))
    }

    /// The roles this person may give, in the order the form offers them.
    pub fn roles_to_give(&self) -> Vec<&'static str> {
        match self.who {
            ClientAccess::Staff(actor) => [StaffRole::Admin, StaffRole::Seller]
                .into_iter()
                .filter(|r| rights::may_grant_staff(actor, *r))
                .map(staff_code)
                .collect(),
            who @ ClientAccess::Member(..) => {
                let mut roles = Vec::new();
                if rights::may_grant(who, ClientRole::Admin, Permissions::ALL) {
                    roles.push("admin");
                }
                roles.push("member");
                roles
            }
        }
    }

    /// The member permissions this person may give (all four, or their own).
    pub fn permissions_to_give(&self) -> Permissions {
        match self.who {
            ClientAccess::Staff(_) => Permissions::default(),
            ClientAccess::Member(role, perms) => rights::held_permissions(role, perms),
        }
    }

    /// Whether this person may give `role` with `perms` (the stored role name).
    fn may_give(&self, role: &str, perms: Permissions) -> bool {
        match self.who {
            ClientAccess::Staff(actor) => {
                StaffRole::parse(role).is_some_and(|r| rights::may_grant_staff(actor, r))
            }
            who => ClientRole::parse(role).is_some_and(|r| rights::may_grant(who, r, perms)),
        }
    }

    /// Whether this person may change or remove the holder of `role`/`perms`.
    pub fn may_manage(&self, user_id: i64, role: &str, perms: &str) -> bool {
        if user_id == self.user_id || role == "owner" {
            return false;
        }
        match self.who {
            ClientAccess::Staff(actor) => {
                StaffRole::parse(role).is_some()
                    && rights::may(ClientAccess::Staff(actor), rights::Action::ManageStaff)
            }
            who => ClientRole::parse(role)
                .is_some_and(|r| rights::may_manage_user(who, r, Permissions::parse(perms))),
        }
    }

    /// Whether this person may resend or revoke an invitation giving `role`/`perms` (the
    /// stored words): one they could have sent.
    pub fn may_manage_invitation(&self, role: &str, perms: &str) -> bool {
        match self.who {
            ClientAccess::Staff(_) => self.may_give(role, Permissions::default()),
            who => ClientRole::parse(role)
                .is_some_and(|r| rights::may_manage_invitation(who, r, Permissions::parse(perms))),
        }
    }

    /// The roles this person may give `holder` (of `role`/`perms`) in a change: those
    /// they may give, and from inside support access none above the holder's own.
    pub fn roles_to_give_to(&self, role: &str, perms: Permissions) -> Vec<&'static str> {
        self.roles_to_give()
            .into_iter()
            .filter(|r| !self.support_access || !rights::raises((role, perms), (r, perms)))
            .collect()
    }

    /// The member permissions this person may give the holder of `role`/`perms` in a
    /// change: their own, and from inside support access only those the holder has.
    pub fn permissions_to_give_to(&self, role: &str, perms: Permissions) -> Permissions {
        let mine = self.permissions_to_give();
        if !self.support_access {
            return mine;
        }
        let held = ClientRole::parse(role).map_or(perms, |r| rights::held_permissions(r, perms));
        Permissions {
            account: mine.account && held.account,
            services: mine.services && held.services,
            users: mine.users && held.users,
            billing: mine.billing && held.billing,
        }
    }

    /// Whether this person owns the account (and so may transfer it).
    pub fn is_owner(&self) -> bool {
        matches!(
            self.who,
            ClientAccess::Staff(StaffRole::Owner) | ClientAccess::Member(ClientRole::Owner, _)
        )
    }
}

fn staff_code(r: StaffRole) -> &'static str {
    match r {
        StaffRole::Owner => "owner",
        StaffRole::Admin => "admin",
        StaffRole::Seller => "seller",
    }
}

/// One person of the account.
#[derive(Debug, Clone, Queryable)]
pub struct Person {
    pub user_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: String,
    pub permissions: String,
    /// False until they activate (an owner with a link, or a password staff set, unused).
    pub activated: bool,
    pub since: NaiveDateTime,
    /// Signs in with a code after the password.
    pub two_step: bool,
}

impl Person {
    pub fn name(&self) -> String {
        crate::models::user::person_name(&self.first_name, &self.last_name, &self.email)
    }

    pub fn perms(&self) -> Permissions {
        let stored = Permissions::parse(&self.permissions);
        ClientRole::parse(&self.role).map_or(stored, |r| rights::held_permissions(r, stored))
    }
}

/// The account's people (owner first, then admins, then the others, by name) and its
/// invitations that were not accepted, of the last 30 days.
pub struct RosterView {
    pub account: Account,
    pub people: Vec<Person>,
    pub invitations: Vec<Invitation>,
    /// On a group's staff page: the staff locked out by failed sign-ins, with the time left.
    pub locked: HashMap<String, chrono::Duration>,
    /// On a group's staff page: the staff who belong to another account too (whose lock
    /// and two-step verification guard that account as well).
    pub elsewhere: HashSet<i64>,
}

pub fn people_of(conn: &mut DbConn, account_id: i64) -> QueryResult<Vec<Person>> {
    let mut people: Vec<Person> = memberships::table
        .inner_join(users::table)
        .filter(memberships::account_id.eq(account_id))
        .order_by((
            users::first_name.asc(),
            users::last_name.asc(),
            users::id.asc(),
        ))
        .select((
            users::id,
            users::first_name,
            users::last_name,
            users::email,
            memberships::role,
            memberships::permissions,
            users::activated_at.is_not_null(),
            memberships::created_at,
            users::totp_secret.is_not_null(),
        ))
        .load(conn)?;
    let rank = |role: &str| match role {
        "owner" => 0,
        "admin" => 1,
        _ => 2,
    };
    people.sort_by_key(|p| rank(&p.role));
    Ok(people)
}

pub fn view(conn: &mut DbConn, roster: &Roster) -> Result<RosterView, AppError> {
    let now = db::now();
    let people = people_of(conn, roster.account_id)?;
    let (locked, elsewhere) = if roster.is_group() {
        let emails: Vec<String> = people.iter().map(|p| p.email.clone()).collect();
        let ids: Vec<i64> = people.iter().map(|p| p.user_id).collect();
        (
            throttle::locked(conn, &emails, now)?,
            membership::in_other_accounts(conn, &ids, roster.account_id)?,
        )
    } else {
        (HashMap::new(), HashSet::new())
    };
    Ok(RosterView {
        account: account::find(conn, roster.account_id)?,
        people,
        invitations: invitation::of_account(
            conn,
            roster.account_id,
            now - chrono::Duration::days(30),
        )?,
        locked,
        elsewhere,
    })
}

/// The invitation form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
    /// `all` (every permission) or `chosen` (the boxes below).
    #[serde(default)]
    pub access: String,
    pub perm_account: Option<String>,
    pub perm_services: Option<String>,
    pub perm_users: Option<String>,
    pub perm_billing: Option<String>,
}

impl InviteForm {
    /// The permissions the form gives: all four, or the boxes ticked.
    pub fn permissions(&self) -> Permissions {
        if self.access == "all" {
            return Permissions::ALL;
        }
        Permissions {
            account: self.perm_account.is_some(),
            services: self.perm_services.is_some(),
            users: self.perm_users.is_some(),
            billing: self.perm_billing.is_some(),
        }
    }

    /// The role and permissions as stored (permissions only for members).
    pub fn role_and_permissions(&self) -> (String, String) {
        let perms = if self.role == "member" {
            self.permissions().to_stored()
        } else {
            String::new()
        };
        (self.role.clone(), perms)
    }
}

/// The checks of a role (and its permissions) this person gives.
fn check_role(roster: &Roster, role: &str, perms: Permissions, errors: &mut FieldErrors) {
    if !roster.roles_to_give().contains(&role) {
        errors.add("role", "error-choose-role");
    } else if !roster.may_give(role, perms) {
        errors.add("permissions", "error-permissions-beyond-yours");
    }
}

/// Sends an invitation: a checked address that is neither a member nor invited already,
/// and a role this person may give.
pub fn invite(
    conn: &mut DbConn,
    roster: &Roster,
    form: &InviteForm,
    inviter_name: &str,
    lang: Lang,
    actor: &Actor,
    base_url: &str,
) -> Result<(), AppError> {
    roster.refuse_granting()?;
    let email = normalize_email(&form.email);
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "error-enter-an-email");
    } else if let Some(problem) = email_problem(&email) {
        errors.add("email", problem);
    }
    let (role, perms) = form.role_and_permissions();
    check_role(roster, &role, Permissions::parse(&perms), &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    db::write_tx(conn, |conn| {
        let account = account::find(conn, roster.account_id)?;
        let already: i64 = memberships::table
            .inner_join(users::table)
            .filter(memberships::account_id.eq(account.id))
            .filter(users::email.eq(&email))
            .count()
            .get_result(conn)?;
        if already > 0 {
            return Err(AppError::invalid("email", "error-invite-member"));
        }
        let now = db::now();
        if let Some(open) = invitation::open_for(conn, account.id, &email)? {
            if open.expires_at > now {
                return Err(AppError::invalid("email", "error-invite-pending"));
            }
            // Expired and not yet closed by the job: close it, this one replaces it.
            invitation::close(conn, open.id, invitation::Close::Expired, now)?;
        }
        invitations::send(
            conn,
            &NewInvite {
                account: &account,
                email: &email,
                role: &role,
                permissions: &perms,
                inviter_name,
                fallback_lang: lang,
            },
            actor,
            base_url,
        )?;
        Ok(())
    })
}

/// One of the account's invitations, if this person may resend or revoke it (another
/// account's is `NotFound`, one beyond their rights `Forbidden`). An invitation's role and
/// permissions never change once sent, so the check holds for the change that follows.
fn manageable_invitation(
    conn: &mut DbConn,
    roster: &Roster,
    account: &Account,
    invitation_id: i64,
) -> Result<(), AppError> {
    let inv = invitations::of_account(conn, account, invitation_id)?;
    if !roster.may_manage_invitation(&inv.role, &inv.permissions) {
        return Err(AppError::Forbidden("may not manage this invitation"));
    }
    Ok(())
}

/// Resends one of the account's invitations (a new link; at most once a minute): one this
/// person could have sent, never from inside support access.
pub fn resend(
    conn: &mut DbConn,
    roster: &Roster,
    invitation_id: i64,
    inviter_name: &str,
    lang: Lang,
    actor: &Actor,
    base_url: &str,
) -> Result<String, AppError> {
    roster.refuse_granting()?;
    let account = account::find(conn, roster.account_id)?;
    manageable_invitation(conn, roster, &account, invitation_id)?;
    invitations::resend(
        conn,
        &account,
        invitation_id,
        inviter_name,
        lang,
        actor,
        base_url,
    )
    .map(|inv| inv.email)
}

/// Revokes one of the account's open invitations: one this person could have sent.
pub fn revoke(
    conn: &mut DbConn,
    roster: &Roster,
    invitation_id: i64,
    actor: &Actor,
) -> Result<String, AppError> {
    let account = account::find(conn, roster.account_id)?;
    manageable_invitation(conn, roster, &account, invitation_id)?;
    invitations::revoke(conn, &account, invitation_id, actor).map(|inv| inv.email)
}

/// The person `user_id` of the account, if this person may change or remove them.
fn manageable(conn: &mut DbConn, roster: &Roster, user_id: i64) -> Result<Person, AppError> {
    let person = people_of(conn, roster.account_id)?
        .into_iter()
        .find(|p| p.user_id == user_id)
        .ok_or(AppError::NotFound)?;
    if !roster.may_manage(person.user_id, &person.role, &person.permissions) {
        return Err(AppError::Forbidden("may not manage this person"));
    }
    Ok(person)
}

/// Changes a person's role and permissions. Returns their name.
pub fn change(
    conn: &mut DbConn,
    roster: &Roster,
    user_id: i64,
    form: &InviteForm,
    actor: &Actor,
) -> Result<String, AppError> {
    let (role, perms) = form.role_and_permissions();
    db::write_tx(conn, |conn| {
        // The person first: somebody of another account is a 404 (and one of this account
        // this person may not manage a 403) whatever the form says.
        let person = manageable(conn, roster, user_id)?;
        let mut errors = FieldErrors::default();
        check_role(roster, &role, Permissions::parse(&perms), &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let old = (
            person.role.as_str(),
            Permissions::parse(&person.permissions),
        );
        if rights::raises(old, (role.as_str(), Permissions::parse(&perms))) {
            roster.refuse_granting()?;
        }
        let now = db::now();
        membership::set_role(conn, roster.account_id, user_id, &role, &perms, now)?;
        let account = account::find(conn, roster.account_id)?;
        audit::record(
            conn,
            actor,
            Some(group_of(&account)),
            Some(account.id),
            "member.changed",
            &Changes::new()
                .field("user", serde_json::Value::Null, person.email.as_str())
                .field("role", person.role.as_str(), role.as_str())
                .field("permissions", person.permissions.as_str(), perms.as_str()),
        )?;
        Ok(person.name())
    })
}

/// Removes a person from the account (their other accounts stay). A seller removed from a
/// group stops being the seller of its clients. Returns their name.
pub fn remove(
    conn: &mut DbConn,
    roster: &Roster,
    user_id: i64,
    actor: &Actor,
) -> Result<String, AppError> {
    db::write_tx(conn, |conn| {
        let person = manageable(conn, roster, user_id)?;
        membership::delete(conn, roster.account_id, user_id)?;
        let now = db::now();
        // Support access ends at once with the right it rested on.
        if roster.is_group() {
            crate::services::impersonation::end_by_staff(
                conn,
                user_id,
                Some(roster.account_id),
                crate::auth::impersonation::Ending::RightsRevoked,
                actor,
            )?;
        } else {
            crate::services::impersonation::end_as_target(
                conn,
                user_id,
                Some(roster.account_id),
                actor,
            )?;
        }
        if roster.is_group() {
            diesel::update(
                accounts::table
                    .filter(accounts::parent_id.eq(roster.account_id))
                    .filter(accounts::seller_id.eq(user_id)),
            )
            .set((
                accounts::seller_id.eq(None::<i64>),
                accounts::seller_rank.eq(crate::models::seller_rank::NO_SELLER_RANK),
                accounts::updated_at.eq(now),
            ))
            .execute(conn)?;
            // The others' places in the seller order close up.
            crate::models::seller_rank::rank_group(conn, roster.account_id)?;
        }
        let account = account::find(conn, roster.account_id)?;
        audit::record(
            conn,
            actor,
            Some(group_of(&account)),
            Some(account.id),
            "member.removed",
            &Changes::new()
                .field("user", person.email.as_str(), serde_json::Value::Null)
                .field("role", person.role.as_str(), serde_json::Value::Null),
        )?;
        Ok(person.name())
    })
}

/// The name of an account this address was removed from (its `member.removed` history
/// names it), for telling a person who follows an old link that their access is gone. None
/// when the address was never removed from it: the caller answers 404 as for any account.
pub fn removed_from(
    conn: &mut DbConn,
    account_id: i64,
    email: &str,
) -> QueryResult<Option<String>> {
    use crate::db::schema::audit_events;
    let events: Vec<String> = audit_events::table
        .filter(audit_events::account_id.eq(account_id))
        .filter(audit_events::action.eq("member.removed"))
        .select(audit_events::changes)
        .load(conn)?;
    let named = events.iter().any(|changes| {
        serde_json::from_str::<serde_json::Value>(changes)
            .ok()
            .and_then(|v| v.get("user")?.get(0)?.as_str().map(str::to_owned))
            .is_some_and(|user| user.eq_ignore_ascii_case(email))
    });
    if !named {
        return Ok(None);
    }
    accounts::table
        .find(account_id)
        .select(accounts::name)
        .first(conn)
        .optional()
}

/// Hands the ownership to an admin of the account: they become the owner, the owner an
/// admin. Only the owner may. Returns the new owner's name.
pub fn transfer(
    conn: &mut DbConn,
    roster: &Roster,
    user_id: i64,
    actor: &Actor,
) -> Result<String, AppError> {
    if !roster.is_owner() {
        return Err(AppError::NotFound);
    }
    db::write_tx(conn, |conn| {
        let people = people_of(conn, roster.account_id)?;
        let target = people
            .iter()
            .find(|p| p.user_id == user_id)
            .ok_or(AppError::NotFound)?;
        if target.role != "admin" {
            return Err(AppError::Conflict("ownership goes to an admin".into()));
        }
        let now = db::now();
        membership::set_role(conn, roster.account_id, roster.user_id, "admin", "", now)?;
        membership::set_role(conn, roster.account_id, user_id, "owner", "", now)?;
        let account = account::find(conn, roster.account_id)?;
        let me = people.iter().find(|p| p.user_id == roster.user_id);
        audit::record(
            conn,
            actor,
            Some(group_of(&account)),
            Some(account.id),
            "ownership.transferred",
            &Changes::new().field(
                "owner",
                me.map(|p| p.email.as_str()).unwrap_or_default(),
                target.email.as_str(),
            ),
        )?;
        Ok(target.name())
    })
}

/// Lets a staff member locked out by failed sign-ins try again at once (the group's owners
/// and admins, from the staff page; audited): only someone they may manage (not the owner,
/// not themselves), and only someone who belongs to no other account (the lock guards
/// those too, which this group may not weaken; it lifts by itself). The unlock lifts the
/// current wait only: the failures still count, so the next one locks for longer
/// (`auth::throttle`). Returns their name.
pub fn unlock(
    conn: &mut DbConn,
    roster: &Roster,
    user_id: i64,
    actor: &Actor,
) -> Result<String, AppError> {
    if !roster.is_group() {
        return Err(AppError::NotFound);
    }
    db::write_tx(conn, |conn| {
        let person = manageable(conn, roster, user_id)?;
        if !membership::in_other_accounts(conn, &[user_id], roster.account_id)?.is_empty() {
            return Err(AppError::Conflict(UNLOCK_ELSEWHERE.into()));
        }
        throttle::unlock(conn, &person.email, db::now())?;
        audit::record(
            conn,
            actor,
            Some(roster.account_id),
            None,
            "user.unlocked",
            &Changes::new().field("user", serde_json::Value::Null, person.email.as_str()),
        )?;
        Ok(person.name())
    })
}

/// A group owner or admin turns a staff member's two-step verification off (a lost phone):
/// only someone they may manage (an admin not the owner's; nobody their own: that is on
/// the profile), and only someone who belongs to no other account: their two-step
/// verification guards those too, which this group may not weaken (a person of several
/// accounts is reset by the operator, `clientele reset-two-step`). Their sessions end.
/// Returns their name.
pub fn reset_two_step(
    conn: &mut DbConn,
    roster: &Roster,
    user_id: i64,
    actor: &Actor,
) -> Result<String, AppError> {
    if !roster.is_group() {
        return Err(AppError::NotFound);
    }
    db::write_tx(conn, |conn| {
        let person = manageable(conn, roster, user_id)?;
        if !person.two_step {
            return Err(AppError::Conflict("two-step verification is off".into()));
        }
        let elsewhere = crate::models::membership::of_user(conn, user_id)?
            .iter()
            .any(|m| m.account_id != roster.account_id);
        if elsewhere {
            return Err(AppError::Conflict(TWO_STEP_ELSEWHERE.into()));
        }
        crate::services::two_step::reset_for(
            conn,
            roster.account_id,
            user_id,
            &person.email,
            actor,
        )?;
        Ok(person.name())
    })
}

/// Why a reset was refused: the person belongs to other accounts too.
pub const TWO_STEP_ELSEWHERE: &str = "the person belongs to other accounts";

/// Why an unlock was refused: the person belongs to other accounts too.
pub const UNLOCK_ELSEWHERE: &str = "the locked person belongs to other accounts";
