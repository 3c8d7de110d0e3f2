//! Who belongs to which account, in which role, with which permissions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{accounts, memberships, operator_groups, two_step_groups};
use crate::models::account::KIND_CLIENT;

#[derive(Insertable)]
#[diesel(table_name = memberships)]
pub struct NewMembership<'a> {
    pub account_id: i64,
    pub user_id: i64,
    pub role: &'a str,
    pub permissions: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewMembership) -> QueryResult<i64> {
    diesel::insert_into(memberships::table)
        .values(new)
        .returning(memberships::id)
        .get_result(conn)
}

/// Makes a user the owner of an account.
pub fn add_owner(
    conn: &mut DbConn,
    account_id: i64,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    insert(
        conn,
        &NewMembership {
            account_id,
            user_id,
            role: "owner",
            permissions: "",
            created_at: now,
            updated_at: now,
        },
    )
}

/// A membership with what the console needs of its account (header switcher, scopes).
#[derive(Debug, Clone, Queryable)]
pub struct MembershipRow {
    pub account_id: i64,
    pub role: String,
    pub permissions: String,
    pub account_kind: String,
    pub account_name: String,
    pub parent_id: Option<i64>,
    pub deleted_at: Option<NaiveDateTime>,
    /// The account is a group that requires two-step verification of its staff (read with
    /// the memberships, so the console's gate asks nothing more).
    pub two_step_required: bool,
    /// The account is an operator group (the first one, or made with `--operator`): its
    /// owners see the status page.
    pub operator: bool,
}

/// A user's memberships as read from the database. Only [`of_user`] makes one (the field is
/// private), so the scopes built from it (`auth::scope`) rest on what is stored, never on
/// rows made up elsewhere.
#[derive(Debug, Clone)]
pub struct Memberships(Vec<MembershipRow>);

impl Memberships {
    pub fn iter(&self) -> std::slice::Iter<'_, MembershipRow> {
        self.0.iter()
    }

    /// Only the membership of this client (what an impersonating staff member reaches of
    /// the client user's accounts).
    pub fn only_client(self, client_id: i64) -> Self {
        Memberships(
            self.0
                .into_iter()
                .filter(|m| m.account_id == client_id && m.account_kind == KIND_CLIENT)
                .collect(),
        )
    }

    /// Made from rows, for the scopes' unit tests only.
    #[cfg(test)]
    pub fn from_rows(rows: Vec<MembershipRow>) -> Self {
        Memberships(rows)
    }
}

/// Every membership of a user, groups first, then by account name.
/// Which of these users belong to an account other than `account_id` too.
pub fn in_other_accounts(
    conn: &mut DbConn,
    user_ids: &[i64],
    account_id: i64,
) -> QueryResult<std::collections::HashSet<i64>> {
    let ids: Vec<i64> = memberships::table
        .filter(memberships::user_id.eq_any(user_ids))
        .filter(memberships::account_id.ne(account_id))
        .select(memberships::user_id)
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

pub fn of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Memberships> {
    rows_of_user(conn, user_id).map(Memberships)
}

fn rows_of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<MembershipRow>> {
    memberships::table
        .inner_join(accounts::table)
        .filter(memberships::user_id.eq(user_id))
        .order_by((
            accounts::kind.desc(),
            accounts::name_key.asc(),
            accounts::id.asc(),
        ))
        .select((
            memberships::account_id,
            memberships::role,
            memberships::permissions,
            accounts::kind,
            accounts::name,
            accounts::parent_id,
            accounts::deleted_at,
            diesel::dsl::exists(
                two_step_groups::table.filter(two_step_groups::group_id.eq(accounts::id)),
            ),
            diesel::dsl::exists(
                operator_groups::table.filter(operator_groups::group_id.eq(accounts::id)),
            ),
        ))
        .load(conn)
}

/// A group's staff (owner, admin, seller), for the seller select and its checks.
#[derive(Debug, Clone, Queryable)]
pub struct StaffMember {
    pub user_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: String,
}

impl StaffMember {
    pub fn display_name(&self) -> String {
        crate::models::user::person_name(&self.first_name, &self.last_name, &self.email)
    }
}

/// A group's staff in the order the console lists them as sellers: by name as shown,
/// lower-cased in Rust (so both backends agree), then by id.
pub fn staff_by_name(conn: &mut DbConn, group_id: i64) -> QueryResult<Vec<StaffMember>> {
    let mut staff = staff_of_group(conn, group_id)?;
    staff.sort_by_key(|s| (s.display_name().to_lowercase(), s.user_id));
    Ok(staff)
}

pub fn staff_of_group(conn: &mut DbConn, group_id: i64) -> QueryResult<Vec<StaffMember>> {
    use crate::db::schema::users;
    memberships::table
        .inner_join(users::table)
        .filter(memberships::account_id.eq(group_id))
        // Not `eq_any`: its IN list makes a statement SQLite never caches (prepared anew on
        // every list page).
        .filter(
            memberships::role
                .eq("owner")
                .or(memberships::role.eq("admin"))
                .or(memberships::role.eq("seller")),
        )
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
        ))
        .load(conn)
}

pub fn role_in(conn: &mut DbConn, account_id: i64, user_id: i64) -> QueryResult<Option<String>> {
    memberships::table
        .filter(memberships::account_id.eq(account_id))
        .filter(memberships::user_id.eq(user_id))
        .select(memberships::role)
        .first(conn)
        .optional()
}

/// Changes a membership's role and permissions.
pub fn set_role(
    conn: &mut DbConn,
    account_id: i64,
    user_id: i64,
    role: &str,
    permissions: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        memberships::table
            .filter(memberships::account_id.eq(account_id))
            .filter(memberships::user_id.eq(user_id)),
    )
    .set((
        memberships::role.eq(role),
        memberships::permissions.eq(permissions),
        memberships::updated_at.eq(now),
    ))
    .execute(conn)
}

pub fn delete(conn: &mut DbConn, account_id: i64, user_id: i64) -> QueryResult<usize> {
    diesel::delete(
        memberships::table
            .filter(memberships::account_id.eq(account_id))
            .filter(memberships::user_id.eq(user_id)),
    )
    .execute(conn)
}

pub fn count_for_user(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    memberships::table
        .filter(memberships::user_id.eq(user_id))
        .count()
        .get_result(conn)
}

/// A client's owner as the console shows it: who, and whether they still have to activate.
#[derive(Debug, Clone, Queryable)]
pub struct OwnerRow {
    pub account_id: i64,
    pub user_id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
    /// Whether the owner activated (a link, or the first sign-in with a password staff set).
    pub activated: bool,
    /// Since when they own the client (their 14 days run from here when no link was sent).
    pub since: chrono::NaiveDateTime,
}

/// The owners of these clients (one per client at most).
pub fn owners_of(conn: &mut DbConn, client_ids: &[i64]) -> QueryResult<Vec<OwnerRow>> {
    use crate::db::schema::users;
    memberships::table
        .inner_join(users::table)
        .filter(crate::db::in_ids(memberships::account_id, client_ids))
        .filter(memberships::role.eq("owner"))
        .order_by(memberships::id.asc())
        .select((
            memberships::account_id,
            users::id,
            users::email,
            users::first_name,
            users::last_name,
            users::language,
            users::activated_at.is_not_null(),
            memberships::created_at,
        ))
        .load(conn)
}

/// Which of these clients have an owner or admin who can sign in (`User::can_sign_in`):
/// support access opens as one of them (`auth::impersonation::target`), so "Log in" has
/// someone to open as.
pub fn with_someone_to_sign_in_as(conn: &mut DbConn, client_ids: &[i64]) -> QueryResult<Vec<i64>> {
    use crate::db::schema::users;
    memberships::table
        .inner_join(users::table)
        .filter(crate::db::in_ids(memberships::account_id, client_ids))
        .filter(memberships::role.eq_any(["owner", "admin"]))
        .filter(users::password_hash.is_not_null())
        .filter(users::disabled_at.is_null())
        .select(memberships::account_id)
        .distinct()
        .load(conn)
}
