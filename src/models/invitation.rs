//! Invitations to an account (a client's users, a group's staff, a new client's owner who
//! already had a user). Only the link's hash is stored; a resend replaces it, so the old
//! link opens nothing. Every change of state is one conditional UPDATE on an open row, so
//! two requests racing with one invitation cannot both win. At most one open invitation
//! per account and address (a partial unique index).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{accounts, invitations};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitations)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Invitation {
    pub id: i64,
    pub account_id: i64,
    pub email: String,
    pub role: String,
    pub permissions: String,
    pub invited_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub sent_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub declined_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
    pub expired_at: Option<NaiveDateTime>,
    /// The name staff typed for a new client's owner (blank for other invitations).
    pub first_name: String,
    pub last_name: String,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Pending,
    Accepted,
    Declined,
    Revoked,
    Expired,
}

impl InvitationState {
    pub fn code(self) -> &'static str {
        match self {
            InvitationState::Pending => "pending",
            InvitationState::Accepted => "accepted",
            InvitationState::Declined => "declined",
            InvitationState::Revoked => "revoked",
            InvitationState::Expired => "expired",
        }
    }

    /// The catalogue key of the state's name.
    pub fn label_key(self) -> &'static str {
        match self {
            InvitationState::Pending => "invitation-state-pending",
            InvitationState::Accepted => "invitation-state-accepted",
            InvitationState::Declined => "invitation-state-declined",
            InvitationState::Revoked => "invitation-state-revoked",
            InvitationState::Expired => "invitation-state-expired",
        }
    }
}

impl Invitation {
    /// The state at `now`: a link past its expiry is expired even before the job marks it.
    pub fn state(&self, now: NaiveDateTime) -> InvitationState {
        if self.accepted_at.is_some() {
            InvitationState::Accepted
        } else if self.declined_at.is_some() {
            InvitationState::Declined
        } else if self.revoked_at.is_some() {
            InvitationState::Revoked
        } else if self.expired_at.is_some() || self.expires_at <= now {
            InvitationState::Expired
        } else {
            InvitationState::Pending
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = invitations)]
pub struct NewInvitation<'a> {
    pub account_id: i64,
    pub email: &'a str,
    pub role: &'a str,
    pub permissions: &'a str,
    pub token_hash: &'a str,
    pub invited_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub sent_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub first_name: &'a str,
    pub last_name: &'a str,
    /// The bcrypt hash of a sign-in password staff set for a new client's owner.
    pub password_hash: Option<&'a str>,
}

pub fn insert(conn: &mut DbConn, new: &NewInvitation) -> QueryResult<i64> {
    diesel::insert_into(invitations::table)
        .values(new)
        .returning(invitations::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Invitation> {
    invitations::table
        .find(id)
        .select(Invitation::as_select())
        .first(conn)
}

/// The invitation a link opens: its current link, or the one its first email carried when
/// the day-11 reminder sent a new one (both work until the invitation's expiry; a resend
/// voids both).
pub fn find_by_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<Invitation>> {
    let current = invitations::table
        .filter(invitations::token_hash.eq(hash))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?;
    if current.is_some() {
        return Ok(current);
    }
    invitations::table
        .filter(invitations::earlier_token_hash.eq(hash))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// The rows not closed by anyone (a link past its expiry included, until the job runs).
macro_rules! open {
    ($q:expr) => {
        $q.filter(invitations::accepted_at.is_null())
            .filter(invitations::declined_at.is_null())
            .filter(invitations::revoked_at.is_null())
            .filter(invitations::expired_at.is_null())
    };
}

/// The open invitation of an address to an account, if any.
pub fn open_for(
    conn: &mut DbConn,
    account_id: i64,
    email: &str,
) -> QueryResult<Option<Invitation>> {
    open!(invitations::table)
        .filter(invitations::account_id.eq(account_id))
        .filter(invitations::email.eq(email))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// The open invitations to own these clients (a new client's owner whose address has a
/// user), newest first.
pub fn open_owner_invitations(
    conn: &mut DbConn,
    client_ids: &[i64],
) -> QueryResult<Vec<Invitation>> {
    open!(invitations::table)
        .filter(crate::db::in_ids(invitations::account_id, client_ids))
        .filter(invitations::role.eq("owner"))
        .order_by((invitations::sent_at.desc(), invitations::id.desc()))
        .select(Invitation::as_select())
        .load(conn)
}

/// The open invitation to own this client, if any.
pub fn open_owner_invitation(conn: &mut DbConn, client_id: i64) -> QueryResult<Option<Invitation>> {
    Ok(open_owner_invitations(conn, &[client_id])?
        .into_iter()
        .next())
}

/// An account's invitations that were not accepted, newest first: the open ones and those
/// that ended (declined, revoked, expired) since `since`.
pub fn of_account(
    conn: &mut DbConn,
    account_id: i64,
    since: NaiveDateTime,
) -> QueryResult<Vec<Invitation>> {
    invitations::table
        .filter(invitations::account_id.eq(account_id))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::sent_at.ge(since))
        .order_by((invitations::sent_at.desc(), invitations::id.desc()))
        .select(Invitation::as_select())
        .limit(200)
        .load(conn)
}

/// The open, unexpired invitations of an address to accounts not deleted.
macro_rules! pending {
    ($email:expr, $now:expr) => {
        open!(invitations::table.inner_join(accounts::table))
            .filter(invitations::email.eq($email))
            .filter(invitations::expires_at.gt($now))
            .filter(accounts::deleted_at.is_null())
    };
}

/// The open, unexpired invitations of an address, with their account's name and kind
/// (the chooser lists them with Accept / Decline). Deleted accounts are left out.
pub fn pending_for_email(
    conn: &mut DbConn,
    email: &str,
    now: NaiveDateTime,
) -> QueryResult<Vec<(Invitation, String, String)>> {
    pending!(email, now)
        .order_by((invitations::sent_at.desc(), invitations::id.desc()))
        .select((Invitation::as_select(), accounts::name, accounts::kind))
        .load(conn)
}

/// How many of them there are (the count in the header of every page), by the
/// invitations' email index.
pub fn count_pending_for_email(
    conn: &mut DbConn,
    email: &str,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    pending!(email, now).count().get_result(conn)
}

/// A new link for an open invitation, valid until `expires_at`; only when the last one was
/// sent at or before `sent_before` (resend at most once a minute). True when replaced.
pub fn replace_link(
    conn: &mut DbConn,
    id: i64,
    hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
    sent_before: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(open!(invitations::table.filter(invitations::id.eq(id))))
        .filter(invitations::sent_at.le(sent_before))
        .set((
            invitations::token_hash.eq(hash),
            invitations::sent_at.eq(now),
            invitations::expires_at.eq(expires_at),
            // A new link starts a new 14 days, and so a new reminder on its day 11; the
            // links sent before it stop working.
            invitations::reminded_at.eq(None::<NaiveDateTime>),
            invitations::earlier_token_hash.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The open owner invitations whose link went out at or before `sent_before` and that were
/// not reminded yet, oldest first (the reminder job), read from their partial index: its
/// condition is written out as the index writes it, as SQLite matches a partial index
/// only to literal terms (it plans without looking at bound values).
#[diesel::dsl::auto_type(no_type_alias)]
fn reminder_candidates(sent_before: NaiveDateTime, now: NaiveDateTime) -> _ {
    let batch: i64 = 1000;
    let due: diesel::expression::SqlLiteral<diesel::sql_types::Bool> = diesel::dsl::sql(
        "invitations.role = 'owner' AND invitations.reminded_at IS NULL \
         AND invitations.accepted_at IS NULL AND invitations.declined_at IS NULL \
         AND invitations.revoked_at IS NULL AND invitations.expired_at IS NULL",
    );
    let fields: diesel::dsl::AsSelect<Invitation, crate::db::MultiBackend> =
        Invitation::as_select();
    invitations::table
        .filter(due)
        .filter(invitations::sent_at.le(sent_before))
        // Expired ones wait for the expiry job: they must not fill the batch.
        .filter(invitations::expires_at.gt(now))
        .order_by(invitations::sent_at.asc())
        .select(fields)
        .limit(batch)
}

/// The owner invitations to remind at `now`: sent at or before `sent_before`, not expired.
pub fn due_for_reminder(
    conn: &mut DbConn,
    sent_before: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<Vec<Invitation>> {
    reminder_candidates(sent_before, now).load(conn)
}

/// The plan of the reminder job's look-up (a plan test).
pub fn reminder_plan(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    let now = crate::db::now();
    crate::db::explain::explain(conn, reminder_candidates(now, now))
}

/// Marks an open owner invitation reminded and gives it a second link (the reminder's: only
/// hashes are stored, so the email cannot carry the first one), its expiry unchanged; the
/// first link keeps working beside it. Only if it was not reminded since `sent_at` and has
/// not expired. True for the one caller
/// that wins, so each invitation is reminded once however many instances run the job.
pub fn mark_reminded(
    conn: &mut DbConn,
    inv: &Invitation,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(open!(invitations::table.filter(invitations::id.eq(inv.id))))
        .filter(invitations::reminded_at.is_null())
        .filter(invitations::sent_at.eq(inv.sent_at))
        .filter(invitations::expires_at.gt(now))
        .set((
            invitations::earlier_token_hash.eq(invitations::token_hash.nullable()),
            invitations::token_hash.eq(hash),
            invitations::reminded_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// How an open invitation is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Close {
    /// Accepted by this user (only before the link expires).
    Accepted(i64),
    Declined,
    Revoked,
    /// Closed by the expiry job (only once the link expired).
    Expired,
}

/// Closes an open invitation; true only for the one caller that found it open.
pub fn close(conn: &mut DbConn, id: i64, how: Close, now: NaiveDateTime) -> QueryResult<bool> {
    let target = open!(invitations::table.filter(invitations::id.eq(id)));
    let n = match how {
        Close::Accepted(user_id) => diesel::update(target.filter(invitations::expires_at.gt(now)))
            .set((
                invitations::accepted_at.eq(now),
                invitations::accepted_by.eq(user_id),
            ))
            .execute(conn)?,
        Close::Declined => diesel::update(target.filter(invitations::expires_at.gt(now)))
            .set(invitations::declined_at.eq(now))
            .execute(conn)?,
        Close::Revoked => diesel::update(target)
            .set(invitations::revoked_at.eq(now))
            .execute(conn)?,
        Close::Expired => diesel::update(target.filter(invitations::expires_at.le(now)))
            .set(invitations::expired_at.eq(now))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// The open invitations whose link expired by `now` (for the expiry job).
pub fn due_to_expire(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<Vec<Invitation>> {
    open!(invitations::table)
        .filter(invitations::expires_at.le(now))
        .order_by(invitations::id.asc())
        .select(Invitation::as_select())
        .limit(1000)
        .load(conn)
}

/// The sign-in password's hash staff set with a new client's owner invitation, if any.
pub fn preset_password(conn: &mut DbConn, id: i64) -> QueryResult<Option<String>> {
    invitations::table
        .find(id)
        .select(invitations::password_hash)
        .first(conn)
}

/// Renames the person an open invitation is for (a new client's owner).
pub fn set_names(conn: &mut DbConn, id: i64, first: &str, last: &str) -> QueryResult<usize> {
    diesel::update(open!(invitations::table.filter(invitations::id.eq(id))))
        .set((
            invitations::first_name.eq(first),
            invitations::last_name.eq(last),
        ))
        .execute(conn)
}

/// An account's open invitations (not accepted, declined, revoked or expired).
pub fn open_of_account(conn: &mut DbConn, account_id: i64) -> QueryResult<Vec<Invitation>> {
    open!(invitations::table)
        .filter(invitations::account_id.eq(account_id))
        .order_by(invitations::id)
        .select(Invitation::as_select())
        .load(conn)
}
